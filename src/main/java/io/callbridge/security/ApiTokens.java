package io.callbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * API tokens for integrations. Only a SHA-256 hash of each token is stored; the token
 * itself is shown once, when it is created. A token acts as the user it was issued for.
 */
@Repository
public class ApiTokens {

	static final String PREFIX = "cbt_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	ApiTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A stored token, without its secret.
	 *
	 * @param id id
	 * @param userId the user it acts as
	 * @param name what it is for
	 * @param prefix the first characters, to recognise it
	 * @param createdAt creation time
	 * @param lastUsedAt last use
	 * @param revokedAt revocation time
	 */
	public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt,
			@Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
	}

	/**
	 * A token just created: the only time its secret value is available.
	 *
	 * @param token the stored token
	 * @param secret the value to put in the Authorization header
	 */
	public record IssuedToken(ApiToken token, String secret) {

		@Override
		public String toString() {
			return "IssuedToken[" + this.token.name() + "]";
		}

	}

	/** Issues a token acting as the user; its secret is only in the returned value. */
	public IssuedToken issue(long tenantId, long userId, String name) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO api_tokens (tenant_id, user_id, name, token_hash, token_prefix, created_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(tenantId, userId, name, hash(secret), secret.substring(0, 10), Jdbc.ts(Instant.now()))
			.update(keys, "id");
		return new IssuedToken(get(tenantId, keys.getKeyAs(Long.class)), secret);
	}

	List<ApiToken> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM api_tokens WHERE tenant_id = ? ORDER BY id")
			.param(tenantId)
			.query(this::map)
			.list();
	}

	ApiToken get(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM api_tokens WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.apiToken"), id));
	}

	void revoke(long tenantId, long id) {
		get(tenantId, id);
		this.jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
			.params(Jdbc.ts(Instant.now()), id)
			.update();
	}

	/**
	 * The user an active token acts as.
	 *
	 * @param tenantId the user's tenant
	 * @param userId the user
	 */
	record TokenOwner(long tenantId, long userId) {
	}

	/** Finds the owner of an active token and records the use. */
	Optional<TokenOwner> authenticate(String secret) {
		if (!secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String hash = hash(secret);
		Optional<TokenOwner> owner = this.jdbc
			.sql("SELECT tenant_id, user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
			.param(hash)
			.query((rs, n) -> new TokenOwner(rs.getLong("tenant_id"), rs.getLong("user_id")))
			.optional();
		owner.ifPresent((found) -> this.jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?")
			.params(Jdbc.ts(Instant.now()), hash)
			.update());
		return owner;
	}

	private ApiToken map(ResultSet rs, int row) throws SQLException {
		return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("token_prefix"),
				Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_used_at"), Jdbc.instant(rs, "revoked_at"));
	}

	static String hash(String secret) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
