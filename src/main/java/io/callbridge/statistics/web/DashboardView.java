package io.callbridge.statistics.web;

import java.util.List;
import java.util.Locale;

import io.callbridge.statistics.Dashboard;
import io.callbridge.statistics.Dashboard.AgentRow;
import io.callbridge.statistics.Dashboard.CostRow;
import io.callbridge.statistics.Dashboard.DayCount;
import io.callbridge.statistics.Dashboard.HeatCell;
import io.callbridge.statistics.Dashboard.HourCount;
import io.callbridge.statistics.Dashboard.Money;
import io.callbridge.statistics.Dashboard.OutcomeRow;
import io.callbridge.statistics.Dashboard.Totals;
import io.callbridge.statistics.StatisticsFilter;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.context.MessageSource;

/**
 * The dashboard as the API and the page show it: the aggregates of {@link Dashboard} with
 * the period asked for and every outcome's label in the reader's language.
 *
 * @param period the period asked for: today, 7d, 30d or custom
 * @param filter the calls counted (an agent's are always their own)
 * @param zone the tenant's time zone the days and hours are in
 * @param totals headline figures
 * @param byDay one entry per day of the period, days without calls included
 * @param byHour 24 entries, hour 0 to 23 of the local day
 * @param heatmap 168 cells, ISO weekday 1 (Monday) to 7 by hour 0 to 23
 * @param agents one row per agent who had calls (agentId null: calls nobody had), most
 * calls first
 * @param outcomes one row per disposition outcome used, most calls first
 * @param costs the provider's cost of the calls per provider and currency
 */
@Schema(name = "StatisticsDashboard")
record DashboardView(String period, StatisticsFilter filter, String zone, Totals totals, List<DayCount> byDay,
		List<HourCount> byHour, List<HeatCell> heatmap, List<AgentRow> agents, List<OutcomeView> outcomes,
		List<CostRow> costs) {

	static DashboardView of(StatisticsQuery query, Dashboard dashboard, MessageSource messages, Locale locale) {
		return new DashboardView(query.period().code(), dashboard.filter(), dashboard.zone(), dashboard.totals(),
				dashboard.byDay(), dashboard.byHour(), dashboard.heatmap(), dashboard.agents(),
				dashboard.outcomes().stream().map((row) -> OutcomeView.of(row, messages, locale)).toList(),
				dashboard.costs());
	}

	/**
	 * One disposition outcome.
	 *
	 * @param code outcome code
	 * @param label its label in the reader's language (a seeded outcome's) or as the
	 * tenant wrote it
	 * @param calls calls with that outcome
	 * @param charges charges recorded with it, per currency
	 */
	@Schema(name = "StatisticsOutcome")
	record OutcomeView(String code, String label, long calls, List<Money> charges) {

		static OutcomeView of(OutcomeRow row, MessageSource messages, Locale locale) {
			String label = (row.labelKey() != null) ? messages.getMessage(row.labelKey(), null, row.label(), locale)
					: row.label();
			return new OutcomeView(row.code(), (label != null) ? label : row.code(), row.calls(), row.charges());
		}

	}

}
