package io.callbridge.calls;

import java.time.Instant;

import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * A call ended.
 *
 * @param tenantId tenant
 * @param callId call
 * @param result how it ended
 * @param agentId who had the call last, when it was answered
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallEnded(long tenantId, long callId, CallResult result, @Nullable Long agentId, Instant receivedAt) {
}
