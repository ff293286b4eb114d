package io.callbridge.calls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call was answered.
 *
 * @param tenantId tenant
 * @param callId call
 * @param agentId the agent who answered, when known
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallAnswered(long tenantId, long callId, @Nullable Long agentId, Instant receivedAt) {
}
