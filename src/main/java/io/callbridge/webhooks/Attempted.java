package io.callbridge.webhooks;

import java.time.Duration;

import io.callbridge.webhooks.WebhookSender.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * What came of one attempt, whatever sent it.
 *
 * @param status the answer's status, null when none came
 * @param latencyMs how long it took
 * @param error what went wrong, if anything did
 * @param excerpt the answer's first characters (or a note of what was done)
 * @param retryAfter an HTTP answer's {@code Retry-After}, as sent
 * @param askedWait how long a connector asked to wait before the next attempt
 * @param delivered whether the receiver took it
 * @param givesUp whether it is failed at once, not retried
 * @param outcome the meter's tag
 */
record Attempted(@Nullable Integer status, long latencyMs, @Nullable String error, @Nullable String excerpt,
		@Nullable String retryAfter, @Nullable Duration askedWait, boolean delivered, boolean givesUp, String outcome) {

	static Attempted of(SendResult result) {
		return new Attempted(result.status(), result.latencyMs(), result.error(), result.excerpt(), result.retryAfter(),
				null, result.delivered(), false, result.outcome());
	}

	static Attempted of(ConnectorAnswer answer, long latencyMs, int excerptChars) {
		String excerpt = (answer.excerpt() != null) ? WebhookSender.excerpt(answer.excerpt(), excerptChars) : null;
		return switch (answer.outcome()) {
			case DELIVERED ->
				new Attempted(answer.status(), latencyMs, null, excerpt, null, null, true, false, "delivered");
			case RETRY -> new Attempted(answer.status(), latencyMs, error(answer), excerpt, null, answer.retryAfter(),
					false, false, (answer.status() != null) ? "rejected" : "error");
			case FAILED ->
				new Attempted(answer.status(), latencyMs, error(answer), excerpt, null, null, false, true, "rejected");
		};
	}

	static Attempted failure(String error, long latencyMs) {
		return new Attempted(null, latencyMs, error, null, null, null, false, false, "error");
	}

	private static String error(ConnectorAnswer answer) {
		if (answer.error() != null && !answer.error().isBlank()) {
			return answer.error();
		}
		return (answer.status() != null) ? "HTTP " + answer.status() : "Connector answered " + answer.outcome();
	}

}
