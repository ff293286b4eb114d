package io.callbridge.calls;

import java.time.Instant;

/**
 * A call started ringing at an agent's extension (inbound), or an agent's outbound call
 * started.
 *
 * @param tenantId tenant
 * @param callId call
 * @param agentId the agent being rung
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallRang(long tenantId, long callId, long agentId, Instant receivedAt) {
}
