package io.callbridge.webhooks.web;

import java.time.Instant;

import io.callbridge.webhooks.EndpointStats;
import io.callbridge.webhooks.WebhookDelivery;
import io.callbridge.webhooks.WebhookEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint with its statistics and newest delivery.
 *
 * @param endpoint the endpoint
 * @param stats its success rate, next retry and counts
 * @param last its newest delivery, null before the first
 */
public record EndpointSummary(WebhookEndpoint endpoint, EndpointStats stats, @Nullable WebhookDelivery last) {

	/** The state of the newest delivery: PENDING, DELIVERED or FAILED. */
	public @Nullable String lastState() {
		return (this.last != null) ? this.last.state() : null;
	}

	/** The status of the newest delivery's last answer. */
	public @Nullable Integer lastStatus() {
		return (this.last != null) ? this.last.lastStatus() : null;
	}

	/** When the newest delivery was last tried (or written, before its first try). */
	public @Nullable Instant lastAt() {
		if (this.last == null) {
			return null;
		}
		return this.last.attemptLog().isEmpty() ? this.last.createdAt() : this.last.attemptLog().get(0).attemptedAt();
	}

	/** When a delivery that failed is tried again. */
	public @Nullable Instant nextRetryAt() {
		return this.stats.nextRetryAt();
	}

	/** The success rate of the last 24 hours in percent, null without attempts. */
	public @Nullable Long successPercent() {
		Double rate = this.stats.successRateLast24h();
		return (rate != null) ? Math.round(rate * 100) : null;
	}

}
