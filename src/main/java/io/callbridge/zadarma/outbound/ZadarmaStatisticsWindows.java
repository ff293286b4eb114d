package io.callbridge.zadarma.outbound;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a period into the windows Zadarma's statistics accept. Zadarma takes at most one
 * month per request ("a longer range is automatically reduced to 30 days"), so each
 * window is at most one calendar month <em>and</em> at most 30 days: neither reading of
 * that rule can cut one short. Dates are local to the account's time zone, second
 * precision, both ends inclusive as Zadarma reads them.
 */
final class ZadarmaStatisticsWindows {

	/** Zadarma's largest page ({@code limit}). */
	static final int PAGE = 1000;

	/** A guard against a server that ignores {@code skip}: 200,000 rows a window. */
	static final int MAX_PAGES = 200;

	private ZadarmaStatisticsWindows() {
	}

	/** The windows covering {@code [from, to)}, in order; none if the period is empty. */
	static List<Window> split(Instant from, Instant to, ZoneId zone) {
		List<Window> windows = new ArrayList<>();
		ZonedDateTime start = from.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
		ZonedDateTime end = to.atZone(zone);
		while (start.isBefore(end)) {
			ZonedDateTime next = earliest(earliest(start.plusMonths(1), start.plusDays(30)), end);
			ZonedDateTime last = next.minusNanos(1).truncatedTo(ChronoUnit.SECONDS);
			windows.add(new Window(ZadarmaApiClient.DATE_TIME.format(start), ZadarmaApiClient.DATE_TIME.format(last)));
			start = next;
		}
		return windows;
	}

	private static ZonedDateTime earliest(ZonedDateTime a, ZonedDateTime b) {
		return a.isBefore(b) ? a : b;
	}

	/**
	 * One request's {@code start} and {@code end}, as Zadarma wants them.
	 *
	 * @param start the first second, {@code yyyy-MM-dd HH:mm:ss}
	 * @param end the last second, inclusive
	 */
	record Window(String start, String end) {
	}

}
