package io.callbridge.callmyway.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.callbridge.shared.Text;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWayApiException.Kind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one GET to CallMyWay with the username and password in the query (URL-encoded)
 * and unwraps the {@code {"status":200,"message":"",…}} envelope. A status other than 200
 * becomes a {@link CallMyWayApiException} carrying CallMyWay's message, HTTP 5xx,
 * timeouts and I/O errors become {@link Kind#UNREACHABLE}, anything that is not the JSON
 * envelope {@link Kind#MALFORMED}. The request URL holds the password, so it is never
 * logged nor put in a message, and causes are not chained (their messages could quote
 * it).
 */
final class CallMyWayTransport {

	private static final Logger log = LoggerFactory.getLogger(CallMyWayTransport.class);

	// CallMyWay documents no error answers. Assumption: a non-200 status whose message
	// speaks of the user, password, authorization or source IP (English or Spanish), or
	// status 401/403, means the account or this server's address is not accepted; a
	// message about the user's call ("the user already has an active call") does not.
	private static final Pattern REJECTION = Pattern.compile(
			"(?i).*(username|user name|password|passwd|contrase|clave|credential|authenticat|unauthori|not authori|no autoriz|login|\\bips?\\b).*",
			Pattern.DOTALL);

	private static final Pattern ERROR_TEXT = Pattern
		.compile("(?i).*(error|fail|invalid|denied|not allowed|unauthori|refus|busy|active).*", Pattern.DOTALL);

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final CallMyWayProperties properties;

	private final CallMyWayRequestGate gate;

	private final HttpClient http;

	CallMyWayTransport(CallMyWayProperties properties, CallMyWayRequestGate gate) {
		this.properties = properties;
		this.gate = gate;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * A rate-limited request ({@code getCdrs}, {@code getEndpoints}): waits for the
	 * username's turn (freed a spacing after the answer), then returns the envelope with
	 * status 200.
	 */
	JsonNode query(CallMyWayAccess access, String path, Map<String, String> params) {
		return ask(access, path, params, false).body();
	}

	/**
	 * A rate-limited request, as {@link #query}, that also says how long CallMyWay took
	 * to answer once the request left (the wait for the turn not counted).
	 * @param urgent whether it takes the next turn before normal requests (a live poll)
	 */
	Answered ask(CallMyWayAccess access, String path, Map<String, String> params, boolean urgent) {
		CallMyWayRequestGate.Turn turn = this.gate.acquire(access.username(), urgent);
		HttpResponse<String> response;
		long sent = System.nanoTime();
		try {
			response = exchange(access, path, params);
		}
		finally {
			turn.close();
		}
		Duration took = Duration.ofNanos(System.nanoTime() - sent);
		JsonNode body = parse(response.body());
		if (body == null) {
			throw failWithoutJson(path, response);
		}
		return new Answered(accepted(access, path, response.statusCode(), body), took);
	}

	/**
	 * CallMyWay's accepted answer.
	 *
	 * @param body the envelope, status 200
	 * @param answeredIn how long CallMyWay took to answer
	 */
	record Answered(JsonNode body, Duration answeredIn) {
	}

	/**
	 * A Click2Dial request, not rate-limited: CallMyWay's 4-second rule is documented for
	 * the live-call and CDR requests only, and an agent's click must not wait behind a
	 * poll. Its answer is documented only as "200 OK": the JSON envelope is read like the
	 * others; a plain-text answer on HTTP 2xx counts as accepted unless it reads as an
	 * error.
	 */
	void command(CallMyWayAccess access, String path, Map<String, String> params) {
		HttpResponse<String> response = exchange(access, path, params);
		JsonNode body = parse(response.body());
		if (body != null) {
			accepted(access, path, response.statusCode(), body);
			return;
		}
		String text = scrub(access, response.body().strip());
		boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
		if (ok && !ERROR_TEXT.matcher(text).matches()) {
			return;
		}
		if (ok) {
			throw new CallMyWayApiException(Kind.REFUSED, Text.literal(shorten(text)));
		}
		throw failWithoutJson(path, response);
	}

	private HttpResponse<String> exchange(CallMyWayAccess access, String path, Map<String, String> params) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("username", access.username());
		all.put("password", access.password());
		all.putAll(params);
		String base = access.baseUrl().toString().replaceAll("/+$", "");
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + "?" + encode(all)))
			.timeout(this.properties.readTimeout())
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			log.debug("CallMyWay {} for {} answered HTTP {}", path, access.username(), response.statusCode());
			return response;
		}
		catch (HttpTimeoutException ex) {
			throw new CallMyWayApiException(Kind.UNREACHABLE,
					Text.of("callmyway.timeout", path, describe(access, ex), this.properties.readTimeout().toString()));
		}
		catch (IOException ex) {
			throw new CallMyWayApiException(Kind.UNREACHABLE,
					Text.of("callmyway.unreachable", path, describe(access, ex)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CallMyWayApiException(Kind.UNREACHABLE, Text.of("callmyway.interrupted", path));
		}
	}

	private static JsonNode accepted(CallMyWayAccess access, String path, int httpStatus, JsonNode body) {
		JsonNode status = body.path("status");
		String value = status.isValueNode() ? status.asString("").strip() : "";
		if (!value.matches("\\d{1,4}")) {
			throw new CallMyWayApiException(Kind.MALFORMED,
					Text.of("callmyway.noStatus", path, String.valueOf(httpStatus)));
		}
		if ("200".equals(value) && httpStatus < 300) {
			return body;
		}
		String message = body.path("message").isValueNode() ? scrub(access, body.path("message").asString("").strip())
				: "";
		Text said = message.isEmpty() ? Text.of("callmyway.noMessage", value, path) : Text.literal(message);
		if (httpStatus >= 500) {
			throw new CallMyWayApiException(Kind.UNREACHABLE,
					Text.of("callmyway.serverError", said, String.valueOf(httpStatus)));
		}
		boolean rejected = "401".equals(value) || "403".equals(value) || REJECTION.matcher(message).matches();
		throw new CallMyWayApiException(rejected ? Kind.REJECTED : Kind.REFUSED, said);
	}

	private static CallMyWayApiException failWithoutJson(String path, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 500 || status == 429 || status == 408) {
			return new CallMyWayApiException(Kind.UNREACHABLE,
					Text.of("callmyway.failedToAnswer", path, String.valueOf(status)));
		}
		if (status >= 400) {
			return new CallMyWayApiException(Kind.REFUSED,
					Text.of("callmyway.refusedWithoutJson", path, String.valueOf(status)));
		}
		String body = response.body();
		return new CallMyWayApiException(Kind.MALFORMED, body.isBlank() ? Text.of("callmyway.emptyAnswer", path)
				: Text.of("callmyway.notJson", path, body.length()));
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

	static String encode(Map<String, String> params) {
		return params.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	// %20 rather than '+' for the space of "yyyy-MM-dd HH:mm:ss": both decode the same in
	// PHP, %20 in any server.
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String describe(CallMyWayAccess access, Exception ex) {
		String message = ex.getMessage();
		String text = (message == null || message.isBlank()) ? ex.getClass().getSimpleName()
				: ex.getClass().getSimpleName() + ": " + message;
		return scrub(access, text);
	}

	/** Removes the password, plain or encoded, from a text that may quote the URL. */
	static String scrub(CallMyWayAccess access, String text) {
		String password = access.password();
		if (password.isEmpty()) {
			return text;
		}
		return text.replace(password, "***")
			.replace(encode(password), "***")
			.replace(URLEncoder.encode(password, StandardCharsets.UTF_8), "***");
	}

	private static String shorten(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "…";
	}

}
