package io.callbridge.statistics.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import io.callbridge.statistics.StatisticsFilter;
import io.callbridge.telephony.CallDirection;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The statistics filters as request parameters, the same for the JSON and CSV API and the
 * dashboard page. Every value arrives as text, so that anything unreadable is refused as
 * invalid input naming its parameter (422), all problems at once, never as an unreadable
 * request.
 *
 * @param period {@code today}, {@code 7d}, {@code 30d} or {@code custom}
 * @param from first day of a custom period
 * @param to last day of a custom period
 * @param accountId telephony account (line)
 * @param agentId agent
 * @param campaignId campaign
 * @param direction INBOUND or OUTBOUND
 */
record StatisticsParams(
		@Parameter(
				description = "today, 7d (the last 7 days, today included), 30d or custom (from and to). "
						+ "Default: custom when from or to is given, else 7d. Days are the tenant's local ones.",
				schema = @Schema(type = "string", allowableValues = {
						"today", "7d", "30d", "custom" })) @Nullable String period,
		@Parameter(description = "First day (YYYY-MM-DD) of a custom period; read only with period=custom",
				schema = @Schema(type = "string", format = "date")) @Nullable String from,
		@Parameter(description = "Last day (YYYY-MM-DD, included) of a custom period, at most 366 days after from",
				schema = @Schema(type = "string", format = "date")) @Nullable String to,
		@Parameter(description = "Only calls through this telephony account (line)",
				schema = @Schema(type = "integer", format = "int64")) @Nullable String accountId,
		@Parameter(description = "Only calls this agent had; an agent's statistics are always their own",
				schema = @Schema(type = "integer", format = "int64")) @Nullable String agentId,
		@Parameter(description = "Only calls of this campaign",
				schema = @Schema(type = "integer", format = "int64")) @Nullable String campaignId,
		@Parameter(description = "Only calls in this direction", schema = @Schema(type = "string",
				allowableValues = { "INBOUND", "OUTBOUND" })) @Nullable String direction){

	/** No parameters: the default period and no filter. */
	static StatisticsParams none() {
		return new StatisticsParams(null, null, null, null, null, null, null);
	}

	/**
	 * The filter these parameters ask for.
	 * @param today the tenant's local today, which the presets end on
	 * @return the period's name and the filter
	 * @throws Problems.InvalidInput naming every unreadable parameter
	 */
	StatisticsQuery toQuery(LocalDate today) {
		List<FieldError> errors = new ArrayList<>();
		StatisticsPeriod chosen = period(errors);
		LocalDate first = today;
		LocalDate last = today;
		if (chosen == StatisticsPeriod.CUSTOM) {
			first = requiredDay("from", this.from, errors);
			last = requiredDay("to", this.to, errors);
			checkRange(first, last, errors);
		}
		else if (chosen != null) {
			first = chosen.firstDay(today);
		}
		Long account = id("accountId", this.accountId, errors);
		Long agent = id("agentId", this.agentId, errors);
		Long campaign = id("campaignId", this.campaignId, errors);
		CallDirection way = direction(errors);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return new StatisticsQuery((chosen != null) ? chosen : StatisticsPeriod.LAST_7_DAYS,
				new StatisticsFilter(first, last, account, agent, campaign, way));
	}

	private @Nullable StatisticsPeriod period(List<FieldError> errors) {
		if (blank(this.period)) {
			return (blank(this.from) && blank(this.to)) ? StatisticsPeriod.LAST_7_DAYS : StatisticsPeriod.CUSTOM;
		}
		StatisticsPeriod chosen = StatisticsPeriod.of(this.period).orElse(null);
		if (chosen == null) {
			errors.add(new FieldError("period", Text.of("statistics.invalidPeriod", this.period)));
		}
		return chosen;
	}

	// A missing or unreadable day is reported; today stands in so the other checks run.
	private static LocalDate requiredDay(String name, @Nullable String value, List<FieldError> errors) {
		if (blank(value)) {
			errors.add(new FieldError(name, Text.of("statistics.dayRequired", name)));
			return LocalDate.MIN;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(name, Text.of("statistics.invalidDay", value)));
			return LocalDate.MIN;
		}
	}

	private static void checkRange(LocalDate first, LocalDate last, List<FieldError> errors) {
		if (first.equals(LocalDate.MIN) || last.equals(LocalDate.MIN)) {
			return;
		}
		if (last.isBefore(first)) {
			errors.add(new FieldError("to", Text.of("statistics.rangeInverted", first.toString(), last.toString())));
		}
		else if (ChronoUnit.DAYS.between(first, last) + 1 > StatisticsPeriod.MAX_DAYS) {
			errors.add(new FieldError("to", Text.of("statistics.rangeTooLong", StatisticsPeriod.MAX_DAYS)));
		}
	}

	private static @Nullable Long id(String name, @Nullable String value, List<FieldError> errors) {
		if (blank(value)) {
			return null;
		}
		try {
			long id = Long.parseLong(value.strip());
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, like a number that cannot be an id.
		}
		errors.add(new FieldError(name, Text.of("statistics.invalidId", value)));
		return null;
	}

	private @Nullable CallDirection direction(List<FieldError> errors) {
		if (blank(this.direction)) {
			return null;
		}
		String wanted = this.direction.strip().toUpperCase(Locale.ROOT);
		if (wanted.equals(CallDirection.INBOUND.name()) || wanted.equals(CallDirection.OUTBOUND.name())) {
			return CallDirection.valueOf(wanted);
		}
		errors.add(new FieldError("direction", Text.of("statistics.invalidDirection", this.direction)));
		return null;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
