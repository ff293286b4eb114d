package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderHttp;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.ProviderHttpException;
import io.callbridge.telephony.ProviderSecrets;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

/**
 * Sends one signed request to Zadarma and unwraps the answer: adds {@code format=json},
 * signs, waits for the local rate limit, and turns the
 * {@code {"status":"error","message":…}} envelope, HTTP errors, timeouts and I/O errors
 * into {@link ZadarmaApiException}s carrying Zadarma's message. Requests go through the
 * shared {@link ProviderHttp} (timeouts, observations as operation {@code info/balance},
 * {@code statistics/pbx}…), which keeps the secret and the signature out of every text.
 */
final class ZadarmaRestTransport {

	// Zadarma may send ids such as call_id 1439981389.2702773 as JSON numbers: keep every
	// digit.
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final ZadarmaRateLimits limits;

	private final ProviderHttp http;

	ZadarmaRestTransport(ZadarmaProperties properties, ZadarmaRateLimits limits, ProviderHttpClients clients) {
		this.limits = limits;
		this.http = clients.client(ZadarmaTelephonyClient.KEY, properties.timeouts(),
				(ex) -> (ex instanceof ZadarmaApiException zadarma) ? zadarma.kind().name() : null);
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
		try {
			return this.http.send(request(access, method, path, all, query),
					(response) -> unwrap(access, path, statistics, response));
		}
		catch (ProviderHttpException ex) {
			throw failure(method, path, ex);
		}
	}

	private static ProviderHttp.Request request(ZadarmaAccess access, String method, String path,
			Map<String, String> all, String query) {
		String base = access.baseUrl().toString().replaceAll("/+$", "");
		boolean get = "GET".equals(method);
		String authorization = ZadarmaRequestSigner.authorization(access.key(), access.secret(), path, all);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", authorization);
		headers.put("Accept", "application/json");
		if (!get) {
			headers.put("Content-Type", "application/x-www-form-urlencoded");
		}
		// The signature is as good as the secret for this request: both are masked.
		ProviderSecrets secrets = ProviderSecrets.of(access.secret(),
				authorization.substring(authorization.indexOf(':') + 1));
		return new ProviderHttp.Request(operation(path), HttpMethod.valueOf(method),
				URI.create(base + path + (get ? "?" + query : "")), headers, get ? null : query, secrets);
	}

	/**
	 * Zadarma's name of the method, e.g. {@code info/balance} for
	 * {@code /v1/info/balance/}.
	 */
	static String operation(String path) {
		return path.replaceFirst("^/v1/", "").replaceAll("/+$", "");
	}

	private ZadarmaApiException failure(String method, String path, ProviderHttpException ex) {
		return switch (ex.kind()) {
			case TIMEOUT -> new ZadarmaApiException(Kind.UNREACHABLE,
					Text.of("zadarma.timeout", method, path, ex.detail(), this.http.timeouts().read().toString()), ex);
			case UNREACHABLE -> new ZadarmaApiException(Kind.UNREACHABLE,
					Text.of("zadarma.unreachable", method, path, ex.detail()), ex);
			case INTERRUPTED -> new ZadarmaApiException(Kind.UNREACHABLE, Text.of("zadarma.interrupted", path), ex);
		};
	}

	private JsonNode unwrap(ZadarmaAccess access, String path, boolean statistics, ProviderHttp.Response response) {
		int status = response.status();
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

	private static @Nullable String header(ProviderHttp.Response response, String name) {
		return response.header(name);
	}

}
