package io.callbridge.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.statistics.CallFactQueries.GridCell;
import io.callbridge.statistics.CallFactQueries.Histograms;
import io.callbridge.statistics.Dashboard.DayCount;
import io.callbridge.statistics.Dashboard.HeatCell;
import io.callbridge.statistics.Dashboard.HourCount;
import io.callbridge.statistics.Dashboard.Totals;
import io.callbridge.telephony.CallResult;

/**
 * The calls of a period by day, hour and result (the grid) with the wait and talk
 * histograms, folded into the headline figures and the day, hour and weekday charts.
 * Every day of the period, every hour and every weekday-hour cell is present, with zeros
 * where nothing happened.
 */
final class Activity {

	private final List<GridCell> grid;

	private final Histograms histograms;

	Activity(List<GridCell> grid, Histograms histograms) {
		this.grid = grid;
		this.histograms = histograms;
	}

	Totals totals() {
		long calls = 0;
		long answered = 0;
		long refused = 0;
		long missed = 0;
		long back1h = 0;
		long back24h = 0;
		for (GridCell cell : this.grid) {
			calls += cell.calls();
			answered += (cell.result() == CallResult.ANSWERED) ? cell.calls() : 0;
			refused += refused(cell.result()) ? cell.calls() : 0;
			missed += cell.missed();
			back1h += cell.calledBackWithin1h();
			back24h += cell.calledBackWithin24h();
		}
		Double answerRate = (calls > refused) ? (double) answered / (calls - refused) : null;
		Histogram waits = this.histograms.waits();
		Histogram talks = this.histograms.talks();
		return new Totals(calls, answered, missed, answerRate, back1h, back24h, waits.average(), waits.percentile(90),
				talks.average(), talks.percentile(90), talks.sum());
	}

	List<DayCount> byDay(LocalDate from, LocalDate to) {
		Map<LocalDate, Map<CallResult, Long>> days = new HashMap<>();
		for (GridCell cell : this.grid) {
			days.computeIfAbsent(cell.day(), (day) -> zeros()).merge(cell.result(), cell.calls(), Long::sum);
		}
		List<DayCount> counts = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			Map<CallResult, Long> results = days.getOrDefault(day, zeros());
			counts.add(new DayCount(day, sum(results), Collections.unmodifiableMap(results)));
		}
		return counts;
	}

	List<HourCount> byHour() {
		List<Map<CallResult, Long>> hours = new ArrayList<>();
		for (int hour = 0; hour < 24; hour++) {
			hours.add(zeros());
		}
		for (GridCell cell : this.grid) {
			hours.get(cell.hour()).merge(cell.result(), cell.calls(), Long::sum);
		}
		List<HourCount> counts = new ArrayList<>();
		for (int hour = 0; hour < 24; hour++) {
			counts.add(new HourCount(hour, sum(hours.get(hour)), Collections.unmodifiableMap(hours.get(hour))));
		}
		return counts;
	}

	// The weekday is the local day's, so the grid needs no weekday column.
	List<HeatCell> heatmap() {
		long[][] calls = new long[8][24];
		for (GridCell cell : this.grid) {
			calls[cell.day().getDayOfWeek().getValue()][cell.hour()] += cell.calls();
		}
		List<HeatCell> cells = new ArrayList<>();
		for (int weekday = 1; weekday <= 7; weekday++) {
			for (int hour = 0; hour < 24; hour++) {
				cells.add(new HeatCell(weekday, hour, calls[weekday][hour]));
			}
		}
		return cells;
	}

	// Calls refused before they could ring (blacklist, the provider's rules) could never
	// have been answered.
	private static boolean refused(CallResult result) {
		return result == CallResult.REJECTED || result == CallResult.NOT_ALLOWED;
	}

	private static Map<CallResult, Long> zeros() {
		Map<CallResult, Long> zeros = new EnumMap<>(CallResult.class);
		for (CallResult result : CallResult.values()) {
			zeros.put(result, 0L);
		}
		return zeros;
	}

	private static long sum(Map<CallResult, Long> results) {
		return results.values().stream().mapToLong(Long::longValue).sum();
	}

}
