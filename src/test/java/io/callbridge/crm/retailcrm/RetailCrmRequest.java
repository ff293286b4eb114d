package io.callbridge.crm.retailcrm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as retailCRM reads it (protocol notes A1): the query string, the form
 * fields of an {@code application/x-www-form-urlencoded} body (any other body is not
 * read, so its fields are "missing"), and the API key from the {@code X-API-KEY} header
 * (header names are case-insensitive) or else the {@code apiKey} query parameter.
 *
 * @param method the HTTP method
 * @param path the decoded path
 * @param query the query parameters (first value of each)
 * @param form the form fields (first value of each); empty unless form-encoded
 * @param contentType the Content-Type sent, if any
 * @param apiKey the key presented, or null when none was
 */
record RetailCrmRequest(String method, String path, Map<String, String> query, Map<String, String> form,
		@Nullable String contentType, @Nullable String apiKey) {

	static RetailCrmRequest read(HttpExchange exchange) throws IOException {
		Map<String, String> query = decode(exchange.getRequestURI().getRawQuery());
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, String> form = isForm(contentType) ? decode(new String(body, StandardCharsets.UTF_8)) : Map.of();
		// com.sun's Headers normalise names, so any spelling of X-API-KEY is found here.
		String key = exchange.getRequestHeaders().getFirst("X-API-KEY");
		if (key == null || key.isEmpty()) {
			key = query.get("apiKey");
		}
		return new RetailCrmRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, form,
				contentType, (key == null || key.isEmpty()) ? null : key);
	}

	/** A form field of a POST (query parameters are not form fields). */
	String field(String name) {
		String value = this.form.get(name);
		if (value == null || value.isEmpty()) {
			throw RetailCrmRefusal.missing(name);
		}
		return value;
	}

	/** A query parameter of a GET. */
	String parameter(String name) {
		String value = this.query.get(name);
		if (value == null || value.isEmpty()) {
			throw RetailCrmRefusal.missing(name);
		}
		return value;
	}

	private static boolean isForm(@Nullable String contentType) {
		return contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	private static Map<String, String> decode(@Nullable String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return values;
		}
		for (String pair : encoded.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			values.putIfAbsent(name, value);
		}
		return values;
	}

}
