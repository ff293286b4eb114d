package io.callbridge.uis.outbound;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyFailure;
import org.jspecify.annotations.Nullable;

/**
 * A UIS request that did not succeed: UIS's own error (code, mnemonic, message) when it
 * answered one, what kind of failure it is, and what went wrong in the reader's language
 * with UIS's words kept visible.
 */
final class UisApiException extends RuntimeException implements TelephonyFailure {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final int code;

	private final @Nullable String mnemonic;

	private final String uisMessage;

	private final transient Text text;

	/**
	 * A failure.
	 * @param kind what kind of failure
	 * @param code UIS's JSON-RPC error code, or 0 when UIS gave none
	 * @param mnemonic UIS's {@code error.data.mnemonic}, if any
	 * @param uisMessage UIS's own message, or what went wrong on the way
	 * @param text what went wrong, in the reader's language
	 */
	UisApiException(Kind kind, int code, @Nullable String mnemonic, String uisMessage, Text text) {
		super(text.english());
		this.kind = kind;
		this.code = code;
		this.mnemonic = mnemonic;
		this.uisMessage = uisMessage;
		this.text = text;
	}

	/** A failure before or without UIS's answer (no credentials, unreachable). */
	static UisApiException of(Kind kind, Text text) {
		return new UisApiException(kind, 0, null, text.english(), text);
	}

	@Override
	public Text text() {
		return this.text;
	}

	Kind kind() {
		return this.kind;
	}

	/** UIS's error code, e.g. -32602, or 0 when UIS gave none. */
	int code() {
		return this.code;
	}

	/** UIS's mnemonic, e.g. {@code employee_not_found}, if it gave one. */
	@Nullable String mnemonic() {
		return this.mnemonic;
	}

	/** UIS's own message. */
	String uisMessage() {
		return this.uisMessage;
	}

	Problems.ProviderFailure toProviderFailure() {
		return new Problems.ProviderFailure(this.text);
	}

	/** What kind of failure a request ran into. */
	enum Kind {

		/** UIS does not accept the credentials (token, login, IP address). */
		CREDENTIALS_REJECTED,
		/** UIS refused this request (parameters, rights, components, account). */
		REFUSED,
		/** The account's points are used up for now (UIS's -32029, or ours before it). */
		RATE_LIMITED,
		/**
		 * No usable answer: timeout, connection error, not JSON-RPC, UIS's own failure.
		 */
		UNREACHABLE

	}

}
