package io.callbridge.zadarma.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.callbridge.shared.Text;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each API key under Zadarma's limits (100 requests a minute, 3 a minute for
 * {@code /v1/statistics*}) before Zadarma has to answer 429.
 * <p>
 * Policy: every limit of N a minute is a bucket4j bucket of {@code C = max(1, N/5)}
 * tokens refilled greedily by {@code N - C + 1} tokens per 61 seconds, which allows at
 * most N requests in any 61-second window (whatever window Zadarma counts in, with a
 * second to spare for network jitter) while still allowing a small burst. A request waits
 * for a token at most {@code max-wait} ({@code statistics-max-wait} for statistics, which
 * only background reconciliation asks for); beyond that it fails at once with "try again
 * in N s" instead of being sent. When Zadarma answers 429 anyway (another application
 * using the same key), its {@code Retry-After} or {@code X-RateLimit-Reset} is honoured:
 * no request of that kind leaves for that key until then.
 */
final class ZadarmaRateLimits {

	private static final Duration WINDOW = Duration.ofSeconds(61);

	private static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(60);

	private static final Duration LONGEST_COOL_DOWN = Duration.ofHours(1);

	private final ZadarmaProperties properties;

	private final Clock clock;

	private final BlockingStrategy waiting;

	private final ConcurrentMap<String, KeyLimits> byKey = new ConcurrentHashMap<>();

	ZadarmaRateLimits(ZadarmaProperties properties) {
		this(properties, Clock.systemUTC(), BlockingStrategy.PARKING);
	}

	/**
	 * @param clock the time the buckets and cool-downs run on
	 * @param waiting how to wait for a token (tests advance a simulated clock instead)
	 */
	ZadarmaRateLimits(ZadarmaProperties properties, Clock clock, BlockingStrategy waiting) {
		this.properties = properties;
		this.clock = clock;
		this.waiting = waiting;
	}

	/**
	 * Takes a slot for one request with this key, waiting up to the configured time.
	 * @throws ZadarmaApiException of kind {@link Kind#RATE_LIMITED} when no slot frees up
	 * in time
	 */
	void acquire(String key, boolean statistics) {
		KeyLimits limits = limits(key);
		Duration maxWait = statistics ? this.properties.statisticsMaxWait() : this.properties.maxWait();
		sitOutCoolDown(limits.coolDownUntil(statistics), maxWait);
		if (statistics) {
			take(limits.statistics, maxWait, this.properties.statisticsPerMinute() + " statistics requests");
		}
		try {
			take(limits.overall, maxWait, this.properties.requestsPerMinute() + " requests");
		}
		catch (ZadarmaApiException ex) {
			if (statistics) {
				limits.statistics.addTokens(1);
			}
			throw ex;
		}
	}

	/**
	 * Zadarma answered 429: holds back this key's requests of that kind until the time
	 * Zadarma names ({@code Retry-After} seconds or date, {@code X-RateLimit-Reset} Unix
	 * time), or a minute if it names none.
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
		limits(key).coolDown(statistics, until);
		return Duration.between(now, until);
	}

	private KeyLimits limits(String key) {
		return this.byKey.computeIfAbsent(key, (k) -> new KeyLimits(bucket(this.properties.requestsPerMinute()),
				bucket(this.properties.statisticsPerMinute())));
	}

	private Bucket bucket(int perMinute) {
		int burst = Math.max(1, perMinute / 5);
		TimeMeter time = new ClockTimeMeter(this.clock);
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute - burst + 1, WINDOW).build())
			.withCustomTimePrecision(time)
			.build();
	}

	private void sitOutCoolDown(@Nullable Instant until, Duration maxWait) {
		if (until == null) {
			return;
		}
		Duration left = Duration.between(this.clock.instant(), until);
		if (left.isNegative() || left.isZero()) {
			return;
		}
		if (left.compareTo(maxWait) > 0) {
			throw new ZadarmaApiException(Kind.RATE_LIMITED, 429, "You exceeded the rate limit",
					Text.of("zadarma.rateLimitReached", seconds(left)));
		}
		park(left);
	}

	private void take(Bucket bucket, Duration maxWait, String limit) {
		boolean taken;
		try {
			taken = bucket.asBlocking().tryConsume(1, maxWait, this.waiting);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZadarmaApiException(Kind.RATE_LIMITED, Text.of("zadarma.interruptedWaiting"), ex);
		}
		if (!taken) {
			Duration wait = Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
			throw new ZadarmaApiException(Kind.RATE_LIMITED, 429, "Local rate limit",
					Text.of("zadarma.localRateLimit", String.valueOf(limit), seconds(wait)));
		}
	}

	private void park(Duration duration) {
		try {
			this.waiting.park(duration.toNanos());
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

	/** One key's buckets and the cool-downs Zadarma imposed on it. */
	private static final class KeyLimits {

		private final Bucket overall;

		private final Bucket statistics;

		private @Nullable Instant overallCoolDown;

		private @Nullable Instant statisticsCoolDown;

		KeyLimits(Bucket overall, Bucket statistics) {
			this.overall = overall;
			this.statistics = statistics;
		}

		synchronized @Nullable Instant coolDownUntil(boolean statistics) {
			return statistics ? latest(this.overallCoolDown, this.statisticsCoolDown) : this.overallCoolDown;
		}

		synchronized void coolDown(boolean statistics, Instant until) {
			if (statistics) {
				this.statisticsCoolDown = latest(this.statisticsCoolDown, until);
			}
			else {
				this.overallCoolDown = latest(this.overallCoolDown, until);
			}
		}

	}

	/**
	 * bucket4j's time source on a {@link Clock}, so tests can run it on simulated time.
	 */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = this.clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
