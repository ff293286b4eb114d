package io.callbridge.calls.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.calls.application.CallRecords.LockedCall;

/**
 * PostgreSQL: {@code INSERT … ON CONFLICT DO NOTHING} on the provider call id's unique
 * key. A conflict with a transaction still running waits for its end, as a unique
 * violation would, but skips the row instead of failing, so the applying transaction
 * needs no savepoint: one statement for all the new calls of a transaction instead of
 * three round trips for each ({@code SAVEPOINT}, the insert, {@code RELEASE}). An inbox
 * lane's batch instead takes ids from the identity sequence and inserts its new calls
 * once applied, with their summary ({@link #reserve}).
 */
final class PostgresNewCallRows implements NewCallRows {

	private static final String SKIP_STORED = " ON CONFLICT (account_id, provider_call_id) DO NOTHING";

	private final CallRecords records;

	PostgresNewCallRows(CallRecords records) {
		this.records = records;
	}

	@Override
	public Map<CallKey, LockedCall> insertAbsent(List<NewCall> calls) {
		return this.records.insert(calls, SKIP_STORED);
	}

	@Override
	public Optional<Map<CallKey, LockedCall>> reserve(List<NewCall> calls) {
		return Optional.of(this.records.reserve(calls));
	}

}
