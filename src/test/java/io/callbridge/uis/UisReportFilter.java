package io.callbridge.uis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Data API's {@code filter} (protocol notes B6.1): a simple {@code {field, operator,
 * value}} or a tree {@code {filters:[...], condition:"and"|"or"}} nested at most two
 * levels, with the operators {@code = != < > <= >= like in} (and {@code regexp});
 * {@code =null}/{@code !=null} test for null. Anything else is refused as UIS refuses it.
 */
final class UisReportFilter {

	private static final int MAX_DEPTH = 2;

	private static final Set<String> OPERATORS = Set.of("=", "!=", "<", ">", "<=", ">=", "like", "in", "regexp");

	private final @Nullable Condition condition;

	private UisReportFilter(@Nullable Condition condition) {
		this.condition = condition;
	}

	static UisReportFilter parse(JsonNode filter, Set<String> columns, Set<String> unfilterable) {
		if (filter.isMissingNode() || filter.isNull()) {
			return new UisReportFilter(null);
		}
		return new UisReportFilter(node(filter, columns, unfilterable, 0));
	}

	boolean matches(ObjectNode row) {
		return this.condition == null || this.condition.test(row);
	}

	/** Orders two column values: nulls first, numbers by value, the rest as text. */
	static int compare(@Nullable JsonNode a, @Nullable JsonNode b) {
		boolean aNull = a == null || a.isNull();
		boolean bNull = b == null || b.isNull();
		if (aNull || bNull) {
			return Boolean.compare(!aNull, !bNull);
		}
		if (a.isNumber() && b.isNumber()) {
			return Double.compare(a.asDouble(), b.asDouble());
		}
		return text(a).compareTo(text(b));
	}

	private static Condition node(JsonNode filter, Set<String> columns, Set<String> unfilterable, int depth) {
		if (!filter.isObject()) {
			throw UisRpcError.dataType("filter", filter.toString());
		}
		if (filter.has("filters")) {
			return tree(filter, columns, unfilterable, depth + 1);
		}
		return simple(filter, columns, unfilterable);
	}

	private static Condition tree(JsonNode filter, Set<String> columns, Set<String> unfilterable, int depth) {
		if (depth > MAX_DEPTH) {
			throw UisRpcError.invalid("filter", "nested deeper than " + MAX_DEPTH + " levels");
		}
		String condition = filter.path("condition").asString("and");
		if (!condition.equals("and") && !condition.equals("or")) {
			throw UisRpcError.invalid("condition", condition);
		}
		if (!filter.path("filters").isArray() || filter.path("filters").isEmpty()) {
			throw UisRpcError.invalid("filters", filter.path("filters").toString());
		}
		List<Condition> parts = new ArrayList<>();
		for (JsonNode part : filter.path("filters")) {
			parts.add(node(part, columns, unfilterable, depth));
		}
		return condition.equals("and") ? (row) -> parts.stream().allMatch((p) -> p.test(row))
				: (row) -> parts.stream().anyMatch((p) -> p.test(row));
	}

	private static Condition simple(JsonNode filter, Set<String> columns, Set<String> unfilterable) {
		for (String required : List.of("field", "operator", "value")) {
			if (!filter.has(required)) {
				throw UisRpcError.missed(required);
			}
		}
		String field = filter.path("field").asString("");
		if (!columns.contains(field)) {
			throw UisRpcError.invalid("field", field);
		}
		if (unfilterable.contains(field)) {
			throw UisRpcError.params("filter_prohibited", "Filtering by the field " + field + " is prohibited",
					"filter", field);
		}
		String operator = filter.path("operator").asString("");
		if (!OPERATORS.contains(operator)) {
			throw UisRpcError.invalid("operator", operator);
		}
		JsonNode value = filter.get("value");
		if (operator.equals("in") != value.isArray()) {
			throw UisRpcError.invalid("value", value.toString());
		}
		return (row) -> test(row.get(field), operator, value);
	}

	private static boolean test(@Nullable JsonNode actual, String operator, JsonNode value) {
		boolean isNull = actual == null || actual.isNull();
		if (value.isNull()) {
			return switch (operator) {
				case "=" -> isNull;
				case "!=" -> !isNull;
				default -> throw UisRpcError.invalid("value", null);
			};
		}
		if (isNull) {
			return operator.equals("!=");
		}
		return switch (operator) {
			case "=" -> compare(actual, value) == 0;
			case "!=" -> compare(actual, value) != 0;
			case "<" -> compare(actual, value) < 0;
			case ">" -> compare(actual, value) > 0;
			case "<=" -> compare(actual, value) <= 0;
			case ">=" -> compare(actual, value) >= 0;
			case "like" -> like(text(actual), text(value));
			case "regexp" -> Pattern.compile(text(value)).matcher(text(actual)).find();
			default -> inList(actual, value);
		};
	}

	private static boolean inList(JsonNode actual, JsonNode values) {
		for (JsonNode value : values) {
			if (compare(actual, value) == 0) {
				return true;
			}
		}
		return false;
	}

	private static boolean like(String actual, String pattern) {
		String regex = Arrays.stream(pattern.split("%", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
		return Pattern.compile(regex, Pattern.DOTALL).matcher(actual).matches();
	}

	private static String text(JsonNode node) {
		return node.isString() ? node.asString() : node.toString();
	}

	/** One compiled condition on a row. */
	@FunctionalInterface
	private interface Condition {

		boolean test(ObjectNode row);

	}

}
