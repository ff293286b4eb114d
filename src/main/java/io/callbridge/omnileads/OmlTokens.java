package io.callbridge.omnileads;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.SecretCipher;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * OMniLeads' expiring tokens, with its semantics: one token per user (shared by every
 * client of that user, so a new login returns the same key), valid for a fixed time after
 * it was created, and replaced by a new key once expired. Expiry is decided on the
 * database's clock, so every node agrees. Keys are found by their SHA-256 hash; the key
 * itself is kept encrypted only to hand it out again at the next login.
 */
@Repository
class OmlTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	private final SecretCipher cipher;

	private final Duration ttl;

	OmlTokens(JdbcClient jdbc, DatabaseClock clock, SecretCipher cipher, OmniLeadsProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.cipher = cipher;
		this.ttl = properties.tokenTtl();
	}

	/**
	 * A user's token.
	 *
	 * @param tenantId the user's tenant
	 * @param userId the user
	 * @param hash the SHA-256 hash of its key
	 * @param createdAt when it was created
	 */
	record StoredToken(long tenantId, long userId, String hash, Instant createdAt) {
	}

	/**
	 * A token handed out at login.
	 *
	 * @param key the key for {@code Authorization: Bearer}
	 * @param expiresIn how long it remains valid
	 */
	record Issued(String key, Duration expiresIn) {

		@Override
		public String toString() {
			return "Issued[" + this.expiresIn + "]";
		}

	}

	/**
	 * The user's token for a login: the current one while it is valid, else (none yet, or
	 * expired and then deleted) a new one.
	 */
	Issued login(long tenantId, long userId) {
		Instant now = this.clock.now();
		Optional<Issued> current = currentKey(userId, now);
		if (current.isPresent()) {
			return current.get();
		}
		this.jdbc.sql("DELETE FROM omnileads_tokens WHERE user_id = ?").param(userId).update();
		try {
			return create(tenantId, userId, now);
		}
		catch (DuplicateKeyException raced) {
			// Another login of the same user created it just now: both share that one.
			return currentKey(userId, this.clock.now()).orElseThrow(() -> raced);
		}
	}

	/** The token whose key this is, expired or not. */
	Optional<StoredToken> find(String key) {
		return this.jdbc
			.sql("SELECT tenant_id, user_id, token_hash, created_at FROM omnileads_tokens WHERE token_hash = ?")
			.param(hash(key))
			.query((rs, n) -> new StoredToken(rs.getLong("tenant_id"), rs.getLong("user_id"),
					rs.getString("token_hash"), Jdbc.instant(rs, "created_at")))
			.optional();
	}

	/**
	 * Whether the token has expired; an expired token is deleted and replaced by a new
	 * key for its user (which the user gets at the next login), as OMniLeads does.
	 */
	boolean expireIfDue(StoredToken token) {
		Instant now = this.clock.now();
		if (!expired(token.createdAt(), now)) {
			return false;
		}
		int deleted = this.jdbc.sql("DELETE FROM omnileads_tokens WHERE user_id = ? AND token_hash = ?")
			.params(token.userId(), token.hash())
			.update();
		if (deleted == 1) {
			try {
				create(token.tenantId(), token.userId(), now);
			}
			catch (DuplicateKeyException raced) {
				// a login replaced it at the same moment
			}
		}
		return true;
	}

	private Optional<Issued> currentKey(long userId, Instant now) {
		return this.jdbc.sql("SELECT token_secret, created_at FROM omnileads_tokens WHERE user_id = ?")
			.param(userId)
			.query((rs, n) -> new SealedKey(rs.getString("token_secret"), Jdbc.instant(rs, "created_at")))
			.optional()
			.filter((sealed) -> !expired(sealed.createdAt(), now))
			.map((sealed) -> new Issued(this.cipher.decrypt(sealed.secret()), remaining(sealed.createdAt(), now)));
	}

	private record SealedKey(String secret, Instant createdAt) {
	}

	private Issued create(long tenantId, long userId, Instant now) {
		byte[] bytes = new byte[20];
		RANDOM.nextBytes(bytes);
		// DRF's keys: 40 hexadecimal characters.
		String key = HexFormat.of().formatHex(bytes);
		this.jdbc.sql("""
				INSERT INTO omnileads_tokens (user_id, tenant_id, token_hash, token_secret, created_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(userId, tenantId, hash(key), this.cipher.encrypt(key), Jdbc.ts(now))
			.update();
		return new Issued(key, this.ttl);
	}

	private boolean expired(Instant createdAt, Instant now) {
		return remaining(createdAt, now).isNegative();
	}

	private Duration remaining(Instant createdAt, Instant now) {
		return Duration.between(now, createdAt.plus(this.ttl));
	}

	static String hash(String key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
