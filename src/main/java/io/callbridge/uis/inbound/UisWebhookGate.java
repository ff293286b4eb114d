package io.callbridge.uis.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What every request from UIS passes before anything is read from it, in this order: an
 * account of provider {@code uis} with this webhook token (else 404), a sender on the
 * account's allow-list (403), the shared secret (query {@code secret} or header
 * {@code X-Callbridge-Secret}) equal to the account's {@code notificationSecret},
 * compared in constant time (401), and an enabled account (409). Also builds the
 * problem+json answers of the UIS endpoints, always with an explicit content type.
 */
@Component
class UisWebhookGate {

	static final String PROVIDER = "uis";

	static final String SECRET_PARAMETER = "secret";

	static final String SECRET_HEADER = "X-Callbridge-Secret";

	static final String SECRET_CREDENTIAL = "notificationSecret";

	/** How soon a sender that retries may try again after a storing failure. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final TelephonyAccounts accounts;

	private final MessageSource messages;

	UisWebhookGate(TelephonyAccounts accounts, MessageSource messages) {
		this.accounts = accounts;
		this.messages = messages;
	}

	/**
	 * The account the request is for, or the refusal to answer.
	 * @param token the webhook token of the URL
	 * @param request the request, for its address and secret
	 */
	Admission admit(String token, HttpServletRequest request) {
		Optional<TelephonyAccount> found = this.accounts.findCachedByWebhookToken(token)
			.filter((account) -> PROVIDER.equals(account.provider()));
		if (found.isEmpty()) {
			return refused(problem(404, "webhook", Text.of("uis.unknownUrl")));
		}
		TelephonyAccount account = found.get();
		if (!UisSettings.of(account).allowedIps().allows(request.getRemoteAddr())) {
			return refused(problem(403, "webhook", Text.of("uis.notAllowed", request.getRemoteAddr())));
		}
		Text secretRefusal = secretRefusal(account, request);
		if (secretRefusal != null) {
			return refused(problem(401, "bad-signature", secretRefusal));
		}
		if (!account.enabled()) {
			return refused(problem(409, "webhook", Text.of("uis.disabled", account.name())));
		}
		return new Admission(account, null);
	}

	private @Nullable Text secretRefusal(TelephonyAccount account, HttpServletRequest request) {
		String expected = this.accounts.cachedCredentials(account).get(SECRET_CREDENTIAL);
		if (expected == null || expected.isBlank()) {
			return Text.of("uis.noSecret");
		}
		String given = request.getParameter(SECRET_PARAMETER);
		if (given == null || given.isEmpty()) {
			given = request.getHeader(SECRET_HEADER);
		}
		if (given == null || given.isEmpty()) {
			return Text.of("uis.noSecretGiven");
		}
		return matches(expected, given) ? null : Text.of("uis.wrongSecret");
	}

	/**
	 * Whether two secrets are equal, in time independent of where they differ and of
	 * their lengths (digests of equal length are compared).
	 */
	static boolean matches(String expected, String given) {
		return MessageDigest.isEqual(sha256(expected), sha256(given));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * 503 with {@code Retry-After}, the answer a retrying sender retries; UIS documents
	 * no retry policy, so the Data API's call records are what recover the call.
	 */
	ResponseEntity<Map<String, Object>> unavailable(Text detail) {
		ResponseEntity<Map<String, Object>> problem = problem(503, "provider-failure", detail);
		return ResponseEntity.status(503)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

	ResponseEntity<Map<String, Object>> problem(int status, String kind, Text detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", Problems.TYPE_BASE + kind);
		body.put("status", status);
		body.put("detail", detail.in(this.messages, LocaleContextHolder.getLocale()));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

	private static Admission refused(ResponseEntity<?> answer) {
		return new Admission(null, answer);
	}

	/**
	 * A request let in, with its account, or the refusal to send.
	 *
	 * @param account the account, when admitted
	 * @param refusal the answer to send, otherwise
	 */
	record Admission(@Nullable TelephonyAccount account, @Nullable ResponseEntity<?> refusal) {
	}

}
