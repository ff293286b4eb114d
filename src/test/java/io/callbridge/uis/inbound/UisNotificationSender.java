package io.callbridge.uis.inbound;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests to a UIS account's notification URLs as UIS does: the JSON of a
 * filled-in template (numbers as JSON numbers, text quoted, {@code null} for none) POSTed
 * to {@code …/{event}?secret=…}, or the fields as query parameters of a GET.
 */
final class UisNotificationSender {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final String secret;

	/**
	 * @param base the account's URL, {@code http://…/webhooks/uis/{token}}
	 * @param secret the secret to send in the query
	 */
	UisNotificationSender(String base, String secret) {
		this.base = base;
		this.secret = secret;
	}

	/** Fields in order, given as name, value, name, value… (values may be null). */
	static Map<String, Object> fields(Object... namesAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	static String time(LocalDateTime local) {
		return local.format(TIME);
	}

	HttpResponse<String> post(String event, Map<String, Object> fields) {
		return postBody("/" + event + "?secret=" + encode(this.secret), JsonMapper.shared().writeValueAsString(fields));
	}

	/** POSTs a body as it is to a path under the account's URL, with headers. */
	HttpResponse<String> postBody(String pathAndQuery, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	/** GETs a path under the account's URL with the fields (and the secret) as query. */
	HttpResponse<String> get(String path, Map<String, Object> fields) {
		Map<String, Object> query = new LinkedHashMap<>(fields);
		query.put("secret", this.secret);
		String encoded = query.entrySet()
			.stream()
			.filter((e) -> e.getValue() != null)
			.map((e) -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.base + path + "?" + encoded)).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
