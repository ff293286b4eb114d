package io.callbridge.calls;

import java.time.Instant;

/**
 * A call started ringing at an agent's extension (inbound, or a transfer to them), or an
 * agent's outbound call started. Published once per agent rung while the call is live.
 *
 * @param tenantId tenant
 * @param callId call
 * @param version the call's version after this change
 * @param agentId the agent being rung
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallRang(long tenantId, long callId, long version, long agentId, Instant receivedAt) {
}
