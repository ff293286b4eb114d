package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code callbridge.zadarma.*} binds with Zadarma's documented defaults, keeps account
 * base URLs off unless switched on, and refuses unusable values at start-up.
 */
class ZadarmaPropertiesTest {

	@Test
	void defaultsToZadarmasHostAndLimitsWithAccountBaseUrlsOff() {
		ZadarmaProperties properties = bind(Map.of());

		assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.zadarma.com"));
		assertThat(properties.requestsPerMinute()).isEqualTo(100);
		assertThat(properties.statisticsPerMinute()).isEqualTo(3);
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.recordingLinkLifetime()).isEqualTo(Duration.ofMinutes(30));
		assertThat(properties.accountBaseUrlAllowed()).isFalse();
	}

	@Test
	void bindsDurationsAndSwitches() {
		ZadarmaProperties properties = bind(
				Map.of("callbridge.zadarma.connect-timeout", "1s", "callbridge.zadarma.account-base-url-allowed",
						"true", "callbridge.zadarma.base-url", "http://127.0.0.1:9999"));

		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.accountBaseUrlAllowed()).isTrue();
		assertThat(properties.baseUrl()).hasPort(9999);
	}

	@Test
	void refusesABaseUrlThatIsNotHttpAndALinkLifetimeZadarmaWouldRefuse() {
		assertThatThrownBy(() -> bind(Map.of("callbridge.zadarma.base-url", "ftp://api.zadarma.com")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("must be an http(s) URL");
		assertThatThrownBy(() -> bind(Map.of("callbridge.zadarma.recording-link-lifetime", "1m"))).rootCause()
			.hasMessageContaining("between 180 s and 60 days");
	}

	@Test
	void refusesTimeoutsThatAreNotPositiveOrTooLong() {
		assertThatThrownBy(() -> bind(Map.of("callbridge.zadarma.read-timeout", "0s"))).rootCause()
			.hasMessageContaining("callbridge.zadarma.read-timeout must be more than 0");
		assertThatThrownBy(() -> bind(Map.of("callbridge.zadarma.connect-timeout", "2m"))).rootCause()
			.hasMessageContaining("callbridge.zadarma.connect-timeout must be more than 0 and at most 60 s");
	}

	private static ZadarmaProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("callbridge.zadarma",
				ZadarmaProperties.class);
	}

}
