package io.callbridge.statistics.web;

import io.callbridge.statistics.StatisticsFilter;

/**
 * A statistics request understood: the period it named and the calls it counts.
 *
 * @param period the period asked for (the filter holds its days)
 * @param filter which calls
 */
record StatisticsQuery(StatisticsPeriod period, StatisticsFilter filter) {

	StatisticsQuery withFilter(StatisticsFilter other) {
		return new StatisticsQuery(this.period, other);
	}

}
