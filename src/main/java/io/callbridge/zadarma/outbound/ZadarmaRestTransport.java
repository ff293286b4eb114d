package io.callbridge.zadarma.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import io.callbridge.shared.Text;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one signed request to Zadarma and unwraps the answer: adds {@code format=json},
 * signs, waits for the local rate limit, and turns the
 * {@code {"status":"error","message":…}} envelope, HTTP errors, timeouts and I/O errors
 * into {@link ZadarmaApiException}s carrying Zadarma's message. Never logs secrets.
 */
final class ZadarmaRestTransport {

	private static final Logger log = LoggerFactory.getLogger(ZadarmaRestTransport.class);

	// Zadarma may send ids such as call_id 1439981389.2702773 as JSON numbers: keep every
	// digit.
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final ZadarmaProperties properties;

	private final ZadarmaRateLimits limits;

	private final HttpClient http;

	ZadarmaRestTransport(ZadarmaProperties properties, ZadarmaRateLimits limits) {
		this.properties = properties;
		this.limits = limits;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	JsonNode get(ZadarmaAccess access, String path, Map<String, String> params) {
		return send(access, "GET", path, params);
	}

	JsonNode post(ZadarmaAccess access, String path, Map<String, String> params) {
		return send(access, "POST", path, params);
	}

	private JsonNode send(ZadarmaAccess access, String method, String path, Map<String, String> params) {
		Map<String, String> all = new TreeMap<>(params);
		all.put("format", "json");
		String query = ZadarmaRequestSigner.query(all);
		boolean statistics = path.startsWith("/v1/statistics");
		this.limits.acquire(access.key(), statistics);
		HttpResponse<String> response = exchange(request(access, method, path, all, query), method, path);
		log.debug("Zadarma {} {} answered HTTP {}", method, path, response.statusCode());
		return unwrap(access, path, statistics, response);
	}

	private HttpRequest request(ZadarmaAccess access, String method, String path, Map<String, String> all,
			String query) {
		String base = access.baseUrl().toString().replaceAll("/+$", "");
		boolean get = "GET".equals(method);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + (get ? "?" + query : "")))
			.timeout(this.properties.readTimeout())
			.header("Authorization", ZadarmaRequestSigner.authorization(access.key(), access.secret(), path, all))
			.header("Accept", "application/json");
		if (get) {
			return request.GET().build();
		}
		return request.header("Content-Type", "application/x-www-form-urlencoded")
			.method(method, HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8))
			.build();
	}

	private HttpResponse<String> exchange(HttpRequest request, String method, String path) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new ZadarmaApiException(Kind.UNREACHABLE, Text.of("zadarma.timeout", method, path,
					String.valueOf(ex.getMessage()), this.properties.readTimeout().toString()), ex);
		}
		catch (IOException ex) {
			throw new ZadarmaApiException(Kind.UNREACHABLE, Text.of("zadarma.unreachable", method, path, describe(ex)),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ZadarmaApiException(Kind.UNREACHABLE, Text.of("zadarma.interrupted", path), ex);
		}
	}

	private JsonNode unwrap(ZadarmaAccess access, String path, boolean statistics, HttpResponse<String> response) {
		int status = response.statusCode();
		JsonNode body = parse(response.body());
		boolean success = body != null && "success".equals(body.path("status").asString(""));
		if (status >= 200 && status < 300 && success) {
			return body;
		}
		String message = message(body, status);
		if (status == 429) {
			long wait = ZadarmaRateLimits.seconds(this.limits.rejected(access.key(), statistics,
					header(response, "Retry-After"), header(response, "X-RateLimit-Reset")));
			throw new ZadarmaApiException(Kind.RATE_LIMITED, status, message,
					Text.of("zadarma.rateLimited", message, String.valueOf(wait)));
		}
		if (status == 401) {
			throw new ZadarmaApiException(Kind.CREDENTIALS_REJECTED, status, message,
					Text.of("zadarma.credentialsRejected", message));
		}
		if (status >= 500 || (body == null && status < 400)) {
			throw new ZadarmaApiException(Kind.UNREACHABLE, status, message,
					Text.of("zadarma.failedToAnswer", path, String.valueOf(status), message));
		}
		throw new ZadarmaApiException(Kind.REFUSED, status, message,
				Text.of("zadarma.refused", path, String.valueOf(status), message));
	}

	private static @Nullable JsonNode parse(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String message(@Nullable JsonNode body, int status) {
		String message = (body != null) ? body.path("message").asString("") : "";
		if (!message.isBlank()) {
			return message;
		}
		return (body == null) ? "an answer that is not Zadarma's JSON" : "no message (HTTP " + status + ")";
	}

	private static @Nullable String header(HttpResponse<String> response, String name) {
		return response.headers().firstValue(name).orElse(null);
	}

	private static String describe(IOException ex) {
		String message = ex.getMessage();
		return (message == null || message.isBlank()) ? ex.getClass().getSimpleName() : message;
	}

}
