package io.callbridge.statistics.web;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.shared.CsvCells;
import io.callbridge.statistics.Dashboard.AgentRow;
import io.callbridge.statistics.Dashboard.CostRow;
import io.callbridge.statistics.Dashboard.HeatCell;
import io.callbridge.statistics.Dashboard.Money;
import io.callbridge.statistics.Dashboard.Totals;
import io.callbridge.statistics.web.DashboardView.OutcomeView;
import io.callbridge.telephony.CallResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Writes one section of the dashboard as CSV for a spreadsheet or a BI tool: UTF-8 with a
 * byte order mark and the separator of {@link CsvCells}, but headers in stable English
 * snake_case whatever the reader's language, so a report built on them keeps working.
 * Decimals use a comma when the separator is {@code ;}, as those spreadsheets expect;
 * durations are whole (or averaged) seconds, days ISO dates, weekdays ISO numbers (1 =
 * Monday).
 */
final class StatisticsCsv {

	private static final List<String> RESULTS = Arrays.stream(CallResult.values())
		.map((result) -> result.name().toLowerCase(Locale.ROOT))
		.toList();

	private StatisticsCsv() {
	}

	/** The header row of a section. */
	static List<String> columns(StatisticsSection section) {
		return switch (section) {
			case TOTALS -> List.of("from", "to", "calls", "answered", "missed", "answer_rate", "called_back_within_1h",
					"called_back_within_24h", "average_wait_seconds", "p90_wait_seconds", "average_talk_seconds",
					"p90_talk_seconds", "talk_seconds");
			case BY_DAY -> withResults("day", "calls");
			case BY_HOUR -> withResults("hour", "calls");
			case HEATMAP -> List.of("weekday", "hour", "calls");
			case AGENTS -> List.of("agent_id", "agent", "calls", "answered", "talk_seconds", "outcomes", "charges");
			case OUTCOMES -> List.of("outcome", "label", "calls", "charges");
			case COSTS -> List.of("provider", "currency", "calls", "amount");
		};
	}

	/**
	 * The file name of a section's download, e.g.
	 * {@code statistics-by-day-2025-01-01-2025-01-07.csv}.
	 */
	static String fileName(StatisticsSection section, DashboardView view) {
		return "statistics-" + section.path() + "-" + view.filter().from() + "-" + view.filter().to() + ".csv";
	}

	static void write(StatisticsSection section, DashboardView view, char separator, Writer writer) throws IOException {
		boolean comma = separator == ';';
		writer.write(CsvCells.BYTE_ORDER_MARK);
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(separator)
			.setHeader(columns(section).toArray(String[]::new))
			.get();
		try (CSVPrinter printer = new CSVPrinter(writer, format)) {
			for (List<Object> row : rows(section, view, comma)) {
				printer.printRecord(row.stream().map(CsvCells::neutralised).toList());
			}
		}
	}

	private static List<List<Object>> rows(StatisticsSection section, DashboardView view, boolean comma) {
		return switch (section) {
			case TOTALS -> List.of(totals(view, comma));
			case BY_DAY ->
				view.byDay().stream().map((day) -> byResult(day.day(), day.calls(), day.byResult())).toList();
			case BY_HOUR ->
				view.byHour().stream().map((hour) -> byResult(hour.hour(), hour.calls(), hour.byResult())).toList();
			case HEATMAP -> view.heatmap().stream().map(StatisticsCsv::heat).toList();
			case AGENTS -> view.agents().stream().map((agent) -> agent(agent, comma)).toList();
			case OUTCOMES -> view.outcomes().stream().map((outcome) -> outcome(outcome, comma)).toList();
			case COSTS -> view.costs().stream().map((cost) -> cost(cost, comma)).toList();
		};
	}

	private static List<Object> totals(DashboardView view, boolean comma) {
		Totals t = view.totals();
		return Arrays.asList(view.filter().from(), view.filter().to(), t.calls(), t.answered(), t.missed(),
				decimal(t.answerRate(), 4, comma), t.calledBackWithin1h(), t.calledBackWithin24h(),
				decimal(t.averageWaitSeconds(), 1, comma), t.p90WaitSeconds(),
				decimal(t.averageTalkSeconds(), 1, comma), t.p90TalkSeconds(), t.talkSeconds());
	}

	private static List<Object> byResult(Object key, long calls, Map<CallResult, Long> byResult) {
		List<Object> cells = new ArrayList<>(List.of(key, calls));
		for (CallResult result : CallResult.values()) {
			cells.add(byResult.getOrDefault(result, 0L));
		}
		return cells;
	}

	private static List<Object> heat(HeatCell cell) {
		return List.of(cell.weekday(), cell.hour(), cell.calls());
	}

	private static List<Object> agent(AgentRow agent, boolean comma) {
		String outcomes = agent.outcomes()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining("; "));
		return Arrays.asList(agent.agentId(), agent.name(), agent.calls(), agent.answered(), agent.talkSeconds(),
				outcomes, charges(agent.charges(), comma));
	}

	private static List<Object> outcome(OutcomeView outcome, boolean comma) {
		return List.of(outcome.code(), outcome.label(), outcome.calls(), charges(outcome.charges(), comma));
	}

	private static List<Object> cost(CostRow cost, boolean comma) {
		return Arrays.asList(cost.provider(), cost.currency(), cost.calls(), money(cost.amount(), comma));
	}

	private static String charges(List<Money> charges, boolean comma) {
		return charges.stream()
			.map((charge) -> money(charge.amount(), comma) + " " + charge.currency())
			.collect(Collectors.joining("; "));
	}

	/** An amount as a plain decimal with at least two decimals (12.50, 0.0125). */
	static @Nullable String money(@Nullable BigDecimal amount, boolean comma) {
		if (amount == null) {
			return null;
		}
		BigDecimal plain = amount.stripTrailingZeros();
		if (plain.scale() < 2) {
			plain = plain.setScale(2, RoundingMode.UNNECESSARY);
		}
		return localized(plain.toPlainString(), comma);
	}

	private static @Nullable String decimal(@Nullable Double value, int decimals, boolean comma) {
		return (value != null)
				? localized(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString(), comma)
				: null;
	}

	private static String localized(String plain, boolean comma) {
		return comma ? plain.replace('.', ',') : plain;
	}

	private static List<String> withResults(String... first) {
		List<String> columns = new ArrayList<>(List.of(first));
		columns.addAll(RESULTS);
		return columns;
	}

}
