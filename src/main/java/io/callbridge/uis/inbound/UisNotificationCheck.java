package io.callbridge.uis.inbound;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * What a notification must carry to be stored, and how its values are read. The secret
 * authenticates the whole request, so the check is about sense, not forgery: the session
 * id and, where the event is about an employee, the employee id are whole numbers (as UIS
 * numbers them); the notification time is a local time {@code yyyy-MM-dd HH:mm:ss[.SSS]}
 * (UIS writes the account's zone); durations are whole seconds; a recording has an
 * http(s) link. Everything else is optional.
 */
final class UisNotificationCheck {

	/** UIS's local times, with up to nine fraction digits (it sends milliseconds). */
	static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.toFormatter(Locale.ROOT);

	/** The longest duration accepted, in seconds: a day (UIS caps calls far below). */
	static final int LONGEST = 24 * 3600;

	private static final Pattern ID = Pattern.compile("\\d{1,19}");

	private static final Set<UisEventType> ABOUT_AN_EMPLOYEE = Set.of(UisEventType.WAITING, UisEventType.CALL_OUTGOING,
			UisEventType.TALK_STARTED);

	private static final Set<String> DURATIONS = Set.of("talk_time_duration", "total_time_duration",
			"wait_time_duration", "file_duration");

	private UisNotificationCheck() {
	}

	/**
	 * Why the notification must not be stored, or {@code null} when it may.
	 * @param type the notification's event type
	 * @param n the notification
	 */
	static @Nullable Text refusal(UisEventType type, UisNotification n) {
		Text refused = idRefusal(type, n, "call_session_id", true);
		if (refused == null) {
			refused = idRefusal(type, n, "employee_id", ABOUT_AN_EMPLOYEE.contains(type));
		}
		if (refused == null) {
			refused = timeRefusal(type, n);
		}
		for (String duration : DURATIONS) {
			if (refused == null && n.get(duration) != null && seconds(n.get(duration)) == null) {
				refused = Text.of("uis.badDuration", type.slug(), duration, UisRequests.loggable(n.raw(duration)),
						LONGEST);
			}
		}
		if (refused == null && type == UisEventType.RECORDING) {
			refused = linkRefusal(n);
		}
		return refused;
	}

	/** Whether a value is a UIS id (a whole number). */
	static boolean isId(@Nullable String value) {
		return value != null && ID.matcher(value).matches();
	}

	/** The instant of a notification time in the account's zone, or {@code null}. */
	static @Nullable Instant time(@Nullable String value, ZoneId zone) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.replace('T', ' '), TIME).atZone(zone).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * Whole seconds from a duration UIS may write as {@code 90}, {@code "90"} or
	 * {@code 90.0}; {@code null} when absent, negative, fractional or over a day.
	 */
	static @Nullable Integer seconds(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(value);
			if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(LONGEST)) > 0) {
				return null;
			}
			return seconds.intValueExact();
		}
		catch (ArithmeticException | NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Text idRefusal(UisEventType type, UisNotification n, String field, boolean required) {
		String value = n.get(field);
		if (value == null) {
			return required ? Text.of("uis.missingField", type.slug(), field) : null;
		}
		return isId(value) ? null : Text.of("uis.notAnId", type.slug(), field, UisRequests.loggable(value));
	}

	private static @Nullable Text timeRefusal(UisEventType type, UisNotification n) {
		String value = n.get("notification_time");
		if (value == null) {
			return Text.of("uis.missingField", type.slug(), "notification_time");
		}
		// The zone does not matter for whether the text is a time.
		return (time(value, ZoneId.of("UTC")) != null) ? null
				: Text.of("uis.badTime", type.slug(), UisRequests.loggable(value));
	}

	private static @Nullable Text linkRefusal(UisNotification n) {
		String link = n.get("file_link");
		if (link == null) {
			return Text.of("uis.missingField", UisEventType.RECORDING.slug(), "file_link");
		}
		String lower = link.toLowerCase(Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? null
				: Text.of("uis.badLink", UisEventType.RECORDING.slug(), UisRequests.loggable(link));
	}

}
