package io.callbridge.calls.application;

import java.util.List;
import java.util.Map;
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
	 * Inserts the calls unless their provider call id is stored: by a committed
	 * transaction, or by one still running, which is waited for (the unique key on
	 * account and provider call id). The rows are inserted in the order given.
	 * @param calls the calls, each with its first event
	 * @return the rows inserted (locked, no events yet), by key; a call missing from it
	 * was stored by another transaction
	 */
	Map<CallKey, LockedCall> insertAbsent(List<NewCall> calls);

	/**
	 * Ids for new calls whose rows are inserted at the end of the applying transaction,
	 * with the summary their events leave ({@link CallRecords#reserve}), where the
	 * database can give ids ahead; a call stored by another transaction meanwhile fails
	 * the transaction then ({@link CallStoredMeanwhile}).
	 * @param calls the calls, each with its first event
	 * @return the calls as they will be inserted, by key; empty where every new call is
	 * to be inserted at once ({@link #insertAbsent})
	 */
	default Optional<Map<CallKey, LockedCall>> reserve(List<NewCall> calls) {
		return Optional.empty();
	}

	/**
	 * A call to insert.
	 *
	 * @param tenantId its account's tenant
	 * @param key its account and provider call id
	 * @param first its first event
	 */
	record NewCall(long tenantId, CallKey key, ProviderCallEvent first) {
	}

}
