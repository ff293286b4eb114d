package io.callbridge.calls;

import java.time.Instant;

import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * One event of a call's timeline as stored, with the raw provider payload kept for audit.
 *
 * @param id id
 * @param type what happened
 * @param occurredAt when it happened at the provider
 * @param receivedAt when Callbridge received it
 * @param extension extension concerned
 * @param agentId agent on that extension
 * @param transferFrom extension a transfer came from
 * @param result result on an end event
 * @param rawPayload payload as received
 */
public record CallEventRecord(long id, CallEventType type, Instant occurredAt, Instant receivedAt,
		@Nullable String extension, @Nullable Long agentId, @Nullable String transferFrom, @Nullable CallResult result,
		@Nullable String rawPayload) {
}
