package io.callbridge.uis;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * Who may call the simulated UIS (protocol notes B2): permanent keys (valid on both APIs,
 * possibly expired or blocked), and session tokens from {@code login.user}, good for one
 * hour of the simulated clock on the API that issued them until {@code logout.user}.
 * Sessions are kept per API on purpose: the Call API and the Data API are separate
 * services with separate {@code login.user} methods, so a client must not rely on one
 * API's session at the other.
 */
final class SimulatedUisTokens {

	static final Duration SESSION_LIFETIME = Duration.ofHours(1);

	private final SimulatedUisClock clock;

	private final Map<String, KeyState> keys = new ConcurrentHashMap<>();

	private final Map<String, String> users = new ConcurrentHashMap<>();

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	SimulatedUisTokens(SimulatedUisClock clock) {
		this.clock = clock;
	}

	void key(String token, KeyState state) {
		this.keys.put(token, state);
	}

	void user(String login, String password) {
		this.users.put(login, password);
	}

	/** Every session token currently issued, live or not. */
	Map<String, Instant> sessions() {
		Map<String, Instant> copy = new ConcurrentHashMap<>();
		this.sessions.forEach((token, session) -> copy.put(token, session.expireAt()));
		return copy;
	}

	/**
	 * Checks {@code params.access_token} for {@code api}; throws the -32001 error UIS
	 * gives.
	 */
	void check(String api, JsonNode params) {
		JsonNode token = params.path("access_token");
		if (token.isMissingNode() || token.isNull()) {
			throw UisRpcError.missed("access_token");
		}
		if (!token.isString()) {
			throw UisRpcError.dataType("access_token", token.toString());
		}
		KeyState key = this.keys.get(token.asString());
		if (key == KeyState.EXPIRED) {
			throw UisRpcError.auth("access_token_expired", "The access token has been expired");
		}
		if (key == KeyState.BLOCKED) {
			throw UisRpcError.auth("access_token_blocked", "The access token has been blocked");
		}
		if (key == KeyState.ACTIVE) {
			return;
		}
		Session session = this.sessions.get(token.asString());
		if (session == null || !session.api().equals(api) || !this.clock.instant().isBefore(session.expireAt())) {
			throw UisRpcError.auth("access_token_invalid", "The access token is invalid");
		}
	}

	/** {@code login.user}: a new session token, or {@code auth_error}. */
	Map<String, Object> login(String api, JsonNode params) {
		String login = requiredString(params, "login");
		String password = requiredString(params, "password");
		if (!password.equals(this.users.get(login))) {
			throw UisRpcError.auth("auth_error", "Wrong login or password");
		}
		String token = UUID.randomUUID().toString().replace("-", "");
		Instant expireAt = this.clock.instant().plus(SESSION_LIFETIME);
		this.sessions.put(token, new Session(api, expireAt));
		return Map.of("access_token", token, "expire_at", expireAt.getEpochSecond());
	}

	/** {@code logout.user}: ends the session of {@code access_token}. */
	Map<String, Object> logout(String api, JsonNode params) {
		check(api, params);
		this.sessions.remove(params.path("access_token").asString());
		return Map.of("success", true);
	}

	private static String requiredString(JsonNode params, String field) {
		JsonNode value = params.path(field);
		if (value.isMissingNode() || value.isNull()) {
			throw UisRpcError.missed(field);
		}
		if (!value.isString()) {
			throw UisRpcError.dataType(field, value.toString());
		}
		return value.asString();
	}

	/** The state of a permanent key as the cabinet shows it. */
	enum KeyState {

		ACTIVE, EXPIRED, BLOCKED

	}

	/** A login.user session: the API that issued it and when it ends. */
	private record Session(String api, Instant expireAt) {
	}

}
