package io.callbridge.zadarma.inbound;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.telephony.SettingField;
import org.jspecify.annotations.Nullable;

/**
 * Checks a caller's IPv4 address against an account's allow-list: comma-separated
 * addresses or CIDR ranges, e.g. Zadarma's published {@code 185.45.152.40/30}. An empty
 * list allows everyone. Lists are checked when an account is saved; an entry that is
 * still unusable (stored before that check) matches nobody instead of failing the
 * request.
 */
final class IpAllowList {

	private IpAllowList() {
	}

	static boolean allows(@Nullable String list, String address) {
		if (list == null || list.isBlank()) {
			return true;
		}
		Long candidate = ipv4(address);
		if (candidate == null) {
			return false;
		}
		for (String entry : list.split(",")) {
			if (SettingField.isAddressOrRange(entry) && matches(entry.strip(), candidate)) {
				return true;
			}
		}
		return false;
	}

	/** The entries of the list that are neither an IPv4 address nor a CIDR range. */
	static List<String> unusable(@Nullable String list) {
		List<String> unusable = new ArrayList<>();
		if (list != null && !list.isBlank()) {
			for (String entry : list.split(",")) {
				if (!SettingField.isAddressOrRange(entry)) {
					unusable.add(entry.strip());
				}
			}
		}
		return unusable;
	}

	private static boolean matches(String entry, long candidate) {
		String[] parts = entry.split("/");
		int bits = (parts.length > 1) ? Integer.parseInt(parts[1]) : 32;
		long mask = (bits == 0) ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
		Long network = ipv4(parts[0]);
		return network != null && (network & mask) == (candidate & mask);
	}

	private static @Nullable Long ipv4(String text) {
		if (!SettingField.isAddressOrRange(text) || text.contains("/")) {
			return null;
		}
		long value = 0;
		for (String octet : text.strip().split("\\.")) {
			value = (value << 8) | Integer.parseInt(octet);
		}
		return value;
	}

}
