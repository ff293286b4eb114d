package io.callbridge.crm.retailcrm.outbound;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.telephony.ProviderHttp;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One retailCRM API v5 request: a GET with an ordinary query, or a POST whose form holds
 * one field with a JSON value ({@code event=<json>}), as every retailCRM client sends it
 * (protocol notes A1).
 *
 * @param operation retailCRM's name of the method, the {@code operation} tag of the
 * request's observation (no ids in it)
 * @param method GET or POST
 * @param path the path below {@code /api/v5/}, segments encoded
 * @param query the query parameters
 * @param field the POST form's field, e.g. {@code event}
 * @param json the field's JSON value
 */
record RetailCrmRequest(String operation, HttpMethod method, String path, Map<String, String> query,
		@Nullable String field, @Nullable String json) {

	RetailCrmRequest {
		query = Map.copyOf(new LinkedHashMap<>(query));
	}

	static RetailCrmRequest get(String operation, String path, Map<String, String> query) {
		return new RetailCrmRequest(operation, HttpMethod.GET, path, new LinkedHashMap<>(query), null, null);
	}

	static RetailCrmRequest post(String operation, String path, String field, String json) {
		return new RetailCrmRequest(operation, HttpMethod.POST, path, Map.of(), field, json);
	}

	/** A path segment as retailCRM expects it in the URL, e.g. a module's code. */
	static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * Whether retailCRM counts it under the telephony limit (40 a second) rather than the
	 * general one (10).
	 */
	boolean telephony() {
		return this.path.startsWith("telephony/");
	}

	/** The request as the shared HTTP layer sends it. */
	ProviderHttp.Request toHttp(RetailCrmAccess access) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-API-KEY", access.apiKey());
		headers.put("Accept", "application/json");
		String body = null;
		if (this.field != null && this.json != null) {
			headers.put("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
			body = encode(this.field) + "=" + encode(this.json);
		}
		return new ProviderHttp.Request(this.operation, this.method, uri(access.api()), headers, body,
				access.secrets());
	}

	URI uri(URI api) {
		String query = this.query.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return URI.create(api + this.path + (query.isEmpty() ? "" : "?" + query));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
