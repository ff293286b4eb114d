package io.callbridge.crm.retailcrm;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object sent to the simulated retailCRM and collects what
 * is wrong with them under the field's name (prefixed, e.g. {@code calls[2].date}), in
 * the wording of the Symfony validator retailCRM is built on; the caller refuses the
 * request when any error was collected. Types are strict: a string field holding a number
 * is an error, as the protocol notes give each field one type.
 */
final class RetailCrmFields {

	/** retailCRM's {@code Y-m-d H:i:s} (protocol notes A4). */
	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
		.withResolverStyle(ResolverStyle.STRICT);

	static final String BLANK = "This value should not be blank.";

	static final String INVALID = "This value is not valid.";

	static final String CHOICE = "The value you selected is not a valid choice.";

	private final JsonNode node;

	private final String prefix;

	private final Map<String, String> errors;

	RetailCrmFields(JsonNode node, String prefix, Map<String, String> errors) {
		this.node = node;
		this.prefix = prefix;
		this.errors = errors;
	}

	JsonNode node() {
		return this.node;
	}

	@Nullable String string(String name, boolean required) {
		JsonNode value = this.node.get(name);
		if (value == null || value.isNull()) {
			return blankIf(name, required);
		}
		if (!value.isString()) {
			return error(name, INVALID);
		}
		if (value.asString().isBlank()) {
			return blankIf(name, required);
		}
		return value.asString();
	}

	@Nullable String oneOf(String name, boolean required, Set<String> allowed) {
		String value = string(name, required);
		if (value != null && !allowed.contains(value)) {
			return error(name, CHOICE);
		}
		return value;
	}

	/** A {@code Y-m-d H:i:s} date, kept as sent. */
	@Nullable String date(String name, boolean required) {
		String value = string(name, required);
		if (value == null) {
			return null;
		}
		try {
			LocalDateTime.parse(value, DATE);
			return value;
		}
		catch (DateTimeParseException ex) {
			return error(name, INVALID);
		}
	}

	/** An absolute http(s) URL. */
	@Nullable String url(String name, boolean required) {
		String value = string(name, required);
		if (value == null) {
			return null;
		}
		try {
			URI uri = URI.create(value);
			if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				return value;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		return error(name, INVALID);
	}

	@Nullable Integer integer(String name, boolean required, int min) {
		JsonNode value = this.node.get(name);
		if (value == null || value.isNull()) {
			blankIf(name, required);
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
			error(name, INVALID);
			return null;
		}
		return value.asInt();
	}

	@Nullable Boolean bool(String name) {
		JsonNode value = this.node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isBoolean()) {
			error(name, INVALID);
			return null;
		}
		return value.asBoolean();
	}

	@Nullable JsonNode object(String name) {
		JsonNode value = this.node.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			error(name, INVALID);
			return null;
		}
		return value;
	}

	/** An array of strings, empty when absent. */
	List<String> strings(String name) {
		List<String> values = new ArrayList<>();
		for (JsonNode item : array(name)) {
			if (!item.isString() || item.asString().isBlank()) {
				error(name, INVALID);
				return List.of();
			}
			values.add(item.asString());
		}
		return values;
	}

	/** An array of integers, empty when absent. */
	List<Integer> integers(String name) {
		List<Integer> values = new ArrayList<>();
		for (JsonNode item : array(name)) {
			if (!item.isIntegralNumber() || !item.canConvertToInt()) {
				error(name, INVALID);
				return List.of();
			}
			values.add(item.asInt());
		}
		return values;
	}

	/** The items of an array of objects, each read with its index in the prefix. */
	List<RetailCrmFields> objects(String name) {
		List<RetailCrmFields> values = new ArrayList<>();
		List<JsonNode> items = array(name);
		for (int i = 0; i < items.size(); i++) {
			if (!items.get(i).isObject()) {
				error(name, INVALID);
				return List.of();
			}
			values.add(new RetailCrmFields(items.get(i), this.prefix + name + "[" + i + "].", this.errors));
		}
		return values;
	}

	/** Records an error on a field and answers null (for {@code return error(…)}). */
	<T> @Nullable T error(String name, String message) {
		this.errors.putIfAbsent(this.prefix + name, message);
		return null;
	}

	private List<JsonNode> array(String name) {
		JsonNode value = this.node.get(name);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			error(name, INVALID);
			return List.of();
		}
		List<JsonNode> items = new ArrayList<>();
		value.values().forEach(items::add);
		return items;
	}

	private @Nullable String blankIf(String name, boolean required) {
		return required ? error(name, BLANK) : null;
	}

}
