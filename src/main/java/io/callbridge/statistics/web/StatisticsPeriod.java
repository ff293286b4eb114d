package io.callbridge.statistics.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The periods a statistic can be asked for: three presets of whole local days ending
 * today in the tenant's time zone, or days chosen by the reader.
 */
enum StatisticsPeriod {

	/** Today only. */
	TODAY("today", 1),

	/** The last seven days, today included. */
	LAST_7_DAYS("7d", 7),

	/** The last thirty days, today included. */
	LAST_30_DAYS("30d", 30),

	/** From and to as given. */
	CUSTOM("custom", 0);

	/** The longest custom period: a leap year. */
	static final int MAX_DAYS = 366;

	private final String code;

	private final int days;

	StatisticsPeriod(String code, int days) {
		this.code = code;
		this.days = days;
	}

	/** The value of the {@code period} parameter. */
	String code() {
		return this.code;
	}

	/** The preset's first day for a today (not for {@link #CUSTOM}). */
	LocalDate firstDay(LocalDate today) {
		return today.minusDays(this.days - 1L);
	}

	static Optional<StatisticsPeriod> of(String code) {
		String wanted = code.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((period) -> period.code.equals(wanted)).findFirst();
	}

}
