package io.callbridge.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (provider credentials) with AES-256-GCM. The key comes from
 * {@code callbridge.secrets.encryption-key} (Base64, 32 bytes); when none is configured,
 * one is generated once into the data directory so a fresh install works, and production
 * sets its own.
 */
@Component
public class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	private static final String PREFIX = "v1:";

	private static final int IV_BYTES = 12;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	SecretCipher(SecretsProperties properties, @Value("${callbridge.data-dir:./data}") Path dataDir) {
		Path keyFile = (properties.keyFile() != null) ? properties.keyFile() : dataDir.resolve("encryption.key");
		this.key = new SecretKeySpec(loadKey(properties.encryptionKey(), keyFile), "AES");
	}

	public String encrypt(String plain) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a secret", ex);
		}
	}

	public String decrypt(String encrypted) {
		if (!encrypted.startsWith(PREFIX)) {
			throw new IllegalStateException("Unknown secret format");
		}
		try {
			byte[] in = Base64.getDecoder().decode(encrypted.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, in, 0, IV_BYTES));
			return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt a secret: wrong encryption key?", ex);
		}
	}

	/**
	 * A key of 32 bytes for another purpose (e.g. signing links), derived from the
	 * encryption key and the purpose's label by HMAC-SHA256: the same on every node that
	 * shares the encryption key, a different one per label, and never the encryption key
	 * itself.
	 */
	public byte[] derivedKey(String label) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

	private static byte[] loadKey(@Nullable String configured, Path file) {
		if (configured != null && !configured.isBlank()) {
			return decodeKey(configured.trim());
		}
		try {
			if (Files.exists(file)) {
				return decodeKey(Files.readString(file).trim());
			}
			byte[] generated = new byte[32];
			new SecureRandom().nextBytes(generated);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(generated));
			restrictPermissions(file);
			log.warn("No callbridge.secrets.encryption-key configured: generated one in {}. Back it up; "
					+ "stored provider credentials cannot be read without it.", file.toAbsolutePath());
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the encryption key file " + file, ex);
		}
	}

	private static void restrictPermissions(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			log.debug("Could not restrict permissions of {}", file, ex);
		}
	}

	private static byte[] decodeKey(String base64) {
		byte[] bytes = Base64.getDecoder().decode(base64);
		if (bytes.length != 32) {
			throw new IllegalStateException("callbridge.secrets.encryption-key must be 32 bytes, Base64-encoded");
		}
		return bytes;
	}

}
