package io.callbridge.webhooks;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What came of delivering a connector message.
 *
 * @param outcome delivered, to retry by the schedule (or after {@code retryAfter}), or
 * failed for good (kept as FAILED, replayable)
 * @param status the HTTP status of the answer, if there was one
 * @param latencyMs how long it took
 * @param error what went wrong, when not delivered
 * @param excerpt the answer's first bytes (or a note of what was done), for the log
 * @param retryAfter how long the receiver asked to wait ({@link Outcome#RETRY} only)
 */
public record ConnectorAnswer(Outcome outcome, @Nullable Integer status, long latencyMs, @Nullable String error,
		@Nullable String excerpt, @Nullable Duration retryAfter) {

	/** How a connector delivery ended. */
	public enum Outcome {

		DELIVERED, RETRY, FAILED

	}

}
