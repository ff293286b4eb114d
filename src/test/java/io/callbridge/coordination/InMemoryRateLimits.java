package io.callbridge.coordination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Request rates in memory on a given clock, for tests of a limiter's policy without a
 * database. Counts, refuses and holds back by the same rules as
 * {@link DatabaseRateLimits}.
 */
public final class InMemoryRateLimits implements RateLimits {

	private final Clock clock;

	private final Map<String, Bucket> buckets = new HashMap<>();

	private final Map<String, Instant> heldBack = new HashMap<>();

	public InMemoryRateLimits(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Decision take(List<Limit> limits) {
		Instant now = this.clock.instant();
		Decision.Refused refused = null;
		for (Limit limit : limits) {
			Decision.Refused full = refusal(limit, now);
			if (full != null && (refused == null || full.retryIn().compareTo(refused.retryIn()) > 0)) {
				refused = full;
			}
		}
		if (refused != null) {
			return refused;
		}
		limits.forEach((limit) -> this.buckets.put(limit.scope(), new Bucket(content(limit, now) - 1, now)));
		return new Decision.Granted();
	}

	@Override
	public synchronized void holdBack(String scope, Duration duration) {
		Instant until = this.clock.instant().plus(duration);
		this.heldBack.merge(scope, until, (a, b) -> a.isAfter(b) ? a : b);
	}

	private Decision.Refused refusal(Limit limit, Instant now) {
		Instant held = this.heldBack.get(limit.scope());
		if (held != null && held.isAfter(now)) {
			return new Decision.Refused(Duration.between(now, held), limit.scope(), true);
		}
		double tokens = content(limit, now);
		return (tokens >= 1) ? null : new Decision.Refused(limit.untilOne(tokens), limit.scope(), false);
	}

	private double content(Limit limit, Instant now) {
		Bucket bucket = this.buckets.get(limit.scope());
		return (bucket == null) ? limit.capacity()
				: limit.refilled(bucket.tokens(), Duration.between(bucket.countedAt(), now));
	}

	/** A bucket's content when last counted. */
	private record Bucket(double tokens, Instant countedAt) {
	}

}
