package io.callbridge.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * The audit list's filter as typed in the page or the API query: dates are days in the
 * tenant's zone ({@code YYYY-MM-DD}, {@code to} inclusive) or ISO-8601 times.
 *
 * @param category a category name (LOGIN, USER, TOKEN, ACCOUNT, BLACKLIST, TENANT,
 * OUTCOME)
 * @param outcome SUCCESS, REFUSED or FAILED
 * @param actor text the actor's username (or the username tried) contains
 * @param from from this day or time
 * @param to up to this day (inclusive) or time
 */
record AuditQuery(@Nullable String category, @Nullable String outcome, @Nullable String actor, @Nullable String from,
		@Nullable String to) {

	AuditFilter toFilter(ZoneId zone) {
		List<FieldError> errors = new ArrayList<>();
		AuditFilter filter = new AuditFilter(enumValue("category", this.category, AuditCategory.class, errors),
				enumValue("outcome", this.outcome, AuditOutcome.class, errors), blankToNull(this.actor),
				instant("from", this.from, zone, false, errors), instant("to", this.to, zone, true, errors));
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return filter;
	}

	private static @Nullable Instant instant(String name, @Nullable String value, ZoneId zone, boolean endOfDay,
			List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.strip().length() == 10) {
				LocalDate day = LocalDate.parse(value.strip());
				return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
			}
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeException ex) {
			errors.add(new FieldError(name, Text.of("audit.invalidTime", value)));
			return null;
		}
	}

	private static <E extends Enum<E>> @Nullable E enumValue(String name, @Nullable String value, Class<E> type,
			List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError(name,
					Text.of("audit.invalidChoice", value, Arrays.toString(type.getEnumConstants()))));
			return null;
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
