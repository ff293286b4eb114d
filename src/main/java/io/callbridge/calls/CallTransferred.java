package io.callbridge.calls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call in conversation moved to another extension.
 *
 * @param tenantId tenant
 * @param callId call
 * @param version the call's version after this change
 * @param agentId the agent it moved to, when known
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallTransferred(long tenantId, long callId, long version, @Nullable Long agentId, Instant receivedAt) {
}
