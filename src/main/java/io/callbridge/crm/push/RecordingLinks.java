package io.callbridge.crm.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmProperties;
import io.callbridge.shared.SecretCipher;

import org.springframework.stereotype.Component;

/**
 * The signed links a CRM plays a call's recording from:
 * {@code {publicBaseUrl}/webhooks/crm/recordings/{callId}?t={tenant}&c={connection}&e={expiry}&s={signature}},
 * the signature a Base64url HMAC-SHA256 of {@code tenant.callId.connection.expiry} with a
 * key derived from the server's secrets key (label {@value #KEY_LABEL}), so every node
 * signs and verifies alike and the link names exactly one call for one connection until
 * it expires ({@code callbridge.crm.recording-link-ttl}, 90 days). Times are on the
 * database's clock.
 */
@Component
class RecordingLinks {

	/** The path the links point at, below the connection's public address. */
	static final String PATH = "/webhooks/crm/recordings/";

	static final String KEY_LABEL = "crm-recording-links";

	private final SecretKeySpec key;

	private final DatabaseClock clock;

	private final Duration ttl;

	RecordingLinks(SecretCipher cipher, DatabaseClock clock, CrmProperties properties) {
		this.key = new SecretKeySpec(cipher.derivedKey(KEY_LABEL), "HmacSHA256");
		this.clock = clock;
		this.ttl = properties.recordingLinkTtl();
	}

	/** A link to the call's recording for the connection, valid for the TTL from now. */
	String link(CrmConnection connection, long callId) {
		long expires = this.clock.now().plus(this.ttl).getEpochSecond();
		String base = connection.publicBaseUrl().replaceAll("/+$", "");
		return base + PATH + callId + "?t=" + connection.tenantId() + "&c=" + connection.id() + "&e=" + expires + "&s="
				+ signature(connection.tenantId(), callId, connection.id(), expires);
	}

	/** Whether a link's parts were signed here and it has not expired. */
	Verdict verify(long tenantId, long callId, long connectionId, long expires, String signature) {
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(signature);
		}
		catch (IllegalArgumentException ex) {
			return Verdict.INVALID;
		}
		if (!MessageDigest.isEqual(mac(tenantId, callId, connectionId, expires), given)) {
			return Verdict.INVALID;
		}
		return Instant.ofEpochSecond(expires).isAfter(this.clock.now()) ? Verdict.VALID : Verdict.EXPIRED;
	}

	String signature(long tenantId, long callId, long connectionId, long expires) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(tenantId, callId, connectionId, expires));
	}

	private byte[] mac(long tenantId, long callId, long connectionId, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(
					(tenantId + "." + callId + "." + connectionId + "." + expires).getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

	/** What checking a link found. */
	enum Verdict {

		VALID, INVALID, EXPIRED

	}

}
