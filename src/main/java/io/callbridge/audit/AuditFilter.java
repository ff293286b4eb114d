package io.callbridge.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which audit events to list; every criterion is optional.
 *
 * @param category only this category
 * @param outcome only this outcome
 * @param actor only events whose actor (or username tried) contains this text
 * @param from only events at or after this time
 * @param to only events before this time
 */
public record AuditFilter(@Nullable AuditCategory category, @Nullable AuditOutcome outcome, @Nullable String actor,
		@Nullable Instant from, @Nullable Instant to) {

	/** No restriction. */
	public static AuditFilter all() {
		return new AuditFilter(null, null, null, null, null);
	}

}
