package io.callbridge.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Fuzzes the OMniLeads-compatible API ({@code /omnileads/{organisation}/api/v1/}, outside
 * the OpenAPI document and so outside {@link ApiFuzzer}): every endpoint of its handler
 * mapping, visited round-robin with a token got at its login (an admin's or an agent's,
 * as OMniLeads' endpoints are for one or the other, at times a bad one or none), path ids
 * that name something or nothing, and a body of one to six of the fields OMniLeads'
 * clients send ({@code idCampaign}, {@code telefono}, {@code agentes}…), each plausible
 * or hostile, encoded as JSON (60 %), a form (15 %) or multipart (15 %), or a body that
 * is not what it says (10 %). An answer must be in OMniLeads' shapes and never a 5xx.
 */
final class OmlFuzzer {

	private static final String DEFAULT_BASE = "/omnileads/api/v1/";

	private static final JsonMapper JSON = JsonMapper.shared();

	/** The fields of OMniLeads' requests (its API documentation and clients). */
	private static final List<String> FIELDS = List.of("idCampaign", "idExternalSystem", "idAgent", "idContact",
			"idExternalContact", "idDispositionOption", "callid", "comments", "telefono", "phone", "nombre", "apellido",
			"id_cliente", "campaign_id", "name", "agents", "agentes", "campos_telefono", "id_externo",
			"external_id_field", "data", "username", "password", "status", "type", "agent", "filter");

	/**
	 * One endpoint.
	 *
	 * @param method its HTTP method
	 * @param path its path under the organisation's API base, with {@code {variables}}
	 */
	record Endpoint(String method, String path) {

		String name() {
			return this.method + " " + this.path;
		}

	}

	private final FuzzValues values;

	private final FuzzHttp http;

	private final String base;

	private final Supplier<String> adminToken;

	private final String agentToken;

	private final List<String> ids;

	/**
	 * @param values the seeded values
	 * @param http the client
	 * @param organisation the tenant's organisation (its slug)
	 * @param adminToken an admin's OMniLeads token (logged in again when it was lost)
	 * @param agentToken an agent's OMniLeads token
	 * @param ids ids that name something
	 */
	OmlFuzzer(FuzzValues values, FuzzHttp http, String organisation, Supplier<String> adminToken, String agentToken,
			List<String> ids) {
		this.values = values;
		this.http = http;
		this.base = "/omnileads/" + organisation + "/api/v1/";
		this.adminToken = adminToken;
		this.agentToken = agentToken;
		this.ids = ids;
	}

	/** The endpoints of the OMniLeads-compatible API, in a stable order. */
	static List<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
		List<Endpoint> endpoints = new ArrayList<>();
		mapping.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith(DEFAULT_BASE) && pattern.endsWith("/")) {
					for (String method : methods(info)) {
						endpoints.add(new Endpoint(method, pattern.substring(DEFAULT_BASE.length())));
					}
				}
			}
		});
		endpoints.sort(Comparator.comparing(Endpoint::name));
		return endpoints;
	}

	private static List<String> methods(RequestMappingInfo info) {
		return info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).sorted().toList();
	}

	/** Sends {@code requests} requests over the endpoints in turn. */
	void run(List<Endpoint> endpoints, int requests, FuzzTally tally, LogCounter log) {
		if (endpoints.isEmpty()) {
			throw new IllegalStateException("The handler mapping lists no OMniLeads endpoint to fuzz");
		}
		for (int i = 0; i < requests; i++) {
			Endpoint endpoint = endpoints.get(i % endpoints.size());
			List<String> mutations = new ArrayList<>();
			String path = this.base + this.values.path(endpoint.path(), this.ids, mutations);
			Map<String, String> headers = new LinkedHashMap<>();
			String token = token(endpoint, mutations);
			if (token != null) {
				headers.put("Authorization", "Bearer " + token);
			}
			byte[] body = null;
			if (!"GET".equals(endpoint.method())) {
				body = body(headers, mutations);
			}
			else if (this.values.chance(0.5)) {
				path = path + "?" + form(fields(mutations));
			}
			String mutation = mutations.isEmpty() ? "valid" : String.join(", ", mutations);
			log.context("OMniLeads " + endpoint.name() + " [" + mutation + "]");
			tally.record("OMniLeads " + endpoint.name(), mutation,
					this.http.send(endpoint.method(), path, headers, body));
		}
	}

	private String token(Endpoint endpoint, List<String> mutations) {
		if (endpoint.path().startsWith("login")) {
			return null;
		}
		double who = this.values.random().nextDouble();
		if (who < 0.45) {
			return this.adminToken.get();
		}
		if (who < 0.85) {
			mutations.add("agent");
			return this.agentToken;
		}
		if (who < 0.925) {
			mutations.add("bad token");
			return this.values.pick(List.of("x", "", "a b", "0".repeat(40)));
		}
		mutations.add("no token");
		return null;
	}

	private Map<String, Object> fields(List<String> mutations) {
		Map<String, Object> fields = new LinkedHashMap<>();
		int count = this.values.between(1, 6);
		for (int i = 0; i < count; i++) {
			String name = this.values.pick(FIELDS);
			if (this.values.chance(0.6)) {
				fields.put(name, plausible(name));
			}
			else {
				Object value = hostile();
				fields.put(name, value);
				mutations.add(name + "=" + FuzzValues.shown(String.valueOf(value)));
			}
		}
		return fields;
	}

	private Object plausible(String name) {
		return switch (name) {
			case "telefono", "phone" -> "+34 600 000 00" + this.values.between(0, 9);
			case "agents", "agentes" -> List.of(id(), id());
			case "campos_telefono" -> List.of("telefono");
			case "data" -> Map.of("telefono", "612000000", "nombre", "Fuzz");
			case "nombre", "name", "apellido", "comments", "username", "password" ->
				"Fuzz " + this.values.between(0, 9);
			case "status" -> this.values.pick(List.of("2", "3", "5"));
			default -> id();
		};
	}

	private String id() {
		return this.ids.isEmpty() ? "1" : this.values.pick(this.ids);
	}

	private Object hostile() {
		return switch (this.values.between(0, 5)) {
			case 0 -> this.values.number();
			case 1 -> this.values.date();
			case 2 -> List.of(this.values.string(), 1);
			case 3 -> Map.of("x", this.values.string());
			default -> this.values.string();
		};
	}

	private byte[] body(Map<String, String> headers, List<String> mutations) {
		Map<String, Object> fields = fields(mutations);
		double how = this.values.random().nextDouble();
		if (how < 0.6) {
			headers.put("Content-Type", "application/json");
			return JSON.writeValueAsBytes(fields);
		}
		if (how < 0.75) {
			mutations.add("form");
			headers.put("Content-Type", "application/x-www-form-urlencoded");
			return form(fields).getBytes(StandardCharsets.UTF_8);
		}
		if (how < 0.9) {
			mutations.add("multipart");
			headers.put("Content-Type", "multipart/form-data; boundary=fuzzb");
			return multipart(fields).getBytes(StandardCharsets.UTF_8);
		}
		String odd = this.values.pick(List.of("{", "[1,2]", "null", "\"x\"", "", "{\"a\":{\"b\":[[[[]]]]}}"));
		mutations.add("body " + FuzzValues.shown(odd));
		headers.put("Content-Type", this.values.chance(0.8) ? "application/json" : "text/plain");
		return odd.getBytes(StandardCharsets.UTF_8);
	}

	private static String form(Map<String, Object> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(text(e.getValue())))
			.collect(Collectors.joining("&"));
	}

	// A field's parts, and a CSV file as crear_base_contactos takes it, sometimes broken.
	private String multipart(Map<String, Object> fields) {
		StringBuilder body = new StringBuilder();
		fields.forEach((name, value) -> body.append("--fuzzb\r\nContent-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(text(value))
			.append("\r\n"));
		if (this.values.chance(0.5)) {
			String csv = this.values.chance(0.7) ? "telefono,nombre,id\r\n612000001,Ana,c1\r\n"
					: "telefono\r\n" + this.values.string() + "\r\n";
			body.append("--fuzzb\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"base.csv\"\r\n")
				.append("Content-Type: text/csv\r\n\r\n")
				.append(csv)
				.append("\r\n");
		}
		return body.append("--fuzzb--\r\n").toString();
	}

	private static String text(Object value) {
		return (value instanceof String text) ? text : JSON.writeValueAsString(value);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
