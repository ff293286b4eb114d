package io.callbridge.webhooks;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One delivery of a message to an endpoint, with its attempts, as the endpoint's log
 * shows it.
 *
 * @param id id
 * @param endpointId the endpoint
 * @param messageId the message's {@code webhook-id} (the same on every attempt and
 * replay)
 * @param eventType the event type
 * @param orderKey the record it is about, e.g. {@code call:123}
 * @param state {@code PENDING}, {@code DELIVERED} or {@code FAILED}
 * @param attempts attempts made
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param lastStatus the last answer's status
 * @param lastError the last attempt's error
 * @param deliveredAt when a 2xx answer came
 * @param createdAt when it was written
 * @param attemptLog its attempts, newest first
 */
public record WebhookDelivery(long id, long endpointId, String messageId, String eventType, String orderKey,
		String state, int attempts, @Nullable Instant nextAttemptAt, @Nullable Integer lastStatus,
		@Nullable String lastError, @Nullable Instant deliveredAt, Instant createdAt, List<WebhookAttempt> attemptLog) {

	/**
	 * One attempt.
	 *
	 * @param attemptedAt when
	 * @param status the answer's status, null when none came (timeout, refused, network)
	 * @param latencyMs how long it took
	 * @param error what went wrong
	 * @param responseExcerpt the answer's first 1024 characters at most
	 */
	public record WebhookAttempt(Instant attemptedAt, @Nullable Integer status, long latencyMs, @Nullable String error,
			@Nullable String responseExcerpt) {
	}

}
