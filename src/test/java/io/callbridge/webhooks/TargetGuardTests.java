package io.callbridge.webhooks;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses the SSRF guard refuses, by default and with private targets allowed.
 */
class TargetGuardTests {

	@ParameterizedTest
	@CsvSource({ "93.184.216.34, , ", "8.8.8.8, , ", "2606:4700::1111, , ", "127.0.0.1, loopback, ", "::1, loopback, ",
			"10.1.2.3, private, ", "172.16.0.1, private, ", "172.31.255.254, private, ", "192.168.1.1, private, ",
			"100.64.0.1, private, ", "fc00::1, private, ", "fd12:3456::1, private, ",
			"169.254.169.254, cloud metadata, cloud metadata", "169.254.1.1, link-local, link-local",
			"fe80::1, link-local, link-local", "fd00:ec2::254, cloud metadata, cloud metadata",
			"0.0.0.0, unspecified, unspecified", ":: , unspecified, unspecified", "224.0.0.1, multicast, multicast",
			"ff02::1, multicast, multicast", "255.255.255.255, broadcast, broadcast", "::ffff:127.0.0.1, loopback, ",
			"::ffff:169.254.169.254, cloud metadata, cloud metadata", "172.32.0.1, , ", "100.128.0.1, , " })
	void refusesWhatMustNotBeReached(String address, String byDefault, String withPrivateAllowed) throws Exception {
		InetAddress ip = InetAddress.getByName(address.strip());
		assertThat(guard(false).refusal(ip)).as("by default").isEqualTo(java.util.Optional.ofNullable(byDefault));
		assertThat(guard(true).refusal(ip)).as("private allowed")
			.isEqualTo(java.util.Optional.ofNullable(withPrivateAllowed));
	}

	private static TargetGuard guard(boolean allowPrivate) {
		return new TargetGuard(HostResolver.system(),
				new WebhookProperties(List.of(Duration.ofSeconds(1)), 0.1, Duration.ofDays(5), Duration.ofSeconds(5),
						Duration.ofSeconds(15), 1024, 65536, 100, Duration.ofMinutes(2), 32, Duration.ofSeconds(1),
						Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(30), allowPrivate));
	}

}
