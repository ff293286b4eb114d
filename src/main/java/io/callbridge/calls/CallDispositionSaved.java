package io.callbridge.calls;

import org.jspecify.annotations.Nullable;

/**
 * A call's disposition (outcome, notes, charge) was saved or changed. Published inside
 * the transaction that stores it.
 *
 * @param tenantId tenant
 * @param callId the call
 * @param outcome the outcome code now recorded
 * @param agentId who saved it
 */
public record CallDispositionSaved(long tenantId, long callId, String outcome, @Nullable Long agentId) {
}
