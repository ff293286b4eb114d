package io.callbridge.crm.retailcrm;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Sends what retailCRM sends to the connector (protocol notes A6): a GET to the
 * registered module's URL with the parameters as a query string, once, no redirects
 * followed, and records each with the answer.
 */
final class RetailCrmCallbacks {

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final List<RetailCrmCallback> sent = new CopyOnWriteArrayList<>();

	RetailCrmCallback get(String url, Map<String, String> parameters) {
		String query = parameters.entrySet()
			.stream()
			.map((p) -> encode(p.getKey()) + "=" + encode(p.getValue()))
			.collect(Collectors.joining("&"));
		String target = url + (url.contains("?") ? "&" : "?") + query;
		HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30)).GET().build();
		RetailCrmCallback callback;
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			callback = new RetailCrmCallback(target, Map.copyOf(parameters), response.statusCode(), response.body());
		}
		catch (IOException ex) {
			callback = new RetailCrmCallback(target, Map.copyOf(parameters), -1, String.valueOf(ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			callback = new RetailCrmCallback(target, Map.copyOf(parameters), -1, "interrupted");
		}
		this.sent.add(callback);
		return callback;
	}

	List<RetailCrmCallback> sent() {
		return List.copyOf(this.sent);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
