package io.callbridge.uis.outbound;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reading of UIS's JSON values (numbers may come as strings, booleans as strings,
 * empty values as {@code null}) and of its local date-times ({@code yyyy-MM-dd HH:mm:ss},
 * optionally with fractions or a {@code T}).
 */
final class UisJson {

	/** How the Data API writes and reads dates. */
	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd")
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.appendPattern("HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.toFormatter(Locale.ROOT);

	private UisJson() {
	}

	/** The value as text (numbers in full), or null if absent, null or not a value. */
	static @Nullable String text(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.decimalValue().toPlainString();
		}
		if (node.isBoolean()) {
			return Boolean.toString(node.asBoolean());
		}
		String value = node.isValueNode() ? node.asString().strip() : null;
		return (value == null || value.isEmpty()) ? null : value;
	}

	/** A whole number, or the fallback. */
	static int number(JsonNode node, int fallback) {
		String value = text(node);
		if (value == null) {
			return fallback;
		}
		try {
			return new BigDecimal(value).intValue();
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/** Whether the value means "yes": {@code true}, {@code "true"}, {@code 1}. */
	static boolean flag(JsonNode node) {
		String value = text(node);
		return value != null && ("true".equalsIgnoreCase(value) || "1".equals(value));
	}

	/** A local date-time of the account's zone, or null when absent or unreadable. */
	static @Nullable Instant dateTime(JsonNode node, ZoneId zone) {
		String value = text(node);
		if (value == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(value, LENIENT).atZone(zone).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** An instant as the Data API's local date-time of the account's zone. */
	static String format(Instant instant, ZoneId zone) {
		return DATE_TIME.format(instant.atZone(zone));
	}

}
