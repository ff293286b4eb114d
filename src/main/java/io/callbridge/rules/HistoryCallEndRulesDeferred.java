package io.callbridge.rules;

import java.util.List;

/**
 * End-of-call rules of calls known only from the provider's records (a page of the call
 * history, or one call of it) that failed inside their transaction, retried after commit
 * by a durable listener.
 *
 * @param tenantId tenant
 * @param callIds the calls
 */
record HistoryCallEndRulesDeferred(long tenantId, List<Long> callIds) {

	HistoryCallEndRulesDeferred {
		callIds = List.copyOf(callIds);
	}

}
