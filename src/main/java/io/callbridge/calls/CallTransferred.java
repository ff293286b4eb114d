package io.callbridge.calls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call moved to another extension.
 *
 * @param tenantId tenant
 * @param callId call
 * @param agentId the agent it moved to, when known
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallTransferred(long tenantId, long callId, @Nullable Long agentId, Instant receivedAt) {
}
