package io.callbridge.uis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every Data API get method shares (protocol notes B6.1, B3): the {@code filter}
 * ({@link UisReportFilter}), {@code sort}, {@code fields} (the default set when omitted;
 * an unknown column is refused), {@code limit} (default 1000, 1..10000) and
 * {@code offset} (default 0, at most 100000), and {@code metadata.total_items}.
 */
final class UisListQuery {

	static final int DEFAULT_LIMIT = 1000;

	static final int MAX_LIMIT = 10_000;

	static final int MAX_OFFSET = 100_000;

	private static final JsonMapper JSON = JsonMapper.shared();

	private UisListQuery() {
	}

	/**
	 * The rows of one page, projected on {@code fields}, and how many rows matched.
	 * @param rows every row of the method, with every column
	 * @param params the request's params
	 * @param columns every column the method knows
	 * @param unfilterable columns that cannot be filtered ({@code filter_prohibited})
	 */
	static Page apply(List<ObjectNode> rows, JsonNode params, Set<String> columns, Set<String> unfilterable) {
		int limit = bounded(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
		int offset = bounded(params, "offset", 0, 0, MAX_OFFSET);
		List<String> fields = fields(params, columns);
		UisReportFilter filter = UisReportFilter.parse(params.path("filter"), columns, unfilterable);
		List<ObjectNode> matched = new ArrayList<>(rows.stream().filter(filter::matches).toList());
		sort(matched, params.path("sort"), columns);
		List<ObjectNode> page = matched.stream().skip(offset).limit(limit).map((row) -> project(row, fields)).toList();
		return new Page(page, matched.size());
	}

	private static int bounded(JsonNode params, String name, int otherwise, int min, int max) {
		JsonNode value = params.path(name);
		if (value.isMissingNode() || value.isNull()) {
			return otherwise;
		}
		if (!value.isIntegralNumber()) {
			throw UisRpcError.dataType(name, value.toString());
		}
		if (value.asLong() < min || value.asLong() > max) {
			throw UisRpcError.invalid(name, value.asLong());
		}
		return value.asInt();
	}

	private static List<String> fields(JsonNode params, Set<String> columns) {
		JsonNode fields = params.path("fields");
		if (fields.isMissingNode() || fields.isNull()) {
			return List.copyOf(columns);
		}
		if (!fields.isArray()) {
			throw UisRpcError.dataType("fields", fields.toString());
		}
		List<String> names = new ArrayList<>();
		for (JsonNode field : fields) {
			if (!field.isString() || !columns.contains(field.asString())) {
				throw UisRpcError.invalid("fields", field.toString());
			}
			names.add(field.asString());
		}
		return names;
	}

	private static void sort(List<ObjectNode> rows, JsonNode sort, Set<String> columns) {
		if (sort.isMissingNode() || sort.isNull()) {
			return;
		}
		if (!sort.isArray()) {
			throw UisRpcError.dataType("sort", sort.toString());
		}
		Comparator<ObjectNode> order = null;
		for (JsonNode item : sort) {
			String field = item.path("field").asString("");
			if (!columns.contains(field)) {
				throw UisRpcError.params("sort_prohibited", "Sorting by the field " + field + " is prohibited", "sort",
						field);
			}
			String direction = item.path("order").asString("asc");
			if (!direction.equals("asc") && !direction.equals("desc")) {
				throw UisRpcError.invalid("sort", direction);
			}
			Comparator<ObjectNode> by = (a, b) -> UisReportFilter.compare(a.get(field), b.get(field));
			by = direction.equals("desc") ? by.reversed() : by;
			order = (order == null) ? by : order.thenComparing(by);
		}
		if (order != null) {
			rows.sort(order);
		}
	}

	private static ObjectNode project(ObjectNode row, List<String> fields) {
		ObjectNode projected = JSON.createObjectNode();
		fields.forEach((field) -> projected.set(field, row.get(field)));
		return projected;
	}

	/**
	 * One page of a get method.
	 *
	 * @param rows the rows of the page
	 * @param total how many rows matched ({@code metadata.total_items})
	 */
	record Page(List<ObjectNode> rows, int total) {
	}

}
