package io.callbridge.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The SSRF guard: which addresses a webhook may be sent to. Checked when an endpoint is
 * saved and again on every connection, on the addresses the name resolves to then (a DNS
 * answer may change in between). Loopback and private networks are refused unless
 * {@code callbridge.webhooks.allow-private-targets} is on (on-premises installs);
 * link-local, cloud metadata, unspecified, multicast, broadcast and reserved addresses
 * are always refused.
 */
@Component
class TargetGuard {

	private final HostResolver resolver;

	private final boolean allowPrivate;

	TargetGuard(HostResolver resolver, WebhookProperties properties) {
		this.resolver = resolver;
		this.allowPrivate = properties.allowPrivateTargets();
	}

	/**
	 * The host's addresses, when every one of them may be connected to.
	 * @throws TargetRefusedException when one may not
	 * @throws UnknownHostException when the name does not resolve
	 */
	InetAddress[] resolveAllowed(String host) throws UnknownHostException {
		InetAddress[] addresses = this.resolver.resolve(host);
		for (InetAddress address : addresses) {
			Optional<String> refusal = refusal(address);
			if (refusal.isPresent()) {
				throw new TargetRefusedException("Refused target " + host + " (" + address.getHostAddress() + "): "
						+ refusal.get() + " address");
			}
		}
		return addresses;
	}

	/** Why an address may not be connected to, if it may not. */
	Optional<String> refusal(InetAddress address) {
		AddressClass type = classify(address);
		return switch (type) {
			case PUBLIC -> Optional.empty();
			case LOOPBACK, PRIVATE -> this.allowPrivate ? Optional.empty() : Optional.of(type.label);
			default -> Optional.of(type.label);
		};
	}

	/** What kind of address this is. */
	static AddressClass classify(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			return classify6(v6);
		}
		byte[] b = address.getAddress();
		int a0 = b[0] & 0xff;
		int a1 = b[1] & 0xff;
		if (a0 == 169 && a1 == 254) {
			return (address.getHostAddress().equals("169.254.169.254")) ? AddressClass.METADATA
					: AddressClass.LINK_LOCAL;
		}
		if (a0 == 0 || address.isAnyLocalAddress()) {
			return AddressClass.UNSPECIFIED;
		}
		if (address.isMulticastAddress()) {
			return AddressClass.MULTICAST;
		}
		if (a0 == 255 && a1 == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
			return AddressClass.BROADCAST;
		}
		if (a0 >= 240) {
			return AddressClass.RESERVED;
		}
		if (a0 == 127) {
			return AddressClass.LOOPBACK;
		}
		if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)
				|| (a0 == 100 && (a1 & 0xc0) == 64)) {
			return AddressClass.PRIVATE;
		}
		return AddressClass.PUBLIC;
	}

	private static AddressClass classify6(Inet6Address address) {
		byte[] b = address.getAddress();
		if (isMappedV4(b)) {
			try {
				return classify(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		if (address.isAnyLocalAddress()) {
			return AddressClass.UNSPECIFIED;
		}
		if (address.isLoopbackAddress()) {
			return AddressClass.LOOPBACK;
		}
		if ((b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2 && isMetadataTail(b)) {
			return AddressClass.METADATA;
		}
		if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
			return AddressClass.LINK_LOCAL;
		}
		if ((b[0] & 0xff) == 0xff) {
			return AddressClass.MULTICAST;
		}
		if ((b[0] & 0xfe) == 0xfc) {
			return AddressClass.PRIVATE;
		}
		return AddressClass.PUBLIC;
	}

	// ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated) reach IPv4 hosts.
	private static boolean isMappedV4(byte[] b) {
		for (int i = 0; i < 10; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
		boolean compatible = b[10] == 0 && b[11] == 0 && ((b[12] | b[13]) != 0);
		return mapped || compatible;
	}

	// fd00:ec2::254, the AWS metadata service over IPv6.
	private static boolean isMetadataTail(byte[] b) {
		for (int i = 4; i < 14; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return b[14] == 0x02 && b[15] == 0x54;
	}

	/** The kinds of address the guard tells apart. */
	enum AddressClass {

		/** Anywhere on the internet. */
		PUBLIC("public"),
		/** This machine. */
		LOOPBACK("loopback"),
		/** A private or carrier-grade NAT network, or an IPv6 unique local address. */
		PRIVATE("private"),
		/** Link-local: never, whatever the setting. */
		LINK_LOCAL("link-local"),
		/** A cloud's instance metadata service: never. */
		METADATA("cloud metadata"),
		/** 0.0.0.0 or ::. */
		UNSPECIFIED("unspecified"),
		/** Multicast. */
		MULTICAST("multicast"),
		/** The broadcast address. */
		BROADCAST("broadcast"),
		/** Reserved (240.0.0.0/4). */
		RESERVED("reserved");

		private final String label;

		AddressClass(String label) {
			this.label = label;
		}

	}

}
