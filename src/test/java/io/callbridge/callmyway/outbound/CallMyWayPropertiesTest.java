package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The CallMyWay settings refuse a base URL that is not http(s) and a request spacing
 * below CallMyWay's 4 seconds.
 */
class CallMyWayPropertiesTest {

	@Test
	void refusesABaseUrlThatIsNotHttp() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("ftp://www.callmyway.com", 4200))
			.withMessageContaining("base-url");
	}

	@Test
	void refusesASpacingBelowFourSeconds() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties("https://www.callmyway.com", 3999))
			.withMessageContaining("request-spacing");
	}

	@Test
	void refusesTimeoutsThatAreNotPositiveOrTooLong() {
		URI host = URI.create("https://www.callmyway.com");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CallMyWayProperties(host, Duration.ofSeconds(5), Duration.ofSeconds(-1),
					Duration.ofMillis(4200), Duration.ofSeconds(30), Duration.ofMinutes(5), false,
					Duration.ofMinutes(5), Duration.ofSeconds(4)))
			.withMessageContaining("callbridge.callmyway.read-timeout must be more than 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CallMyWayProperties(host, Duration.ofSeconds(5), Duration.ofMinutes(6),
					Duration.ofMillis(4200), Duration.ofSeconds(30), Duration.ofMinutes(5), false,
					Duration.ofMinutes(5), Duration.ofSeconds(4)))
			.withMessageContaining("at most 300 s");
	}

	private static CallMyWayProperties properties(String baseUrl, long spacingMillis) {
		return new CallMyWayProperties(URI.create(baseUrl), Duration.ofSeconds(5), Duration.ofSeconds(20),
				Duration.ofMillis(spacingMillis), Duration.ofSeconds(30), Duration.ofMinutes(5), false,
				Duration.ofMinutes(5), Duration.ofSeconds(4));
	}

}
