package io.callbridge.bench;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates requests for every operation of the published OpenAPI document
 * ({@code /v3/api-docs}): a valid request built from the operation's schemas, then — most
 * of the time — broken in one place: a field set to null, to the wrong type, to a hostile
 * string or number or date, an unknown field, nulls in arrays, a dropped required field;
 * or the whole body replaced (empty, truncated, deeply nested, invalid UTF-8); or a wrong
 * content type; or path ids that name nothing, hostile query parameters, no or a bad
 * token. Operations are visited round-robin, so each gets about the same share.
 */
final class ApiFuzzer {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

	private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "*/*", "text/csv",
			"application/json", "application/problem+json", "image/png", "text/event-stream", "garbage");

	private static final List<String> WRONG_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data", "application/json; charset=ISO-8859-1",
			"application/*", "foo/bar", "text/csv", "application/octet-stream", "application/json; charset=nope");

	private static final Set<String> RESOURCE_NOISE = Set.of("api", "v1", "v2");

	/**
	 * One operation of the document.
	 *
	 * @param method the HTTP method
	 * @param path the path template
	 * @param params its path and query parameters
	 * @param body the body's schema, if it takes one
	 * @param bodyType the body's media type
	 */
	record Operation(String method, String path, List<Param> params, @Nullable JsonNode body,
			@Nullable String bodyType) {

		String key() {
			return this.method + " " + this.path;
		}

	}

	record Param(String name, String in, JsonNode schema, boolean required) {
	}

	private record Request(String path, Map<String, String> headers, byte @Nullable [] body, String mutation) {
	}

	private final JsonNode docs;

	private final FuzzValues values;

	private final FuzzHttp http;

	private final Supplier<String> adminToken;

	private final String agentToken;

	private final Map<String, List<String>> ids = new TreeMap<>();

	private int counter;

	ApiFuzzer(JsonNode docs, FuzzValues values, FuzzHttp http, Supplier<String> adminToken, String agentToken) {
		this.docs = docs;
		this.values = values;
		this.http = http;
		this.adminToken = adminToken;
		this.agentToken = agentToken;
	}

	List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.docs.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				JsonNode operation = entry.getValue();
				List<Param> params = new ArrayList<>();
				for (JsonNode param : operation.path("parameters").values()) {
					JsonNode resolved = resolve(param);
					params.add(new Param(resolved.path("name").asString(), resolved.path("in").asString(),
							resolve(resolved.path("schema")), resolved.path("required").asBoolean(false)));
				}
				JsonNode content = resolve(operation.path("requestBody")).path("content");
				String bodyType = content.propertyNames().stream().findFirst().orElse(null);
				JsonNode body = (bodyType != null) ? content.path(bodyType).path("schema") : null;
				operations
					.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), params, body, bodyType));
			}
		}
		operations.sort(Comparator.comparing(Operation::key));
		return operations;
	}

	/**
	 * Reads every list (GET without path parameters) as the admin and keeps the ids it
	 * shows, by resource, for the path parameters; the protected ids (the admin itself,
	 * its token) are never used.
	 */
	void collectIds(List<Operation> operations, Set<String> protectedIds) {
		for (Operation operation : operations) {
			if (!"GET".equals(operation.method()) || operation.path().contains("{")) {
				continue;
			}
			FuzzHttp.Answer answer = this.http.send("GET", operation.path(),
					Map.of("Authorization", "Bearer " + this.adminToken.get()), null);
			if (answer.status() == 200 && answer.contentType().contains("json")) {
				List<String> found = this.ids.computeIfAbsent(resource(operation.path()), (key) -> new ArrayList<>());
				collect(JsonMapper.shared().readTree(answer.body()), found, protectedIds);
			}
		}
	}

	private static void collect(JsonNode node, List<String> found, Set<String> protectedIds) {
		if (node.isObject() && node.path("id").isIntegralNumber()) {
			String id = node.path("id").asString();
			if (!protectedIds.contains(id) && !found.contains(id)) {
				found.add(id);
			}
		}
		for (JsonNode child : node.values()) {
			collect(child, found, protectedIds);
		}
	}

	Map<String, List<String>> ids() {
		return this.ids;
	}

	/**
	 * Sends {@code requests} generated requests, round-robin over the operations.
	 * @param check run every 200 requests and after the admin was refused (keeps the
	 * admin able to act)
	 */
	void run(List<Operation> operations, int requests, FuzzTally tally, LogCounter log, Runnable check) {
		if (operations.isEmpty()) {
			throw new IllegalStateException("The OpenAPI document lists no operation to fuzz");
		}
		for (int i = 0; i < requests; i++) {
			Operation operation = operations.get(i % operations.size());
			Request request = request(operation);
			log.context("API " + operation.key() + " [" + request.mutation() + "]");
			FuzzHttp.Answer answer = this.http.send(operation.method(), request.path(), request.headers(),
					request.body());
			tally.record(operation.key(), request.mutation(), answer);
			boolean asAdmin = request.mutation().equals("valid")
					|| !request.mutation().contains("token") && !request.mutation().contains("credentials");
			if ((asAdmin && (answer.status() == 401 || answer.status() == 403)) || (i + 1) % 200 == 0) {
				check.run();
			}
		}
	}

	private Request request(Operation operation) {
		this.counter++;
		List<String> mutations = new ArrayList<>();
		Map<String, String> headers = new LinkedHashMap<>();
		auth(headers, mutations);
		if (this.values.chance(0.1)) {
			String accept = this.values.pick(ACCEPTS);
			headers.put("Accept", accept);
			mutations.add("Accept " + accept);
		}
		String path = path(operation, mutations) + query(operation, mutations);
		byte[] body = null;
		if (operation.body() != null) {
			body = "multipart/form-data".equals(operation.bodyType()) ? multipart(operation, headers, mutations)
					: json(operation, headers, mutations);
		}
		else if (this.values.chance(0.05)) {
			body = "{\"unexpected\":true}".getBytes(StandardCharsets.UTF_8);
			headers.put("Content-Type", "application/json");
			mutations.add("body on an operation without one");
		}
		return new Request(path, headers, body, mutations.isEmpty() ? "valid" : String.join(", ", mutations));
	}

	private void auth(Map<String, String> headers, List<String> mutations) {
		double roll = this.values.random().nextDouble();
		if (roll < 0.92) {
			headers.put("Authorization", "Bearer " + this.adminToken.get());
		}
		else if (roll < 0.95) {
			headers.put("Authorization", "Bearer " + this.agentToken);
			mutations.add("agent token");
		}
		else if (roll < 0.97) {
			headers.put("Authorization", this.values.pick(List.of("Bearer cb_bogus", "Bearer ", "Basic Og==",
					"Bearer " + "x".repeat(5_000), "Bearer \u00f1")));
			mutations.add("bad credentials");
		}
		else {
			mutations.add("no credentials");
		}
	}

	private String path(Operation operation, List<String> mutations) {
		Matcher matcher = PATH_PARAM.matcher(operation.path());
		StringBuilder path = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			Param param = operation.params()
				.stream()
				.filter((p) -> p.name().equals(name))
				.findFirst()
				.orElse(new Param(name, "path", NODES.objectNode().put("type", "string"), true));
			String value;
			if (this.values.chance(0.75)) {
				value = validPathValue(operation, param);
			}
			else {
				value = this.values.id();
				mutations.add("path " + name + "=" + abbreviate(value));
			}
			matcher.appendReplacement(path, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(path);
		return path.toString();
	}

	private String validPathValue(Operation operation, Param param) {
		String type = type(param.schema());
		if ("integer".equals(type)) {
			List<String> pool = this.ids.getOrDefault(resource(operation.path()), List.of());
			if (pool.isEmpty()) {
				pool = this.ids.values().stream().flatMap(List::stream).toList();
			}
			return pool.isEmpty() ? "1" : this.values.pick(pool);
		}
		return encode(text(valid(param.schema(), param.name(), 0)));
	}

	private String query(Operation operation, List<String> mutations) {
		List<String> parts = new ArrayList<>();
		for (Param param : operation.params()) {
			if (!"query".equals(param.in()) || !(param.required() || this.values.chance(0.5))) {
				continue;
			}
			String value;
			if (this.values.chance(0.25)) {
				value = hostileScalar();
				mutations.add("query " + param.name() + "=" + abbreviate(value));
			}
			else {
				value = text(valid(param.schema(), param.name(), 0));
			}
			parts.add(encode(param.name()) + "=" + encode(value));
		}
		if (this.values.chance(0.05)) {
			parts.add("fuzzUnknown=" + encode(this.values.string()));
			mutations.add("unknown query parameter");
		}
		return parts.isEmpty() ? "" : "?" + String.join("&", parts);
	}

	private String hostileScalar() {
		return switch (this.values.random().nextInt(3)) {
			case 0 -> this.values.string();
			case 1 -> this.values.number();
			default -> this.values.date();
		};
	}

	private byte[] json(Operation operation, Map<String, String> headers, List<String> mutations) {
		headers.put("Content-Type", "application/json");
		JsonNode body = valid(operation.body(), "body", 0);
		Map<String, String> raw = new LinkedHashMap<>();
		double roll = this.values.random().nextDouble();
		if (roll < 0.25) {
			return bytes(body, raw);
		}
		if (roll < 0.75 && (body.isObject() || body.isArray())) {
			mutations.add(mutateSlot(body, raw));
			return bytes(body, raw);
		}
		if (roll < 0.9) {
			return wholeBody(body, mutations);
		}
		String type = this.values.pick(WRONG_TYPES);
		headers.put("Content-Type", type);
		mutations.add("Content-Type " + type);
		return bytes(body, raw);
	}

	private String mutateSlot(JsonNode body, Map<String, String> raw) {
		List<Slot> slots = new ArrayList<>();
		slots(body, slots);
		if (slots.isEmpty() || this.values.chance(0.1)) {
			if (body instanceof ObjectNode object) {
				object.put("fuzzUnknownField", this.values.string());
				return "unknown field";
			}
			return "valid";
		}
		Slot slot = this.values.pick(slots);
		int kind = this.values.random().nextInt(9);
		String what = switch (kind) {
			case 0 -> {
				slot.set(NODES.nullNode());
				yield "null";
			}
			case 1 -> {
				String value = this.values.string();
				slot.set(NODES.stringNode(value));
				yield "string " + abbreviate(value);
			}
			case 2 -> {
				String marker = "__FUZZRAW_" + raw.size() + "__";
				String number = this.values.number();
				raw.put(marker, number);
				slot.set(NODES.stringNode(marker));
				yield "number " + number;
			}
			case 3 -> {
				String date = this.values.date();
				slot.set(NODES.stringNode(date));
				yield "date " + date;
			}
			case 4 -> {
				JsonNode wrong = this.values
					.pick(List.of(NODES.objectNode(), NODES.arrayNode(), NODES.booleanNode(true),
							NODES.stringNode("abc"), NODES.numberNode(12), NODES.objectNode().put("a", 1)));
				slot.set(wrong);
				yield "wrong type " + wrong;
			}
			case 5 -> {
				ArrayNode nulls = NODES.arrayNode().addNull().add(this.values.string()).addNull();
				slot.set(nulls);
				yield "array with nulls";
			}
			case 6 -> {
				slot.remove();
				yield "field removed";
			}
			case 7 -> {
				slot.set(NODES.stringNode("a" + FuzzValues.NUL + "b" + FuzzValues.NUL));
				yield "NUL bytes";
			}
			default -> {
				String marker = "__FUZZRAW_" + raw.size() + "__";
				raw.put(marker, "-" + this.values.between(1, 1_000_000));
				slot.set(NODES.stringNode(marker));
				yield "negative number";
			}
		};
		return slot.name() + ": " + what;
	}

	private byte[] wholeBody(JsonNode valid, List<String> mutations) {
		String json = JsonMapper.shared().writeValueAsString(valid);
		int kind = this.values.random().nextInt(10);
		mutations.add("body " + kind);
		return switch (kind) {
			case 0 -> new byte[0];
			case 1 -> "null".getBytes(StandardCharsets.UTF_8);
			case 2 -> "[]".getBytes(StandardCharsets.UTF_8);
			case 3 -> "\"text\"".getBytes(StandardCharsets.UTF_8);
			case 4 -> json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8);
			case 5 -> ("[".repeat(3_000) + "]".repeat(3_000)).getBytes(StandardCharsets.UTF_8);
			case 6 -> invalidUtf8(json);
			case 7 -> ("/* comment */" + json).getBytes(StandardCharsets.UTF_8);
			case 8 -> ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
			default -> json.replaceFirst("\\{", "{\"a\":1,\"a\":2,").getBytes(StandardCharsets.UTF_8);
		};
	}

	// A byte sequence that is not UTF-8 inside the first string value.
	private static byte[] invalidUtf8(String json) {
		byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
		int quote = json.indexOf(":\"");
		int at = (quote >= 0) ? json.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8).length : 0;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(utf8, 0, at);
		out.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE });
		out.write(utf8, at, utf8.length - at);
		return out.toByteArray();
	}

	private byte[] multipart(Operation operation, Map<String, String> headers, List<String> mutations) {
		String boundary = "fuzz" + this.counter;
		headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		JsonNode schema = resolve(operation.body());
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			String name = property.getKey();
			boolean file = "binary".equals(resolve(property.getValue()).path("format").asString(""))
					|| type(resolve(property.getValue())).equals("string") && name.contains("file");
			out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
					+ (file ? "; filename=\"fuzz.csv\"\r\nContent-Type: text/csv" : "") + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(
					file ? csv(mutations) : text(valid(property.getValue(), name, 1)).getBytes(StandardCharsets.UTF_8));
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		if (this.values.chance(0.1)) {
			mutations.add("multipart not closed");
			return out.toByteArray();
		}
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private byte[] csv(List<String> mutations) {
		int kind = this.values.random().nextInt(8);
		String unique = "fuzz" + this.counter;
		if (kind > 0) {
			mutations.add("csv " + kind);
		}
		return switch (kind) {
			case 0 -> ("name,phone,email\n" + unique + ",+3460000" + (1000 + this.counter % 9000) + "," + unique
					+ "@example.com\n")
				.getBytes(StandardCharsets.UTF_8);
			case 1 -> ("name,phone\nA" + FuzzValues.NUL + "na,+34" + FuzzValues.NUL + "600\n")
				.getBytes(StandardCharsets.UTF_8);
			case 2 -> invalidUtf8("name,phone\n\":\"Ana,+34600111222\n");
			case 3 -> ("name,phone\n" + "x".repeat(200_000) + ",1\n").getBytes(StandardCharsets.UTF_8);
			case 4 -> "name,phone\n\"unclosed,1\n".getBytes(StandardCharsets.UTF_8);
			case 5 -> new byte[0];
			case 6 -> ("\uFEFFname;phone;;;\n" + this.values.string() + ";" + this.values.number() + "\n")
				.getBytes(StandardCharsets.UTF_8);
			default -> ("phone\n" + this.values.string() + "\n,\n,,,,,,\n").getBytes(StandardCharsets.UTF_8);
		};
	}

	/** A value valid for the schema, as far as the schema says. */
	JsonNode valid(@Nullable JsonNode schema, String name, int depth) {
		JsonNode resolved = resolve(schema);
		for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
			if (resolved.has(combinator)) {
				for (JsonNode option : resolved.path(combinator).values()) {
					if (!"null".equals(type(resolve(option)))) {
						return valid(option, name, depth);
					}
				}
			}
		}
		if (resolved.has("enum")) {
			List<JsonNode> options = new ArrayList<>(resolved.path("enum").values());
			return options.isEmpty() ? NODES.nullNode() : this.values.pick(options).deepCopy();
		}
		return switch (type(resolved)) {
			case "object" -> object(resolved, depth);
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				int items = (depth > 3) ? 0 : this.values.between(resolved.path("minItems").asInt(0), 2);
				for (int i = 0; i < items; i++) {
					array.add(valid(resolved.path("items"), singular(name), depth + 1));
				}
				yield array;
			}
			case "integer" -> NODES.numberNode(integer(resolved, name));
			case "number" -> NODES.numberNode(1.5);
			case "boolean" -> NODES.booleanNode(this.values.chance(0.5));
			default -> NODES.stringNode(string(resolved, name));
		};
	}

	private ObjectNode object(JsonNode schema, int depth) {
		ObjectNode object = NODES.objectNode();
		Set<String> required = new HashSet<>();
		schema.path("required").values().forEach((field) -> required.add(field.asString()));
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			if (required.contains(property.getKey()) || (depth < 3 && this.values.chance(0.6))) {
				object.set(property.getKey(), valid(property.getValue(), property.getKey(), depth + 1));
			}
		}
		JsonNode additional = schema.path("additionalProperties");
		if (additional.isObject() && depth < 3) {
			object.set("fuzzKey" + this.values.between(1, 3), valid(additional, "value", depth + 1));
		}
		return object;
	}

	private long integer(JsonNode schema, String name) {
		if (name.equals("id") || name.endsWith("Id")) {
			List<String> all = this.ids.values().stream().flatMap(List::stream).toList();
			return all.isEmpty() ? 1 : Long.parseLong(this.values.pick(all));
		}
		long min = schema.path("minimum").asLong(0);
		long max = schema.path("maximum").asLong(min + 50);
		return min + this.values.random().nextLong(Math.max(1, Math.min(max - min + 1, 1_000)));
	}

	private String string(JsonNode schema, String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		String value = switch (schema.path("format").asString("")) {
			case "date-time" -> Instant.now().minusSeconds(this.values.between(0, 86_400)).toString();
			case "date" -> LocalDate.now().minusDays(this.values.between(0, 30)).toString();
			case "email" -> "fuzz" + this.counter + "@example.com";
			case "uri", "url" -> "https://example.com/fuzz/" + this.counter;
			case "uuid" -> "123e4567-e89b-12d3-a456-426614174000";
			default -> byName(lower);
		};
		int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
		return (value.length() > max) ? value.substring(0, max) : value;
	}

	private String byName(String name) {
		if (name.contains("phone") || name.contains("number") || name.equals("to") || name.equals("from")) {
			return "+3460" + (1_000_000 + this.values.random().nextInt(8_000_000));
		}
		if (name.contains("extension")) {
			return String.valueOf(this.values.between(100, 119));
		}
		if (name.contains("email")) {
			return "fuzz" + this.counter + "@example.com";
		}
		if (name.contains("zone")) {
			return "Europe/Madrid";
		}
		if (name.contains("locale") || name.contains("language")) {
			return "es";
		}
		if (name.contains("color") || name.contains("colour")) {
			return "#336699";
		}
		if (name.contains("url")) {
			return "https://example.com/fuzz";
		}
		return "fuzz " + name + " " + this.counter;
	}

	private JsonNode resolve(@Nullable JsonNode node) {
		JsonNode current = (node != null) ? node : NODES.objectNode();
		for (int i = 0; i < 10 && current.has("$ref"); i++) {
			String ref = current.path("$ref").asString();
			JsonNode target = this.docs;
			for (String part : ref.substring(2).split("/")) {
				target = target.path(part);
			}
			current = target;
		}
		return current;
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode option : type.values()) {
				if (!"null".equals(option.asString())) {
					return option.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : "string";
	}

	private static String resource(String path) {
		for (String segment : path.split("/")) {
			if (!segment.isEmpty() && !RESOURCE_NOISE.contains(segment) && !segment.startsWith("{")) {
				return segment;
			}
		}
		return "";
	}

	private static String singular(String name) {
		return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
	}

	private static String text(JsonNode node) {
		return node.isValueNode() ? node.asString() : JsonMapper.shared().writeValueAsString(node);
	}

	private static byte[] bytes(JsonNode body, Map<String, String> raw) {
		String json = JsonMapper.shared().writeValueAsString(body);
		for (Map.Entry<String, String> replacement : raw.entrySet()) {
			json = json.replace("\"" + replacement.getKey() + "\"", replacement.getValue());
		}
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static String abbreviate(String value) {
		String printable = value.replace(FuzzValues.NUL, "\\0").replace("\r", "\\r").replace("\n", "\\n");
		return (printable.length() > 30) ? printable.substring(0, 20) + "…(" + value.length() + " chars)" : printable;
	}

	private static void slots(JsonNode node, List<Slot> slots) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				slots.add(new Slot(object, name, -1));
				slots(object.get(name), slots);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				slots.add(new Slot(array, null, i));
				slots(array.get(i), slots);
			}
		}
	}

	/** A place in a JSON tree: a field of an object or an element of an array. */
	private record Slot(JsonNode parent, @Nullable String field, int index) {

		void set(JsonNode value) {
			if (this.parent instanceof ObjectNode object) {
				object.set(this.field, value);
			}
			else {
				((ArrayNode) this.parent).set(this.index, value);
			}
		}

		void remove() {
			if (this.parent instanceof ObjectNode object) {
				object.remove(this.field);
			}
			else {
				((ArrayNode) this.parent).remove(this.index);
			}
		}

		String name() {
			return (this.field != null) ? this.field : "[" + this.index + "]";
		}

	}

}
