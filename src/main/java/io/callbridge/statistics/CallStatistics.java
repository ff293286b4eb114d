package io.callbridge.statistics;

/**
 * The aggregates of the dashboard, the wallboard's counters and the statistics API,
 * computed from the call facts of one tenant. Role rules are the caller's: this answers
 * for whatever filter it is given.
 */
public interface CallStatistics {

	/**
	 * Everything the dashboard shows for a filter.
	 * @param tenantId tenant
	 * @param filter which calls
	 * @return the aggregates, in the tenant's time zone
	 */
	Dashboard dashboard(long tenantId, StatisticsFilter filter);

	/**
	 * Only the headline figures (the wallboard's counters for today).
	 * @param tenantId tenant
	 * @param filter which calls
	 * @return the totals
	 */
	Dashboard.Totals totals(long tenantId, StatisticsFilter filter);

}
