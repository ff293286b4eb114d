package io.callbridge.records;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request body, refusing a value of the wrong type with a 422
 * problem that names the field (instead of a generic unreadable body). Also tells an
 * absent field from one sent as {@code null}, which a PATCH needs.
 *
 * @param body the request body
 */
record JsonFields(JsonNode body) {

	static JsonFields of(@Nullable JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new Problems.InvalidInput("body", Text.of("case.badBody"));
		}
		return new JsonFields(body);
	}

	/** Whether the field was sent (maybe as {@code null}). */
	boolean has(String field) {
		return this.body.has(field);
	}

	@Nullable String text(String field) {
		JsonNode value = this.body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new Problems.InvalidInput(field, Text.of("records.notText", field));
		}
		return value.asString();
	}

	@Nullable Long id(String field) {
		JsonNode value = this.body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		return id(value, field);
	}

	List<Long> ids(String field) {
		JsonNode value = this.body.get(field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			throw new Problems.InvalidInput(field, Text.of("records.notIds", field));
		}
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			ids.add(id(value.get(i), field));
		}
		return ids;
	}

	@Nullable Instant instant(String field) {
		String value = text(field);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new Problems.InvalidInput(field, Text.of("records.notInstant", value));
		}
	}

	private static long id(JsonNode value, String field) {
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw new Problems.InvalidInput(field, Text.of("records.notId", field));
		}
		return value.asLong();
	}

}
