package io.callbridge.calls.application;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;

/**
 * Makes a provider event storable whatever its content: a webhook whose signature is
 * valid is acknowledged only once stored, so nothing it carries may make storing fail.
 * NUL characters (which PostgreSQL refuses in text) and overlong values are cleaned from
 * the derived columns only; ids too long for their column are shortened with a hash so
 * they stay distinct; the raw payload is kept whole, with a NUL written as the JSON
 * escape {@code \u0000}.
 */
final class StorableEvent {

	static final int CALL_ID = 200;

	static final int NUMBER = 100;

	static final int EXTENSION = 64;

	static final int RECORDING_REF = 2000;

	static final int DEDUPE_KEY = 300;

	private static final char NUL = '\u0000';

	private StorableEvent() {
	}

	static ProviderCallEvent of(ProviderCallEvent event) {
		return new ProviderCallEvent(event.accountId(), key(event.providerCallId(), CALL_ID), event.type(),
				event.occurredAt(), event.direction(), text(event.externalNumber(), NUMBER),
				text(event.ourLine(), NUMBER), text(event.extension(), EXTENSION),
				text(event.transferFrom(), EXTENSION), event.result(), nonNegative(event.talkSeconds()),
				text(event.recordingRef(), RECORDING_REF), amount(event.cost()), currency(event.currency()),
				(event.dedupeKey() != null) ? key(event.dedupeKey(), DEDUPE_KEY) : null, raw(event.rawPayload()),
				event.source());
	}

	/**
	 * A value for a text column: without NUL characters, cut to the column's length.
	 */
	static @Nullable String text(@Nullable String value, int max) {
		if (value == null) {
			return null;
		}
		String clean = value.replace(String.valueOf(NUL), "");
		return (clean.length() > max) ? clean.substring(0, max) : clean;
	}

	/**
	 * An identifying value for a column: kept as it is when it fits, otherwise its start
	 * and a SHA-256 of the whole, so two long ids never become the same.
	 */
	static String key(String value, int max) {
		String clean = value.replace(String.valueOf(NUL), "\uFFFD");
		if (clean.length() <= max) {
			return clean;
		}
		String hash = sha256(value);
		return clean.substring(0, max - hash.length() - 1) + "#" + hash;
	}

	/** The raw payload, whole; a NUL becomes the JSON escape (the payloads are JSON). */
	static String raw(String payload) {
		return (payload.indexOf(NUL) < 0) ? payload : payload.replace(String.valueOf(NUL), "\\u0000");
	}

	private static @Nullable Integer nonNegative(@Nullable Integer seconds) {
		return (seconds != null && seconds < 0) ? null : seconds;
	}

	// The cost column keeps four decimals; an amount it cannot hold is left to the raw
	// payload.
	private static @Nullable BigDecimal amount(@Nullable BigDecimal cost) {
		if (cost == null) {
			return null;
		}
		BigDecimal scaled = cost.setScale(4, RoundingMode.HALF_UP);
		return (scaled.precision() - scaled.scale() > 10) ? null : scaled;
	}

	private static @Nullable String currency(@Nullable String currency) {
		if (currency == null) {
			return null;
		}
		String code = currency.strip().toUpperCase(Locale.ROOT);
		return code.matches("[A-Z]{3}") ? code : null;
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
