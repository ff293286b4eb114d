package io.callbridge.statistics;

import java.util.List;

/**
 * Calls of one tenant, completed by one transaction, whose facts are to be written
 * (published by {@link CallsEndedTogether}).
 *
 * @param tenantId tenant
 * @param callIds the calls, in the order they were completed
 */
record CallFactsDue(long tenantId, List<Long> callIds) {

	CallFactsDue {
		callIds = List.copyOf(callIds);
	}

}
