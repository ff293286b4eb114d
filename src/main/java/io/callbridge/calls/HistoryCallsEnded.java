package io.callbridge.calls;

import java.util.List;

/**
 * Calls known only from the provider's call records were completed: the same completions
 * as their {@link CallEnded} facts ({@code fromHistory}), published in the same
 * transaction, gathered into one fact per transaction (a page of the call history sync)
 * for a consumer that handles them together rather than one follow-up per call (call
 * facts). Every {@code CallEnded} with {@code fromHistory} is in exactly one of them.
 *
 * @param tenantId tenant
 * @param callIds the calls, in the order they were completed
 */
public record HistoryCallsEnded(long tenantId, List<Long> callIds) {

	public HistoryCallsEnded {
		callIds = List.copyOf(callIds);
	}

}
