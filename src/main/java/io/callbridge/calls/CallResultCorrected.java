package io.callbridge.calls;

import java.time.Instant;

import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * A finished call's outcome changed after its completion: a later source (the provider's
 * call record, a reconciliation, a late notification) changed its result, times,
 * durations, agent or cost.
 *
 * @param tenantId tenant
 * @param callId call
 * @param version the call's version after this change
 * @param previousResult the result before
 * @param result the result now
 * @param agentId who had the call last, when it was answered
 * @param fromHistory whether the call is known only from the provider's call records
 * @param receivedAt when the event carrying the correction entered Callbridge
 */
public record CallResultCorrected(long tenantId, long callId, long version, CallResult previousResult,
		CallResult result, @Nullable Long agentId, boolean fromHistory, Instant receivedAt) {
}
