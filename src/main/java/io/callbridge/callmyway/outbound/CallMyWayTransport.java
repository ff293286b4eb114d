package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderHttp;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.ProviderHttpException;
import io.callbridge.telephony.ProviderSecrets;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWayApiException.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one GET to CallMyWay with the username and password in the query (URL-encoded)
 * and unwraps the {@code {"status":200,"message":"",…}} envelope. A status other than 200
 * becomes a {@link CallMyWayApiException} carrying CallMyWay's message, HTTP 5xx,
 * timeouts and I/O errors become {@link Kind#UNREACHABLE}, anything that is not the JSON
 * envelope {@link Kind#MALFORMED}. Requests go through the shared {@link ProviderHttp}
 * (timeouts, observations as operation {@code getCdrs}, {@code getEndpoints},
 * {@code ClickToDialExtenal}). The request URL holds the password, so it is never logged
 * nor put in a message: texts about a request, and CallMyWay's own messages, are scrubbed
 * of it, and causes are not chained (their messages could quote it).
 */
final class CallMyWayTransport {

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

	private final CallMyWayRequestGate gate;

	private final ProviderHttp http;

	CallMyWayTransport(CallMyWayProperties properties, CallMyWayRequestGate gate, ProviderHttpClients clients) {
		this.gate = gate;
		this.http = clients.client(CallMyWayTelephonyClient.KEY, properties.timeouts(),
				(ex) -> (ex instanceof CallMyWayApiException callMyWay) ? callMyWay.kind().name() : null);
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
		long sent = System.nanoTime();
		try {
			return send(access, path, params, (response) -> {
				Duration took = Duration.ofNanos(System.nanoTime() - sent);
				JsonNode body = parse(response.body());
				if (body == null) {
					throw failWithoutJson(path, response);
				}
				return new Answered(accepted(access, path, response.status(), body), took);
			});
		}
		finally {
			turn.close();
		}
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
		send(access, path, params, (response) -> commandAnswer(access, path, response));
	}

	/** The accepted answer's HTTP status. */
	private static int commandAnswer(CallMyWayAccess access, String path, ProviderHttp.Response response) {
		JsonNode body = parse(response.body());
		if (body != null) {
			accepted(access, path, response.status(), body);
			return response.status();
		}
		String text = scrub(access, response.body().strip());
		boolean ok = response.status() >= 200 && response.status() < 300;
		if (ok && !ERROR_TEXT.matcher(text).matches()) {
			return response.status();
		}
		if (ok) {
			throw new CallMyWayApiException(Kind.REFUSED, Text.literal(shorten(text)));
		}
		throw failWithoutJson(path, response);
	}

	private <T> T send(CallMyWayAccess access, String path, Map<String, String> params,
			Function<ProviderHttp.Response, T> reader) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("username", access.username());
		all.put("password", access.password());
		all.putAll(params);
		String base = access.baseUrl().toString().replaceAll("/+$", "");
		ProviderHttp.Request request = ProviderHttp.Request.get(operation(path),
				URI.create(base + path + "?" + encode(all)), Map.of("Accept", "application/json"), secrets(access));
		try {
			return this.http.send(request, reader);
		}
		catch (ProviderHttpException ex) {
			throw switch (ex.kind()) {
				case TIMEOUT -> new CallMyWayApiException(Kind.UNREACHABLE,
						Text.of("callmyway.timeout", path, ex.detail(), this.http.timeouts().read().toString()));
				case UNREACHABLE ->
					new CallMyWayApiException(Kind.UNREACHABLE, Text.of("callmyway.unreachable", path, ex.detail()));
				case INTERRUPTED -> new CallMyWayApiException(Kind.UNREACHABLE, Text.of("callmyway.interrupted", path));
			};
		}
	}

	/** CallMyWay's name of the method, e.g. {@code getCdrs} for {@code /getCdrs.php}. */
	static String operation(String path) {
		return path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.php$", "");
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

	private static CallMyWayApiException failWithoutJson(String path, ProviderHttp.Response response) {
		int status = response.status();
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

	private static ProviderSecrets secrets(CallMyWayAccess access) {
		return ProviderSecrets.of(access.password());
	}

	/** Removes the password, plain or encoded, from a text that may quote the URL. */
	static String scrub(CallMyWayAccess access, String text) {
		return secrets(access).scrub(text);
	}

	private static String shorten(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "…";
	}

}
