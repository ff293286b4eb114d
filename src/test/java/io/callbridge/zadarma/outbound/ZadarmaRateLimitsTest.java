package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callbridge.zadarma.SimulatedClock;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The local rate limiter on simulated time: however fast requests come, no 60-second
 * window (wherever it starts) holds more than Zadarma's limit, and Zadarma's own 429
 * holds requests back until the time it names.
 */
class ZadarmaRateLimitsTest {

	private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final ZadarmaProperties properties = ZadarmaFixture.anyProperties(URI.create("https://api.zadarma.com"));

	private final ZadarmaRateLimits limits = ZadarmaFixture.limitsOn(this.properties, this.clock);

	@Test
	void neverLetsMoreThanAHundredRequestsIntoAnyMinute() {
		List<Instant> sent = sendAsFastAsAllowed(1000, false);

		assertThat(mostInAnyWindow(sent, Duration.ofSeconds(61))).isBetween(95, 100);
		// A burst of 20, then 81 every 61 s.
		assertThat(Duration.between(sent.get(0), sent.get(999))).isLessThan(Duration.ofMinutes(13));
	}

	@Test
	void neverLetsMoreThanThreeStatisticsRequestsIntoAnyMinute() {
		List<Instant> sent = sendAsFastAsAllowed(30, true);

		assertThat(mostInAnyWindow(sent, Duration.ofSeconds(61))).isLessThanOrEqualTo(3);
		assertThat(Duration.between(sent.get(0), sent.get(29))).isLessThan(Duration.ofMinutes(11));
	}

	@Test
	void allowsAShortBurstWithoutWaiting() {
		sendAsFastAsAllowed(20, false);

		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Test
	void holdsRequestsBackUntilZadarmasResetTime() {
		long reset = this.clock.instant().getEpochSecond() + 45;

		Duration held = this.limits.rejected(ZadarmaFixture.KEY, false, null, Long.toString(reset));
		ZadarmaApiException ex = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.limits.acquire(ZadarmaFixture.KEY, false));

		assertThat(held).isEqualTo(Duration.ofSeconds(45));
		assertThat(ex.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(ex.getMessage()).contains("try again in 45 s");
		this.clock.advance(Duration.ofSeconds(42));
		this.limits.acquire(ZadarmaFixture.KEY, false);
		assertThat(this.clock.instant().getEpochSecond()).isEqualTo(reset);
	}

	@Test
	void aStatistics429HoldsBackOnlyStatistics() {
		this.limits.rejected(ZadarmaFixture.KEY, true, "600", null);

		this.limits.acquire(ZadarmaFixture.KEY, false);

		assertThat(catchThrowableOfType(ZadarmaApiException.class, () -> this.limits.acquire(ZadarmaFixture.KEY, true))
			.getMessage()).contains("try again in 600 s");
	}

	@Test
	void keysAreLimitedSeparately() {
		for (int i = 0; i < 3; i++) {
			this.limits.acquire("key-a", true);
		}
		Instant before = this.clock.instant();

		this.limits.acquire("key-b", true);

		assertThat(this.clock.instant()).isEqualTo(before);
	}

	private List<Instant> sendAsFastAsAllowed(int requests, boolean statistics) {
		List<Instant> sent = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			this.limits.acquire(ZadarmaFixture.KEY, statistics);
			sent.add(this.clock.instant());
		}
		return sent;
	}

	private static int mostInAnyWindow(List<Instant> sent, Duration window) {
		int most = 0;
		for (int i = 0; i < sent.size(); i++) {
			Instant end = sent.get(i).plus(window);
			int count = 0;
			for (int j = i; j < sent.size() && sent.get(j).isBefore(end); j++) {
				count++;
			}
			most = Math.max(most, count);
		}
		return most;
	}

}
