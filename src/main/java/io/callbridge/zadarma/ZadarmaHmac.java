package io.callbridge.zadarma;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zadarma's signature primitive, shared by REST authorization and webhook signatures:
 * Base64 of the lower-case hex HMAC-SHA1 (not of the raw digest, as all official SDKs and
 * live checks confirm).
 */
public final class ZadarmaHmac {

	/**
	 * Copied for each signature: looking HMAC-SHA1 up among the security providers
	 * ({@code Mac.getInstance}) at every notification was 2 % of a webhook's CPU.
	 */
	private static final Mac PROTOTYPE = newMac();

	private ZadarmaHmac() {
	}

	/** {@code Base64(hex(HMAC-SHA1(secret, data)))}. */
	public static String sign(String secret, String data) {
		try {
			Mac mac = newInstance();
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			String hex = HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
			return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

	private static Mac newInstance() {
		try {
			return (Mac) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			// A provider whose HMAC cannot be copied: looked up each time.
			return newMac();
		}
	}

	private static Mac newMac() {
		try {
			return Mac.getInstance("HmacSHA1");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

	/** Compares a received signature with the expected one in constant time. */
	public static boolean matches(String expected, String received) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				received.strip().getBytes(StandardCharsets.US_ASCII));
	}

}
