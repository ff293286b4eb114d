package io.callbridge.calls.application;

import java.util.Optional;

import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.telephony.ProviderCallEvent;

/**
 * PostgreSQL: {@code INSERT … ON CONFLICT DO NOTHING} on the provider call id's unique
 * key. A conflict with a transaction still running waits for its end, as a unique
 * violation would, but skips the row instead of failing, so the applying transaction
 * needs no savepoint: one statement for a new call instead of three round trips
 * ({@code SAVEPOINT}, the insert, {@code RELEASE}).
 */
final class PostgresNewCallRows implements NewCallRows {

	private static final String SKIP_STORED = " ON CONFLICT (account_id, provider_call_id) DO NOTHING";

	private final CallRecords records;

	PostgresNewCallRows(CallRecords records) {
		this.records = records;
	}

	@Override
	public Optional<LockedCall> insertIfAbsent(long tenantId, long accountId, ProviderCallEvent first) {
		return this.records.insert(tenantId, accountId, first, SKIP_STORED);
	}

}
