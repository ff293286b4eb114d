package io.callbridge.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the login throttle counts client addresses: each IPv4 address on its own, IPv6
 * clients by their /64 network.
 */
class ClientAddressTest {

	@Test
	void ipv4AddressIsItsOwnKey() {
		assertThat(ClientAddress.throttleKey("203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void ipv6AddressesOfOneNetworkShareAKey() {
		String one = ClientAddress.throttleKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
		String other = ClientAddress.throttleKey("2001:db8:1:2::1");

		assertThat(one).isEqualTo(other).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.throttleKey("2001:db8:1:3::1")).isNotEqualTo(one);
	}

	@Test
	void somethingThatIsNoAddressIsKeptAsItIs() {
		assertThat(ClientAddress.throttleKey("unknown")).isEqualTo("unknown");
	}

}
