package io.callbridge.calls.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.callbridge.calls.CallFilter;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * The call-history filters as request parameters (API and pages). Dates may be plain
 * days, read in the tenant's time zone ({@code to} is then inclusive), or ISO-8601
 * instants; {@code to} must come after {@code from}.
 *
 * @param from start of the range
 * @param to end of the range
 * @param agentId agent
 * @param contactId contact
 * @param direction direction
 * @param result result
 * @param campaignId campaign
 */
record CallFilterParams(@Nullable String from, @Nullable String to, @Nullable Long agentId, @Nullable Long contactId,
		@Nullable String direction, @Nullable String result, @Nullable Long campaignId) {

	CallFilter toFilter(ZoneId zone) {
		Instant start = instant("from", this.from, zone, false);
		Instant end = instant("to", this.to, zone, true);
		if (start != null && end != null && !end.isAfter(start)) {
			// An empty range is always a mistake (the dates swapped, most often): say so
			// instead of showing no calls.
			throw new Problems.InvalidInput("to", Text.of("calls.rangeInverted", this.from, this.to));
		}
		return new CallFilter(start, end, this.agentId, this.contactId,
				enumValue("direction", this.direction, CallDirection.class),
				enumValue("result", this.result, CallResult.class), this.campaignId);
	}

	private static @Nullable Instant instant(String name, @Nullable String value, ZoneId zone, boolean endOfDay) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() == 10) {
				LocalDate day = LocalDate.parse(value);
				return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new Problems.InvalidInput(name, Text.of("audit.invalidTime", value));
		}
	}

	private static <E extends Enum<E>> @Nullable E enumValue(String name, @Nullable String value, Class<E> type) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			StringBuilder allowed = new StringBuilder();
			for (E constant : type.getEnumConstants()) {
				allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
			}
			throw new Problems.InvalidInput(name, Text.of("calls.invalidChoice", value, name, allowed.toString()));
		}
	}

}
