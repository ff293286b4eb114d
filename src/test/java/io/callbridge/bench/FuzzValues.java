package io.callbridge.bench;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile values the fuzzer puts where a valid one belongs: empty, huge, NUL bytes,
 * unusual Unicode, numbers out of every range, dates that are not dates, injection
 * strings. Drawn from the fuzzer's seeded {@link Random}, so a run is repeatable.
 */
final class FuzzValues {

	static final String NUL = "\u0000";

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/:]+)(?::[^}]*)?}");

	private static final List<String> STRINGS = List.of("", " ", "\t\r\n", "a" + NUL + "b", NUL, "x".repeat(300),
			"y".repeat(5_000), "z".repeat(100_000), "Ñandú 🎉 \u202Eabc مرحبا 漢字", "e\u0301\u0301\u0301", "\uD83D",
			"\uFFFF\uFFFE", "'; DROP TABLE calls;--", "<script>alert(1)</script>", "%s%n%x",
			"${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "null", "true", "-1", "1e999", "[]", "{}",
			"+34 600 000 000", "+".repeat(50) + "1".repeat(60), "999999999999999999999999999999", "\\u0000",
			"🎉".repeat(2_000), "a,b;c\"d'e");

	private static final List<String> NUMBERS = List.of("-1", "0", "-0", "2147483648", "-2147483649",
			"9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e308", "1e400", "-1e400", "0.5",
			"1.0000000000000000001", "99999999999999999999999999", "1E2", "-0.0");

	private static final List<String> DATES = List.of("2026-13-45T00:00:00Z", "yesterday", "0000-00-00T00:00:00Z",
			"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-01-01", "1970-01-01T00:00:00Z",
			"99999-01-01T00:00:00Z", "2026-02-30T10:00:00+25:00", "2026-06-01T10:00:00", "1", "");

	private static final List<String> IDS = List.of("0", "-1", "999999999", "9223372036854775807",
			"9223372036854775808", "abc", "1.5", "%00", "%C3%B1", "%20", "%FF", "1%2F2", "x".repeat(3_000), "null",
			"1e3", "%F0%9F%8E%89");

	private final Random random;

	FuzzValues(Random random) {
		this.random = random;
	}

	Random random() {
		return this.random;
	}

	String string() {
		return pick(STRINGS);
	}

	/** A number as raw JSON text (may be out of range of every Java type). */
	String number() {
		return pick(NUMBERS);
	}

	String date() {
		return pick(DATES);
	}

	/** A path id that does not name anything, already percent-encoded. */
	String id() {
		return pick(IDS);
	}

	boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	int between(int from, int to) {
		return from + this.random.nextInt(to - from + 1);
	}

	<T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	// For the report: short, and written with escapes where a character is a control or
	// half a pair (the report is UTF-8, which has no lone surrogate).
	static String shown(String value) {
		StringBuilder shown = new StringBuilder();
		value.chars().limit(20).forEach((c) -> {
			if (c < 0x20 || Character.isSurrogate((char) c)) {
				shown.append(String.format("\\u%04X", c));
			}
			else {
				shown.append((char) c);
			}
		});
		return (value.length() > 20) ? shown + "…(" + value.length() + ")" : shown.toString();
	}

	/**
	 * A path with its {@code {variables}} filled: mostly with ids that name something,
	 * else (30 %, or when there are none) with ids that name nothing or are no ids, each
	 * such one added to the mutations.
	 * @param pattern the path pattern
	 * @param ids ids that name something
	 * @param mutations what was made odd, for the report
	 * @return the path
	 */
	String path(String pattern, List<String> ids, List<String> mutations) {
		Matcher matcher = PATH_VARIABLE.matcher(pattern);
		StringBuilder path = new StringBuilder();
		while (matcher.find()) {
			String value;
			if (!ids.isEmpty() && chance(0.7)) {
				value = pick(ids);
			}
			else {
				value = id();
				mutations.add("path " + matcher.group(1) + "=" + shown(value));
			}
			matcher.appendReplacement(path, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(path);
		return path.toString();
	}

}
