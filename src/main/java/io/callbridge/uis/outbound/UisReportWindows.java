package io.callbridge.uis.outbound;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a period into the windows UIS's reports accept: {@code date_from} to
 * {@code date_till} at most 3 months apart (UIS answers
 * {@code date_interval_limit_reached} otherwise), so each window is at most 3 calendar
 * months less a day, on the account's local dates, at second precision with both ends
 * inclusive as UIS reads them.
 */
final class UisReportWindows {

	private UisReportWindows() {
	}

	/** The windows covering {@code [from, to)}, in order; none if the period is empty. */
	static List<Window> split(Instant from, Instant to, ZoneId zone) {
		List<Window> windows = new ArrayList<>();
		ZonedDateTime start = from.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
		ZonedDateTime end = to.atZone(zone);
		while (start.isBefore(end)) {
			ZonedDateTime limit = start.plusMonths(3).minusDays(1);
			ZonedDateTime next = limit.isBefore(end) ? limit : end;
			windows.add(new Window(start.toInstant(), next.toInstant()));
			start = next;
		}
		return windows;
	}

	/**
	 * One window: {@code [from, to)}.
	 *
	 * @param from its first instant
	 * @param to the first instant after it
	 */
	record Window(Instant from, Instant to) {

		/** The last second of the window, UIS's inclusive {@code date_till}. */
		Instant till() {
			Instant last = this.to.minusNanos(1).truncatedTo(ChronoUnit.SECONDS);
			return last.isBefore(this.from) ? this.from : last;
		}

		/** The two halves of the window (for a window with more rows than UIS pages). */
		List<Window> halves() {
			Instant middle = this.from
				.plusSeconds(Math.max(1, (this.to.getEpochSecond() - this.from.getEpochSecond()) / 2));
			return List.of(new Window(this.from, middle), new Window(middle, this.to));
		}

		/** Whether the window is too short to split. */
		boolean shortest() {
			return this.to.getEpochSecond() - this.from.getEpochSecond() <= 1;
		}

	}

}
