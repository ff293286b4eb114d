package io.callbridge.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as the server sees it. {@code X-Forwarded-For} counts only when
 * the operator trusts the proxy ({@code server.forward-headers-strategy=native}, whose
 * trusted proxies are {@code server.tomcat.remoteip.internal-proxies}); then the servlet
 * container has already put the client's address in the request, and it is never read
 * from the header here.
 */
final class ClientAddress {

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.%]+");

	private ClientAddress() {
	}

	/** The address, as recorded in the audit trail. */
	static String of(HttpServletRequest request) {
		return String.valueOf(request.getRemoteAddr());
	}

	/**
	 * The address as counted by the login throttle: IPv6 clients by their /64 network,
	 * which one client usually has whole.
	 */
	static String throttleKey(String address) {
		if (!IP_LITERAL.matcher(address).matches()) {
			return address;
		}
		try {
			// An IP literal: no name lookup happens.
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length == 4) {
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			byte[] network = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
			return InetAddress.getByAddress(network).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
