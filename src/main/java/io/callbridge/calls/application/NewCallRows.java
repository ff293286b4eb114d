package io.callbridge.calls.application;

import java.util.Optional;

import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.telephony.ProviderCallEvent;

/**
 * Inserts the row of a call new to Callbridge inside an applying transaction, which must
 * survive losing the race for that row: two deliveries of one new call, or a live event
 * and the call history, may insert it at once, and the loser goes on with the winner's
 * row. One implementation per database ({@link NewCallRowsConfiguration}).
 */
interface NewCallRows {

	/**
	 * Inserts the call unless its provider call id is stored: by a committed transaction,
	 * or by one still running, which is waited for (the unique key on account and
	 * provider call id).
	 * @param tenantId the account's tenant
	 * @param accountId the account
	 * @param first the call's first event
	 * @return the row as inserted (locked, no events yet), or empty when the call was
	 * stored by another transaction
	 */
	Optional<LockedCall> insertIfAbsent(long tenantId, long accountId, ProviderCallEvent first);

}
