package io.callbridge.webhooks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.callbridge.webhooks.DeliveryCredentials.AuthSpec;
import io.callbridge.webhooks.WebhookSender.LoginAnswer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Bearer tokens for external sites that require a login (OMniLeads'
 * {@code AutenticacionExternalSite}): POSTs {@code {"username","password"}} as JSON to
 * the login URL through the guarded client, requires a status below 400 and a JSON
 * answer, and reads the token from its top-level token field and, when the duration is 0,
 * the validity in seconds from its duration field. Tokens are kept on this node until
 * they expire: a token is not shared state, and a login on another node is harmless.
 */
@Component
public class ExternalSiteTokens {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebhookSender sender;

	private final Map<AuthSpec, Cached> cache = new ConcurrentHashMap<>();

	ExternalSiteTokens(WebhookSender sender) {
		this.sender = sender;
	}

	/**
	 * A valid token for the authentication: the cached one, or a new login.
	 * @param spec the authentication
	 * @param now the time (the database's clock)
	 * @throws AuthenticationFailed saying why there is none
	 */
	String token(AuthSpec spec, Instant now) {
		Cached cached = this.cache.get(spec);
		if (cached != null && now.isBefore(cached.expiresAt())) {
			return cached.token();
		}
		Login login = login(spec);
		this.cache.put(spec, new Cached(login.token(), now.plus(login.validity())));
		return login.token();
	}

	/**
	 * Logs in once, without caching, as the admin's "Test" button does.
	 * @return how long the token is valid
	 * @throws AuthenticationFailed saying why it failed
	 */
	public Duration test(AuthSpec spec) {
		return login(spec).validity();
	}

	private Login login(AuthSpec spec) {
		LoginAnswer answer;
		try {
			answer = this.sender.login(spec.url(),
					JSON.writeValueAsString(Map.of("username", spec.username(), "password", spec.password())));
		}
		catch (IOException | RuntimeException ex) {
			throw new AuthenticationFailed("no answer from " + spec.url() + " (" + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : "") + ")");
		}
		if (answer.status() >= 400) {
			throw new AuthenticationFailed("HTTP " + answer.status());
		}
		JsonNode body = json(answer);
		String token = text(body, spec.tokenField());
		if (token == null || token.isBlank()) {
			throw new AuthenticationFailed("no \"" + spec.tokenField() + "\" in the answer");
		}
		return new Login(token, Duration.ofSeconds(seconds(spec, body)));
	}

	private static JsonNode json(LoginAnswer answer) {
		if (!answer.contentType().toLowerCase(java.util.Locale.ROOT).contains("json")) {
			throw new AuthenticationFailed("the answer is not JSON");
		}
		try {
			return JSON.readTree(answer.body());
		}
		catch (JacksonException ex) {
			throw new AuthenticationFailed("the answer is not JSON");
		}
	}

	private static long seconds(AuthSpec spec, JsonNode body) {
		if (spec.durationSeconds() > 0) {
			return spec.durationSeconds();
		}
		String field = (spec.durationField() != null) ? spec.durationField() : "";
		String value = text(body, field);
		if (value == null || !value.strip().matches("\\d{1,9}")) {
			throw new AuthenticationFailed("no duration in \"" + field + "\" of the answer");
		}
		return Long.parseLong(value.strip());
	}

	private static @org.jspecify.annotations.Nullable String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		return (node == null || node.isNull() || node.isContainer()) ? null : node.asString();
	}

	/** Why no token could be had; the attempt is logged with this message. */
	public static final class AuthenticationFailed extends RuntimeException {

		AuthenticationFailed(String reason) {
			super("Authentication failed: " + reason);
		}

	}

	private record Login(String token, Duration validity) {
	}

	private record Cached(String token, Instant expiresAt) {
	}

}
