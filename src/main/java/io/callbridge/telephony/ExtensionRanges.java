package io.callbridge.telephony;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * Numeric extensions written as a list of single extensions and ranges, e.g.
 * {@code 100-119, 150}: how an account whose extensions Callbridge defines (the sandbox)
 * names them.
 */
public final class ExtensionRanges {

	/** The most extensions such a list may hold. */
	public static final int MAX_EXTENSIONS = 10_000;

	private static final Pattern PART = Pattern.compile("(\\d{1,6})(?:\\s*-\\s*(\\d{1,6}))?");

	private ExtensionRanges() {
	}

	/**
	 * The extensions of a list, in ascending order.
	 * @throws IllegalArgumentException with the reason when the list is not one
	 */
	public static List<String> parse(String spec) {
		Text problem = problem(spec);
		if (problem != null) {
			throw new IllegalArgumentException(problem.english());
		}
		TreeSet<Integer> numbers = new TreeSet<>();
		for (String part : spec.split(",")) {
			Matcher matcher = PART.matcher(part.strip());
			matcher.matches();
			int from = Integer.parseInt(matcher.group(1));
			int to = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : from;
			for (int n = from; n <= to; n++) {
				numbers.add(n);
			}
		}
		return numbers.stream().map(String::valueOf).toList();
	}

	/**
	 * Why {@code spec} is not a list of extensions and ranges, or {@code null} when it is
	 * one.
	 */
	public static @Nullable Text problem(String spec) {
		long total = 0;
		for (String part : spec.split(",", -1)) {
			Matcher matcher = PART.matcher(part.strip());
			if (!matcher.matches()) {
				return Text.of("extensionList.notAPart", part.strip());
			}
			int from = Integer.parseInt(matcher.group(1));
			int to = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : from;
			if (to < from) {
				return Text.of("extensionList.backwards", part.strip());
			}
			total += to - from + 1;
		}
		return (total > MAX_EXTENSIONS) ? Text.of("extensionList.tooMany", MAX_EXTENSIONS) : null;
	}

	/**
	 * The shortest list naming exactly these extensions, e.g. {@code 100-119, 150};
	 * extensions that are not numbers are listed as they are, after the numbers.
	 */
	public static String format(Collection<String> extensions) {
		TreeSet<Integer> numbers = new TreeSet<>();
		TreeSet<String> others = new TreeSet<>();
		for (String extension : extensions) {
			if (extension.matches("\\d{1,6}")) {
				numbers.add(Integer.parseInt(extension));
			}
			else {
				others.add(extension);
			}
		}
		List<String> parts = new ArrayList<>();
		Integer start = null;
		Integer previous = null;
		for (int n : numbers) {
			if (previous != null && n == previous + 1) {
				previous = n;
				continue;
			}
			if (start != null) {
				parts.add(range(start, previous));
			}
			start = n;
			previous = n;
		}
		if (start != null) {
			parts.add(range(start, previous));
		}
		parts.addAll(others);
		return String.join(", ", parts);
	}

	private static String range(int from, int to) {
		return (from == to) ? String.valueOf(from) : from + "-" + to;
	}

}
