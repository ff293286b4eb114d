package io.callbridge.uis.outbound;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderHttp;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.ProviderHttpException;
import io.callbridge.telephony.ProviderSecrets;
import io.callbridge.uis.outbound.UisAccess.Login;
import io.callbridge.uis.outbound.UisAccess.Token;
import io.callbridge.uis.outbound.UisApiException.Kind;
import io.callbridge.uis.outbound.UisSessions.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

/**
 * Sends one JSON-RPC 2.0 request to UIS and unwraps its answer: POST
 * {@code {"jsonrpc":"2.0","id":…,"method":…,"params":{…,"access_token":…}}} with
 * {@code Content-Type: application/json; charset=UTF-8}; checks the account's points
 * first and stores the limits every answer carries; authenticates with the permanent
 * token or a {@code login.user} session (logging in again once when UIS no longer accepts
 * the session); and turns UIS's {@code error}, HTTP errors, garbage, timeouts and I/O
 * errors into {@link UisApiException}s that keep UIS's own message. Requests go through
 * the shared {@link ProviderHttp}, which keeps the token and the password out of every
 * text.
 */
final class UisJsonRpc {

	// Ids such as call_session_id may be large: keep every digit.
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final String SESSION_EXPIRED = "access_token_invalid";

	private final ProviderHttp http;

	private final UisPointLimits limits;

	private final UisSessions sessions;

	UisJsonRpc(UisProperties properties, UisPointLimits limits, UisSessions sessions, ProviderHttpClients clients) {
		this.limits = limits;
		this.sessions = sessions;
		this.http = clients.client(UisTelephonyClient.KEY, properties.timeouts(),
				(ex) -> (ex instanceof UisApiException uis) ? uis.kind().name() : null);
	}

	/**
	 * Calls a method with the account's credentials.
	 * @return the answer's {@code result} ({@code data}, {@code metadata})
	 */
	JsonNode call(UisAccess access, UisApi api, String method, Map<String, ?> params) {
		if (access.auth() instanceof Token token) {
			return send(access, api, method, params, token.accessToken());
		}
		Login login = (Login) access.auth();
		String key = UisSessions.key(access.endpoint(api).toString(), login.login(), login.password());
		String session = this.sessions.token(key, () -> login(access, api, login));
		try {
			return send(access, api, method, params, session);
		}
		catch (UisApiException ex) {
			if (!SESSION_EXPIRED.equals(ex.mnemonic())) {
				throw ex;
			}
			// The session ended before UIS said it would (a logout elsewhere): once more.
			this.sessions.forget(key, session);
			return send(access, api, method, params, this.sessions.token(key, () -> login(access, api, login)));
		}
	}

	/** {@code login.user}: opens a one-hour session. */
	Session login(UisAccess access, UisApi api, Login login) {
		Map<String, Object> params = Map.of("login", login.login(), "password", login.password());
		JsonNode data = exchange(access, api, "login.user", params, ProviderSecrets.of(login.secrets())).path("data");
		String token = data.path("access_token").asString("");
		long expireAt = data.path("expire_at").asLong(0);
		if (token.isBlank() || expireAt <= 0) {
			throw UisApiException.of(Kind.UNREACHABLE, Text.of("uis.loginWithoutToken", access.endpoint(api)));
		}
		return new Session(token, Instant.ofEpochSecond(expireAt));
	}

	private JsonNode send(UisAccess access, UisApi api, String method, Map<String, ?> params, String accessToken) {
		Map<String, Object> all = new LinkedHashMap<>(params);
		all.put("access_token", accessToken);
		String[] secrets = access.auth().secrets();
		String[] withToken = Arrays.copyOf(secrets, secrets.length + 1);
		withToken[secrets.length] = accessToken;
		return exchange(access, api, method, all, ProviderSecrets.of(withToken));
	}

	private JsonNode exchange(UisAccess access, UisApi api, String method, Map<String, ?> params,
			ProviderSecrets secrets) {
		this.limits.requireRoom(access.accountId(), api);
		String id = UUID.randomUUID().toString();
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("jsonrpc", "2.0");
		envelope.put("id", id);
		envelope.put("method", method);
		envelope.put("params", params);
		URI endpoint = access.endpoint(api);
		ProviderHttp.Request request = new ProviderHttp.Request(method, HttpMethod.POST, endpoint,
				Map.of("Content-Type", "application/json; charset=UTF-8", "Accept", "application/json"),
				JSON.writeValueAsString(envelope), secrets);
		try {
			return this.http.send(request, (response) -> unwrap(access, api, method, response, secrets));
		}
		catch (ProviderHttpException ex) {
			throw failure(method, endpoint, ex);
		}
	}

	private JsonNode unwrap(UisAccess access, UisApi api, String method, ProviderHttp.Response response,
			ProviderSecrets secrets) {
		JsonNode body = parse(response.body());
		if (body == null || !(body.has("result") || body.has("error"))) {
			String excerpt = secrets.scrub(excerpt(response.body()));
			throw UisApiException.of(Kind.UNREACHABLE,
					Text.of("uis.notJsonRpc", method, response.status(), Text.literal(excerpt)));
		}
		JsonNode error = body.path("error");
		if (error.isObject()) {
			throw error(access, api, method, error, secrets);
		}
		JsonNode result = body.path("result");
		this.limits.observed(access.accountId(), api, result.path("metadata").path("limits"));
		return result;
	}

	private UisApiException error(UisAccess access, UisApi api, String method, JsonNode error,
			ProviderSecrets secrets) {
		int code = error.path("code").asInt(0);
		String mnemonic = error.path("data").path("mnemonic").asString(null);
		String message = secrets.scrub(error.path("message").asString(""));
		UisApiException failure = UisErrors.failure(method, code, mnemonic, message);
		if (failure.kind() == Kind.RATE_LIMITED) {
			long wait = UisPointLimits.seconds(this.limits.exceeded(access.accountId(), api, message));
			return new UisApiException(Kind.RATE_LIMITED, code, mnemonic, message,
					Text.of("uis.limitExceeded", failure.text(), wait));
		}
		return failure;
	}

	private UisApiException failure(String method, URI endpoint, ProviderHttpException ex) {
		return switch (ex.kind()) {
			case TIMEOUT -> UisApiException.of(Kind.UNREACHABLE,
					Text.of("uis.timeout", method, endpoint, ex.detail(), this.http.timeouts().read().toString()));
			case UNREACHABLE ->
				UisApiException.of(Kind.UNREACHABLE, Text.of("uis.unreachable", method, endpoint, ex.detail()));
			case INTERRUPTED -> UisApiException.of(Kind.UNREACHABLE, Text.of("uis.interrupted", method));
		};
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

	private static String excerpt(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return "(empty)";
		}
		String line = body.strip().replaceAll("\\s+", " ");
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

}
