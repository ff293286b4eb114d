package io.callbridge.statistics.web;

import java.text.NumberFormat;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.callbridge.statistics.Dashboard.HeatCell;
import io.callbridge.statistics.Dashboard.Money;
import io.callbridge.statistics.Dashboard.Totals;
import io.callbridge.statistics.web.DashboardView.OutcomeView;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.ui.Model;

/**
 * What the dashboard page shows besides the figures themselves, in the reader's language:
 * the headline tiles formatted, the busiest-hours table with its colour levels, the
 * outcome labels, and the words the charts' script needs.
 */
final class StatisticsPageModel {

	/** Colour levels of the busiest-hours table: 0 (no calls) to this. */
	static final int HEAT_LEVELS = 5;

	private StatisticsPageModel() {
	}

	static void addFigures(Model model, DashboardView view, Locale locale, MessageSource messages, JsonMapper json) {
		model.addAttribute("tiles", tiles(view.totals(), locale));
		model.addAttribute("hours", IntStream.range(0, 24).boxed().toList());
		model.addAttribute("heatRows", heatRows(view.heatmap(), locale));
		Map<String, String> outcomeLabels = view.outcomes()
			.stream()
			.collect(Collectors.toMap(OutcomeView::code, OutcomeView::label));
		model.addAttribute("agentLines",
				view.agents()
					.stream()
					.map((agent) -> new AgentLine(agent.agentId(), agent.name(), agent.calls(), agent.answered(),
							duration(agent.talkSeconds()), outcomes(agent.outcomes(), outcomeLabels),
							charges(agent.charges(), locale)))
					.toList());
		model.addAttribute("outcomeCharges",
				view.outcomes()
					.stream()
					.collect(Collectors.toMap(OutcomeView::code, (outcome) -> charges(outcome.charges(), locale))));
		model.addAttribute("costAmounts",
				view.costs().stream().map((cost) -> amount(locale).format(cost.amount())).toList());
		model.addAttribute("chartLabels", json.writeValueAsString(chartLabels(messages, locale)));
	}

	/**
	 * One headline figure.
	 *
	 * @param id stable name (the element's id ends with it)
	 * @param label message key of its label
	 * @param value the figure, formatted; a dash when there is none
	 */
	record Tile(String id, String label, String value) {
	}

	static List<Tile> tiles(Totals totals, Locale locale) {
		NumberFormat count = NumberFormat.getIntegerInstance(locale);
		NumberFormat percent = NumberFormat.getPercentInstance(locale);
		percent.setMaximumFractionDigits(1);
		return List.of(new Tile("calls", "statistics.kpi.calls", count.format(totals.calls())),
				new Tile("answered", "statistics.kpi.answered", count.format(totals.answered())),
				new Tile("answer-rate", "statistics.kpi.answerRate",
						(totals.answerRate() != null) ? percent.format(totals.answerRate()) : "—"),
				new Tile("missed", "statistics.kpi.missed", count.format(totals.missed())),
				new Tile("called-back-1h", "statistics.kpi.calledBack1h", count.format(totals.calledBackWithin1h())),
				new Tile("called-back-24h", "statistics.kpi.calledBack24h", count.format(totals.calledBackWithin24h())),
				new Tile("average-wait", "statistics.kpi.averageWait", duration(totals.averageWaitSeconds())),
				new Tile("p90-wait", "statistics.kpi.p90Wait", duration(totals.p90WaitSeconds())),
				new Tile("average-talk", "statistics.kpi.averageTalk", duration(totals.averageTalkSeconds())),
				new Tile("p90-talk", "statistics.kpi.p90Talk", duration(totals.p90TalkSeconds())));
	}

	/**
	 * Seconds as {@code m:ss} (or {@code h:mm:ss} from one hour), rounded to the second;
	 * a dash when unknown.
	 */
	static String duration(@Nullable Number seconds) {
		if (seconds == null) {
			return "—";
		}
		long total = Math.round(seconds.doubleValue());
		long hours = total / 3600;
		long minutes = (total % 3600) / 60;
		long rest = total % 60;
		return (hours > 0) ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
				: String.format(Locale.ROOT, "%d:%02d", minutes, rest);
	}

	/**
	 * One weekday of the busiest-hours table.
	 *
	 * @param weekday ISO weekday
	 * @param name its short name in the reader's language
	 * @param cells 24 cells, hour 0 to 23
	 */
	record HeatRow(int weekday, String name, List<Heat> cells) {
	}

	/**
	 * One hour of one weekday.
	 *
	 * @param hour 0 to 23
	 * @param calls calls that started then
	 * @param level colour level, 0 (none) to {@link #HEAT_LEVELS} (the busiest)
	 */
	record Heat(int hour, long calls, int level) {
	}

	static List<HeatRow> heatRows(List<HeatCell> cells, Locale locale) {
		long busiest = cells.stream().mapToLong(HeatCell::calls).max().orElse(0);
		Map<Integer, List<Heat>> byWeekday = new LinkedHashMap<>();
		for (int weekday = 1; weekday <= 7; weekday++) {
			List<Heat> hours = new ArrayList<>();
			for (int hour = 0; hour < 24; hour++) {
				hours.add(new Heat(hour, 0, 0));
			}
			byWeekday.put(weekday, hours);
		}
		for (HeatCell cell : cells) {
			byWeekday.get(cell.weekday()).set(cell.hour(), new Heat(cell.hour(), cell.calls(), level(cell, busiest)));
		}
		return byWeekday.entrySet()
			.stream()
			.map((entry) -> new HeatRow(entry.getKey(), weekdayName(entry.getKey(), locale), entry.getValue()))
			.toList();
	}

	// Any call shows (level 1 at least); the busiest hour is the darkest.
	private static int level(HeatCell cell, long busiest) {
		return (cell.calls() == 0 || busiest == 0) ? 0
				: (int) Math.max(1, Math.ceil(cell.calls() * (double) HEAT_LEVELS / busiest));
	}

	static String weekdayName(int weekday, Locale locale) {
		String name = DayOfWeek.of(weekday).getDisplayName(TextStyle.SHORT, locale);
		return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
	}

	/**
	 * One agent's row of the agents table.
	 *
	 * @param agentId the agent, {@code null} for calls nobody had
	 * @param name the agent's name
	 * @param calls calls
	 * @param answered answered calls
	 * @param talk total talk time, formatted
	 * @param outcomes outcomes with their calls, e.g. "Interested 3, Call back later 1"
	 * @param charges charges per currency, e.g. "12.50 EUR"
	 */
	record AgentLine(@Nullable Long agentId, String name, long calls, long answered, String talk, String outcomes,
			String charges) {
	}

	private static String outcomes(Map<String, Long> outcomes, Map<String, String> labels) {
		return outcomes.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map((entry) -> labels.getOrDefault(entry.getKey(), entry.getKey()) + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	/** Charges per currency as one text, e.g. "12.50 EUR, 3.00 USD". */
	static String charges(List<Money> charges, Locale locale) {
		NumberFormat amount = amount(locale);
		return charges.stream()
			.map((charge) -> amount.format(charge.amount()) + " " + charge.currency())
			.collect(Collectors.joining(", "));
	}

	private static NumberFormat amount(Locale locale) {
		NumberFormat amount = NumberFormat.getNumberInstance(locale);
		amount.setMinimumFractionDigits(2);
		amount.setMaximumFractionDigits(4);
		return amount;
	}

	private static Map<String, Object> chartLabels(MessageSource messages, Locale locale) {
		Map<String, String> results = new LinkedHashMap<>();
		for (CallResult result : CallResult.values()) {
			results.put(result.name(), messages.getMessage("result." + result.name(), null, result.name(), locale));
		}
		Map<String, Object> labels = new LinkedHashMap<>();
		labels.put("results", results);
		for (String key : List.of("calls", "amount", "showNumbers", "hideNumbers")) {
			labels.put(key, messages.getMessage("statistics.chart." + key, null, key, locale));
		}
		return labels;
	}

}
