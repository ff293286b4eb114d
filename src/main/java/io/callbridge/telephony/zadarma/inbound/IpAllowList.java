package io.callbridge.telephony.zadarma.inbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Checks a caller's IPv4 address against an account's allow-list: comma-separated
 * addresses or CIDR ranges, e.g. Zadarma's published {@code 185.45.152.40/30}. An empty
 * list allows everyone.
 */
final class IpAllowList {

	private IpAllowList() {
	}

	static boolean allows(String list, String address) {
		if (list == null || list.isBlank()) {
			return true;
		}
		for (String entry : list.split(",")) {
			if (!entry.isBlank() && matches(entry.strip(), address)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(String entry, String address) {
		String[] parts = entry.split("/");
		int bits = (parts.length > 1) ? Integer.parseInt(parts[1]) : 32;
		long mask = (bits == 0) ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
		Long network = ipv4(parts[0]);
		Long candidate = ipv4(address);
		return network != null && candidate != null && (network & mask) == (candidate & mask);
	}

	private static Long ipv4(String text) {
		if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
			return null;
		}
		try {
			byte[] bytes = InetAddress.getByName(text).getAddress();
			long value = 0;
			for (byte b : bytes) {
				value = (value << 8) | (b & 0xFF);
			}
			return value;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
