package io.callbridge.webhooks;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.SecretCipher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The signing secrets of endpoints, encrypted at rest. A secret is {@code whsec_} and the
 * Base64 of 32 random bytes (Standard Webhooks allows 24 to 64). A rotation keeps the
 * previous secret signing for an overlap, so a receiver accepts messages whichever secret
 * it has.
 */
@Repository
class WebhookSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	WebhookSecrets(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/** A new random secret. */
	static String generate() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	/** Stores a new current secret for the endpoint and returns it. */
	String add(long endpointId, Instant now) {
		String secret = generate();
		this.jdbc.sql("INSERT INTO webhook_secrets (endpoint_id, secret, created_at) VALUES (?, ?, ?)")
			.params(endpointId, this.cipher.encrypt(secret), Jdbc.ts(now))
			.update();
		return secret;
	}

	/**
	 * Replaces the current secret: the ones signing now stop at {@code now + overlap}
	 * (sooner if they were ending sooner).
	 * @return the new secret, and when the previous ones stop signing (null when none
	 * did)
	 */
	RotatedSecret rotate(long endpointId, Duration overlap, Instant now) {
		Instant end = now.plus(overlap);
		int ending = this.jdbc.sql("""
				UPDATE webhook_secrets SET expires_at = ?
				WHERE endpoint_id = ? AND (expires_at IS NULL OR expires_at > ?)""")
			.params(Jdbc.ts(end), endpointId, Jdbc.ts(end))
			.update();
		return new RotatedSecret(add(endpointId, now), (ending > 0) ? end : null);
	}

	/** The secrets that sign at {@code now}, newest first. */
	List<String> signing(long endpointId, Instant now) {
		return this.jdbc.sql("""
				SELECT secret FROM webhook_secrets WHERE endpoint_id = ? AND (expires_at IS NULL OR expires_at > ?)
				ORDER BY id DESC""")
			.params(endpointId, Jdbc.ts(now))
			.query(String.class)
			.list()
			.stream()
			.map(this.cipher::decrypt)
			.toList();
	}

}
