package io.callbridge.statistics.web;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.statistics.Dashboard.AgentRow;
import io.callbridge.statistics.Dashboard.CostRow;
import io.callbridge.statistics.Dashboard.DayCount;
import io.callbridge.statistics.Dashboard.HeatCell;
import io.callbridge.statistics.Dashboard.HourCount;
import io.callbridge.statistics.Dashboard.Money;
import io.callbridge.statistics.Dashboard.Totals;
import io.callbridge.statistics.StatisticsFilter;
import io.callbridge.statistics.web.DashboardView.OutcomeView;
import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's CSV files: stable English headers, the reader's separator and decimal
 * mark, and no cell a spreadsheet would run as a formula.
 */
class StatisticsCsvTests {

	private static final LocalDate DAY = LocalDate.of(2025, 3, 10);

	@Test
	void totalsAreOneRowUnderStableHeaders() throws IOException {
		String csv = write(StatisticsSection.TOTALS, ',');

		assertThat(csv).startsWith("\uFEFF");
		assertThat(lines(csv)).containsExactly(
				"from,to,calls,answered,missed,answer_rate,called_back_within_1h,called_back_within_24h,"
						+ "average_wait_seconds,p90_wait_seconds,average_talk_seconds,p90_talk_seconds,talk_seconds",
				"2025-03-10,2025-03-10,7,4,2,0.6667,1,2,12.3,20,95.5,180,382");
	}

	@Test
	void aSpanishReaderGetsSemicolonsAndDecimalCommas() throws IOException {
		assertThat(lines(write(StatisticsSection.TOTALS, ';')).get(1))
			.isEqualTo("2025-03-10;2025-03-10;7;4;2;0,6667;1;2;12,3;20;95,5;180;382");
		assertThat(lines(write(StatisticsSection.COSTS, ';'))).containsExactly("provider;currency;calls;amount",
				"zadarma;EUR;3;0,125", "sandbox;USD;1;2,00");
	}

	@Test
	void daysAndHoursHaveAColumnPerResult() throws IOException {
		assertThat(lines(write(StatisticsSection.BY_DAY, ','))).containsExactly(
				"day,calls,answered,missed,busy,failed,cancelled,rejected,not_allowed", "2025-03-10,7,4,2,0,0,1,0,0");
		assertThat(lines(write(StatisticsSection.BY_HOUR, ',')).get(1)).isEqualTo("9,7,4,2,0,0,1,0,0");
		assertThat(lines(write(StatisticsSection.HEATMAP, ','))).containsExactly("weekday,hour,calls", "1,9,7");
	}

	@Test
	void agentsAndOutcomesListTheirOutcomesAndCharges() throws IOException {
		assertThat(lines(write(StatisticsSection.AGENTS, ','))).containsExactly(
				"agent_id,agent,calls,answered,talk_seconds,outcomes,charges",
				"12,\"'=HYPERLINK(\"\"x\"\")\",5,4,382,interested=2; call-back=1,12.50 EUR; 3.00 USD", ",,2,0,0,,");
		assertThat(lines(write(StatisticsSection.OUTCOMES, ','))).containsExactly("outcome,label,calls,charges",
				"interested,Interesado,2,12.50 EUR");
	}

	private static String write(StatisticsSection section, char separator) throws IOException {
		StringWriter out = new StringWriter();
		StatisticsCsv.write(section, view(), separator, out);
		return out.toString();
	}

	private static List<String> lines(String csv) {
		return csv.substring(1).lines().toList();
	}

	private static DashboardView view() {
		Map<CallResult, Long> results = new EnumMap<>(CallResult.class);
		for (CallResult result : CallResult.values()) {
			results.put(result, 0L);
		}
		results.put(CallResult.ANSWERED, 4L);
		results.put(CallResult.MISSED, 2L);
		results.put(CallResult.CANCELLED, 1L);
		Map<String, Long> outcomes = new LinkedHashMap<>();
		outcomes.put("interested", 2L);
		outcomes.put("call-back", 1L);
		return new DashboardView("today", new StatisticsFilter(DAY, DAY, null, null, null, null), "Europe/Madrid",
				new Totals(7, 4, 2, 2 / 3.0, 1, 2, 12.25, 20, 95.5, 180, 382), List.of(new DayCount(DAY, 7, results)),
				List.of(new HourCount(9, 7, results)), List.of(new HeatCell(1, 9, 7)), List.of(
						new AgentRow(12L, "=HYPERLINK(\"x\")", 5, 4, 382, outcomes,
								List.of(new Money("EUR", new BigDecimal("12.5")),
										new Money("USD", new BigDecimal("3")))),
						new AgentRow(null, "", 2, 0, 0, Map.of(), List.of())),
				List.of(new OutcomeView("interested", "Interesado", 2,
						List.of(new Money("EUR", new BigDecimal("12.50"))))),
				List.of(new CostRow("zadarma", "EUR", 3, new BigDecimal("0.1250")),
						new CostRow("sandbox", "USD", 1, new BigDecimal("2"))));
	}

}
