package io.callbridge.uis.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The {@code login.user} sessions of accounts that authenticate with a login and
 * password, one per API endpoint and login, kept in this node's memory (a session is a
 * node's own: each may hold one) and renewed a while before UIS's {@code expire_at}. A
 * changed password makes a new session, and a session UIS no longer accepts is forgotten
 * so the next request logs in again.
 */
final class UisSessions {

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	private final Duration renewBefore;

	private final Clock clock;

	UisSessions(Duration renewBefore, Clock clock) {
		this.renewBefore = renewBefore;
		this.clock = clock;
	}

	/**
	 * The session's token, logging in first when there is none or it expires within the
	 * renewal margin; one login at a time per session.
	 * @param key the session's {@link #key}
	 * @param login logs in ({@code login.user})
	 */
	String token(String key, Supplier<Session> login) {
		Session current = this.sessions.get(key);
		if (fresh(current, this.clock.instant(), this.renewBefore)) {
			return current.accessToken();
		}
		synchronized (this.locks.computeIfAbsent(key, (k) -> new Object())) {
			current = this.sessions.get(key);
			if (!fresh(current, this.clock.instant(), this.renewBefore)) {
				current = login.get();
				this.sessions.put(key, current);
			}
			return current.accessToken();
		}
	}

	/**
	 * Forgets the session if it still has this token (UIS said it is no longer valid).
	 */
	void forget(String key, String accessToken) {
		this.sessions.computeIfPresent(key, (k, session) -> session.accessToken().equals(accessToken) ? null : session);
	}

	/** The key of the session of one login at one endpoint (the password hashed). */
	static String key(String endpoint, String login, String password) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
			return endpoint + "|" + login + "|" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static boolean fresh(@Nullable Session session, Instant now, Duration margin) {
		return session != null && now.plus(margin).isBefore(session.expireAt());
	}

	/**
	 * A session UIS opened.
	 *
	 * @param accessToken its token
	 * @param expireAt when UIS ends it ({@code expire_at})
	 */
	record Session(String accessToken, Instant expireAt) {

		@Override
		public String toString() {
			return "Session[token hidden, until " + this.expireAt + "]";
		}

	}

}
