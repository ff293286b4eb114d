package io.callbridge.webhooks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How an endpoint is doing, for its page.
 *
 * @param attemptsLast24h attempts in the last 24 hours
 * @param successesLast24h of those, answered with 2xx
 * @param successRateLast24h successes / attempts, null when there was no attempt
 * @param nextRetryAt the earliest next attempt of a delivery that already failed once
 * @param pending deliveries still to deliver
 * @param delivered deliveries delivered
 * @param failed deliveries given up after the whole schedule
 */
public record EndpointStats(long attemptsLast24h, long successesLast24h, @Nullable Double successRateLast24h,
		@Nullable Instant nextRetryAt, long pending, long delivered, long failed) {
}
