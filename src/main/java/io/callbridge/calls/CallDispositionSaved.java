package io.callbridge.calls;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A call's disposition (outcome, notes, charge) was saved or changed. Published inside
 * the transaction that stores it.
 *
 * @param tenantId tenant
 * @param callId the call
 * @param outcome the outcome code now recorded
 * @param agentId who saved it
 * @param notes the notes recorded with it
 * @param chargeAmount the charge recorded with it
 * @param chargeCurrency the charge's currency
 */
public record CallDispositionSaved(long tenantId, long callId, String outcome, @Nullable Long agentId,
		@Nullable String notes, @Nullable BigDecimal chargeAmount, @Nullable String chargeCurrency) {
}
