package io.callbridge.calls.application;

import org.springframework.dao.ConcurrencyFailureException;

/**
 * A call that an applying transaction took for new, and whose row it was to insert with
 * its summary at the end ({@link CallRecords#reserve}), was stored by another transaction
 * meanwhile: a provider's start delivered again, or the call history syncing the call at
 * that moment. What the transaction applied assumed a call without events, so it is
 * rolled back and applied again, looking the calls up first.
 */
class CallStoredMeanwhile extends ConcurrencyFailureException {

	CallStoredMeanwhile(int calls) {
		super(calls + " new call(s) of the batch were stored by another transaction meanwhile");
	}

}
