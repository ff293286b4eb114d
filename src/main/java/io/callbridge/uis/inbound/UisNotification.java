package io.callbridge.uis.inbound;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request from UIS as Callbridge reads it: the fields of its JSON body (the template
 * the admin pasted, with UIS's values substituted) or of its query or form parameters,
 * each as text. Numbers may come as numbers or strings and arrays as JSON arrays or
 * comma-separated text; a JSON {@code null} counts as absent, unknown fields are kept but
 * ignored.
 *
 * @param fields the fields, values as text
 * @param rawPayload the request as received (the JSON body, or the parameters as JSON),
 * kept for audit
 */
record UisNotification(Map<String, String> fields, String rawPayload) {

	/**
	 * Reads a number with a fraction or an exponent as written, not as a double: 1e400
	 * would be infinite, which has no decimal value (a 500 before).
	 */
	private static final JsonMapper READER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	/**
	 * Beyond this many digits after (or zeros before) the point, a number is not spelled
	 * out.
	 */
	private static final int MAX_SCALE = 100;

	UisNotification {
		fields = Map.copyOf(fields);
	}

	/** A field's value, or {@code null} when absent or blank. */
	@Nullable String get(String name) {
		String value = this.fields.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** A field's value for keys and messages: absent fields count as empty. */
	String raw(String name) {
		return Objects.toString(get(name), "");
	}

	/**
	 * Reads a request.
	 * @param parameters the query (and form) parameters, without the secret
	 * @param body the body as text, empty when there is none
	 * @return the notification, or why it cannot be read
	 */
	static Reading read(Map<String, String> parameters, String body) {
		Map<String, String> fields = new LinkedHashMap<>(parameters);
		if (body.isBlank()) {
			return new Reading(new UisNotification(fields, JsonMapper.shared().writeValueAsString(fields)), null);
		}
		JsonNode root;
		try {
			root = READER.readTree(body);
		}
		catch (JacksonException ex) {
			return new Reading(null, Text.of("uis.notJson", firstLine(ex.getOriginalMessage())));
		}
		if (root == null || !root.isObject()) {
			return new Reading(null, Text.of("uis.notAnObject"));
		}
		root.properties().forEach((entry) -> {
			String value = text(entry.getValue());
			if (value != null) {
				fields.put(entry.getKey(), value);
			}
		});
		return new Reading(new UisNotification(fields, body), null);
	}

	// Scalars as their text (numbers without exponent), arrays as comma-separated
	// scalars, objects as their JSON.
	private static @Nullable String text(JsonNode node) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isNumber()) {
			return plain(node.decimalValue());
		}
		if (node.isValueNode()) {
			return node.asString();
		}
		if (node.isArray()) {
			List<String> items = new ArrayList<>();
			node.forEach((item) -> {
				String value = text(item);
				if (value != null) {
					items.add(value);
				}
			});
			return String.join(",", items);
		}
		return node.toString();
	}

	// A number beyond a double's range (1e400) stays as written in scientific notation:
	// spelled out, its digits would be as many as its exponent says.
	private static String plain(BigDecimal number) {
		BigDecimal stripped = number.stripTrailingZeros();
		if (Math.abs(stripped.scale()) > MAX_SCALE) {
			return stripped.toString();
		}
		return (stripped.scale() < 0) ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
	}

	private static String firstLine(@Nullable String message) {
		String line = Objects.toString(message, "").lines().findFirst().orElse("");
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	/**
	 * A request read, or why it could not be.
	 *
	 * @param notification the notification, when readable
	 * @param refusal why it is not, otherwise
	 */
	record Reading(@Nullable UisNotification notification, @Nullable Text refusal) {
	}

}
