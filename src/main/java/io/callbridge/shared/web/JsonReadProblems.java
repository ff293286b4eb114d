package io.callbridge.shared.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says in plain words why a JSON request body could not be read — which field is wrong
 * and what it should be — instead of passing on Jackson's message, which names Java
 * types.
 */
final class JsonReadProblems {

	private JsonReadProblems() {
	}

	/**
	 * What is wrong with a request body.
	 *
	 * @param field the field, e.g. {@code tags[0]}; {@code null} for the body as a whole
	 * @param text the message
	 */
	record Described(@Nullable String field, Text text) {
	}

	static Described describe(HttpMessageNotReadableException ex) {
		JacksonException json = find(ex);
		if (json == null) {
			return new Described(null, Text.of("problem.json.unreadable"));
		}
		String field = path(json);
		if (json instanceof InputCoercionException) {
			return new Described(field, Text.of("problem.json.outOfRange", name(field)));
		}
		if (json instanceof StreamReadException) {
			TokenStreamLocation location = json.getLocation();
			return (location != null && location.getLineNr() > 0)
					? new Described(null,
							Text.of("problem.json.syntaxAt", String.valueOf(location.getLineNr()),
									String.valueOf(location.getColumnNr())))
					: new Described(null, Text.of("problem.json.syntax"));
		}
		if (field == null) {
			return new Described(null, Text.of("problem.json.bodyShape"));
		}
		if (json instanceof InvalidNullException) {
			return new Described(field, Text.of("problem.json.null", field));
		}
		if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return new Described(field, Text.of("problem.json.type", field, kind(mismatch.getTargetType())));
		}
		return new Described(field, Text.of("problem.json.invalid", field));
	}

	private static @Nullable JacksonException find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json) {
				return json;
			}
		}
		return null;
	}

	private static @Nullable String path(JacksonException json) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? null : path.toString();
	}

	private static Object name(@Nullable String field) {
		return (field != null) ? field : Text.of("problem.json.aValue");
	}

	private static Text kind(Class<?> type) {
		if (type.isEnum()) {
			return Text.of("problem.json.kind.oneOf",
					Arrays.stream(type.getEnumConstants())
						.map((constant) -> ((Enum<?>) constant).name())
						.collect(Collectors.joining(", ")));
		}
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
			return Text.of("problem.json.kind.text");
		}
		if (type == boolean.class || type == Boolean.class) {
			return Text.of("problem.json.kind.boolean");
		}
		if (type == int.class || type == long.class || type == short.class || type == byte.class
				|| type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
				|| type == BigInteger.class) {
			return Text.of("problem.json.kind.integer");
		}
		if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)
				|| type == BigDecimal.class) {
			return Text.of("problem.json.kind.number");
		}
		if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class
				|| type == LocalDateTime.class) {
			return Text.of("problem.json.kind.dateTime");
		}
		if (type == LocalDate.class) {
			return Text.of("problem.json.kind.date");
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return Text.of("problem.json.kind.list");
		}
		if (Map.class.isAssignableFrom(type)) {
			return Text.of("problem.json.kind.object");
		}
		return Text.of("problem.json.kind.object");
	}

}
