package io.callbridge.calls;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What came of a call, recorded by the agent after it: the outcome, notes and an optional
 * charge (e.g. collection-management charges added to the client's file).
 *
 * @param callId call
 * @param outcome outcome code from the tenant's list
 * @param notes notes
 * @param chargeAmount charge amount
 * @param chargeCurrency charge currency
 * @param agentId who recorded it
 * @param createdAt first recorded
 * @param updatedAt last changed
 */
public record Disposition(long callId, String outcome, @Nullable String notes, @Nullable BigDecimal chargeAmount,
		@Nullable String chargeCurrency, @Nullable Long agentId, Instant createdAt, Instant updatedAt) {
}
