package io.callbridge.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A source-address allow-list: IPv4 addresses and CIDR ranges such as Zadarma's
 * {@code 185.45.152.40/30}, parsed once so a webhook only compares numbers. An
 * unrestricted list accepts any sender; a restricted one only senders in its ranges.
 */
public final class AddressRanges {

	private static final AddressRanges ANY = new AddressRanges(List.of(), false);

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

	private final List<Range> ranges;

	private final boolean restricted;

	private AddressRanges(List<Range> ranges, boolean restricted) {
		this.ranges = List.copyOf(ranges);
		this.restricted = restricted;
	}

	/** The list that accepts any sender. */
	public static AddressRanges any() {
		return ANY;
	}

	/**
	 * The list written as comma-separated entries; blank accepts any sender.
	 * @throws IllegalArgumentException naming the first entry that is not an address or
	 * range
	 */
	public static AddressRanges parse(String list) {
		String unusable = firstUnusable(list);
		if (unusable != null) {
			throw new IllegalArgumentException("'" + unusable + "' is not an IPv4 address or range");
		}
		return usableEntriesOf(list);
	}

	/**
	 * The usable entries of a list that has unusable ones (stored before lists were
	 * checked): it stays restricted, so an entry with a typo matches nobody instead of
	 * opening the list to everyone.
	 */
	public static AddressRanges usableEntriesOf(String list) {
		if (list.isBlank()) {
			return ANY;
		}
		List<Range> ranges = new ArrayList<>();
		for (String entry : list.split(",")) {
			Range range = Range.of(entry.strip());
			if (range != null) {
				ranges.add(range);
			}
		}
		return new AddressRanges(ranges, true);
	}

	/** The first entry of {@code list} that is neither an address nor a range, if any. */
	public static @Nullable String firstUnusable(String list) {
		if (list.isBlank()) {
			return null;
		}
		for (String entry : list.split(",", -1)) {
			if (Range.of(entry.strip()) == null) {
				return entry.strip();
			}
		}
		return null;
	}

	/**
	 * Whether a sender at {@code address} (as the servlet container reports it) may post.
	 */
	public boolean allows(String address) {
		if (!this.restricted) {
			return true;
		}
		Long candidate = ipv4(address.strip());
		return candidate != null && this.ranges.stream().anyMatch((range) -> range.contains(candidate));
	}

	/** Whether the list accepts any sender. */
	public boolean acceptsAny() {
		return !this.restricted;
	}

	@Override
	public String toString() {
		return this.restricted ? this.ranges.toString() : "any";
	}

	private static @Nullable Long ipv4(String text) {
		Matcher matcher = IPV4.matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		long value = 0;
		for (int group = 1; group <= 4; group++) {
			int octet = Integer.parseInt(matcher.group(group));
			if (octet > 255) {
				return null;
			}
			value = (value << 8) | octet;
		}
		return value;
	}

	/** One address ({@code /32}) or CIDR range as network and mask. */
	private record Range(long network, long mask) {

		static @Nullable Range of(String entry) {
			String[] parts = entry.split("/", -1);
			Long address = ipv4(parts[0]);
			if (parts.length > 2 || address == null
					|| (parts.length == 2 && !(parts[1].matches("\\d{1,2}") && Integer.parseInt(parts[1]) <= 32))) {
				return null;
			}
			int bits = (parts.length == 2) ? Integer.parseInt(parts[1]) : 32;
			long mask = (bits == 0) ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
			return new Range(address & mask, mask);
		}

		boolean contains(long candidate) {
			return (candidate & this.mask) == this.network;
		}

	}

}
