package io.callbridge.calls;

import java.time.Instant;

import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * A call was completed: published exactly once per call, when it is first known to have
 * ended (by the provider, a poller, its call record, or the sweeper). A later source that
 * changes the outcome publishes {@link CallResultCorrected}.
 *
 * @param tenantId tenant
 * @param callId call
 * @param version the call's version after this change
 * @param result how it ended
 * @param agentId who had the call last, when it was answered
 * @param fromHistory whether the call is known only from the provider's call records (a
 * reconciliation or backfill found it), never from a live event
 * @param receivedAt when the provider event entered Callbridge
 */
public record CallEnded(long tenantId, long callId, long version, CallResult result, @Nullable Long agentId,
		boolean fromHistory, Instant receivedAt) {
}
