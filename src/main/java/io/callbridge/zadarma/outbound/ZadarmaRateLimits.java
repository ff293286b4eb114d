package io.callbridge.zadarma.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.callbridge.coordination.RateLimits;
import io.callbridge.coordination.RateLimits.Decision;
import io.callbridge.coordination.RateLimits.Limit;
import io.callbridge.shared.Text;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each API key under Zadarma's limits (100 requests a minute, 3 a minute for
 * {@code /v1/statistics*}) before Zadarma has to answer 429 — counted for all nodes
 * together, on the database's clock ({@link RateLimits}), so N nodes do not send N times
 * the limit.
 * <p>
 * Policy: every limit of N a minute is a token bucket of {@code C = max(1, N/5)} requests
 * refilled continuously by {@code N - C + 1} per 61 seconds, which allows at most N
 * requests in any 61-second window (whatever window Zadarma counts in, with a second to
 * spare for network jitter) while still allowing a small burst. A request waits for room
 * at most {@code max-wait} ({@code statistics-max-wait} for statistics, which only
 * background reconciliation asks for); when the room comes later than that it fails at
 * once with "try again in N s" instead of being sent. When Zadarma answers 429 anyway
 * (another application using the same key), its {@code Retry-After} or
 * {@code X-RateLimit-Reset} is honoured by every node: no request of that kind leaves for
 * that key until then.
 */
final class ZadarmaRateLimits {

	private static final Duration WINDOW = Duration.ofSeconds(61);

	private static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(60);

	private static final Duration LONGEST_COOL_DOWN = Duration.ofHours(1);

	private final ZadarmaProperties properties;

	private final RateLimits rates;

	private final Clock clock;

	private final Waiting waiting;

	ZadarmaRateLimits(ZadarmaProperties properties, RateLimits rates) {
		this(properties, rates, Clock.systemUTC(), (duration) -> Thread.sleep(duration));
	}

	/**
	 * @param rates where the requests of every node are counted
	 * @param clock measures how long a request has waited, and reads Zadarma's reset
	 * times
	 * @param waiting how to wait for room (tests advance a simulated clock instead)
	 */
	ZadarmaRateLimits(ZadarmaProperties properties, RateLimits rates, Clock clock, Waiting waiting) {
		this.properties = properties;
		this.rates = rates;
		this.clock = clock;
		this.waiting = waiting;
	}

	/**
	 * Takes room for one request with this key, waiting up to the configured time.
	 * @throws ZadarmaApiException of kind {@link Kind#RATE_LIMITED} when no room frees up
	 * in time
	 */
	void acquire(String key, boolean statistics) {
		List<Limit> limits = statistics ? List.of(overall(key), statistics(key)) : List.of(overall(key));
		Duration maxWait = statistics ? this.properties.statisticsMaxWait() : this.properties.maxWait();
		Instant started = this.clock.instant();
		Decision decision = this.rates.take(limits);
		while (decision instanceof Decision.Refused refused) {
			Duration left = maxWait.minus(Duration.between(started, this.clock.instant()));
			if (refused.retryIn().compareTo(left) > 0) {
				throw refusal(refused, key);
			}
			park(refused.retryIn());
			decision = this.rates.take(limits);
		}
	}

	/**
	 * Zadarma answered 429: holds back this key's requests of that kind, on every node,
	 * until the time Zadarma names ({@code Retry-After} seconds or date,
	 * {@code X-RateLimit-Reset} Unix time), or a minute if it names none.
	 * @return how long requests are held back
	 */
	Duration rejected(String key, boolean statistics, @Nullable String retryAfter, @Nullable String reset) {
		Instant now = this.clock.instant();
		Instant until = latest(retryAfter(retryAfter, now), resetTime(reset, now));
		if (until == null || !until.isAfter(now)) {
			until = now.plus(DEFAULT_COOL_DOWN);
		}
		if (until.isAfter(now.plus(LONGEST_COOL_DOWN))) {
			until = now.plus(LONGEST_COOL_DOWN);
		}
		Duration held = Duration.between(now, until);
		this.rates.holdBack((statistics ? statistics(key) : overall(key)).scope(), held);
		return held;
	}

	private Limit overall(String key) {
		return limit("zadarma:" + key, this.properties.requestsPerMinute());
	}

	private Limit statistics(String key) {
		return limit("zadarma:" + key + ":statistics", this.properties.statisticsPerMinute());
	}

	private static Limit limit(String scope, int perMinute) {
		int burst = Math.max(1, perMinute / 5);
		return new Limit(scope, burst, perMinute - burst + 1, WINDOW);
	}

	private ZadarmaApiException refusal(Decision.Refused refused, String key) {
		long wait = seconds(refused.retryIn());
		if (refused.heldBack()) {
			return new ZadarmaApiException(Kind.RATE_LIMITED, 429, "You exceeded the rate limit",
					Text.of("zadarma.rateLimitReached", wait));
		}
		String limit = refused.scope().equals(statistics(key).scope())
				? this.properties.statisticsPerMinute() + " statistics requests"
				: this.properties.requestsPerMinute() + " requests";
		return new ZadarmaApiException(Kind.RATE_LIMITED, 429, "Local rate limit",
				Text.of("zadarma.localRateLimit", limit, wait));
	}

	private void park(Duration duration) {
		try {
			this.waiting.park(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZadarmaApiException(Kind.RATE_LIMITED, Text.of("zadarma.interruptedWaiting"), ex);
		}
	}

	static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	private static @Nullable Instant retryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.chars().allMatch(Character::isDigit)) {
			return now.plusSeconds(Long.parseLong(text));
		}
		try {
			return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	// Zadarma documents X-RateLimit-Reset as a Unix time; a small number can only be a
	// number of seconds.
	private static @Nullable Instant resetTime(@Nullable String value, Instant now) {
		if (value == null || value.isBlank() || !value.strip().chars().allMatch(Character::isDigit)) {
			return null;
		}
		long number = Long.parseLong(value.strip());
		return (number > 1_000_000_000L) ? Instant.ofEpochSecond(number) : now.plusSeconds(number);
	}

	private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
		if (a == null || b == null) {
			return (a != null) ? a : b;
		}
		return a.isAfter(b) ? a : b;
	}

	/** Waits for a while; tests swap it for one that advances a simulated clock. */
	@FunctionalInterface
	interface Waiting {

		void park(Duration duration) throws InterruptedException;

	}

}
