package io.callbridge.calls;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A live call was answered. Published once per call, never after it ended (an answer
 * reported late goes into the completion instead).
 *
 * @param tenantId tenant
 * @param callId call
 * @param version the call's version after this change
 * @param agentId the agent who answered, when known
 * @param campaignId the call's campaign, when it has one (so that what a campaign does on
 * an answer needs no read of the call to know it has nothing to do)
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallAnswered(long tenantId, long callId, long version, @Nullable Long agentId, @Nullable Long campaignId,
		Instant receivedAt) {
}
