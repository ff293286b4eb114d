package io.callbridge.zadarma.outbound;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyFailure;

/**
 * A Zadarma request that did not succeed: Zadarma's own message (from its
 * {@code {"status":"error","message":…}} envelope, or what went wrong on the way), the
 * HTTP status when there was one, and what kind of failure it is.
 */
final class ZadarmaApiException extends RuntimeException implements TelephonyFailure {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final int httpStatus;

	private final String zadarmaMessage;

	private final transient Text text;

	/**
	 * A failure.
	 * @param kind what kind of failure
	 * @param httpStatus the HTTP status Zadarma answered, or 0
	 * @param zadarmaMessage Zadarma's own message
	 * @param text what went wrong, in the reader's language; the exception message is its
	 * English
	 */
	ZadarmaApiException(Kind kind, int httpStatus, String zadarmaMessage, Text text) {
		super(text.english());
		this.kind = kind;
		this.httpStatus = httpStatus;
		this.zadarmaMessage = zadarmaMessage;
		this.text = text;
	}

	ZadarmaApiException(Kind kind, Text text, Throwable cause) {
		super(text.english(), cause);
		this.kind = kind;
		this.httpStatus = 0;
		this.zadarmaMessage = text.english();
		this.text = text;
	}

	@Override
	public Text text() {
		return this.text;
	}

	Kind kind() {
		return this.kind;
	}

	/** The HTTP status Zadarma answered, or 0 when no answer came. */
	int httpStatus() {
		return this.httpStatus;
	}

	/** Zadarma's own message, e.g. "Not authorized" or "Check phone's number". */
	String zadarmaMessage() {
		return this.zadarmaMessage;
	}

	/**
	 * What Zadarma itself said, shown as it is; our own text when the failure arose
	 * before Zadarma answered (no credentials, an unusable setting).
	 */
	Text zadarmaWords() {
		return (this.httpStatus != 0) ? Text.literal(this.zadarmaMessage) : this.text;
	}

	Problems.ProviderFailure toProviderFailure() {
		return new Problems.ProviderFailure(this.text);
	}

	/** What kind of failure a request ran into. */
	enum Kind {

		/** HTTP 401: Zadarma does not accept the key and secret (or the signature). */
		CREDENTIALS_REJECTED,
		/** Another 4xx answer: Zadarma refused this request. */
		REFUSED,
		/** Zadarma's rate limit, or ours in front of it, is used up for now. */
		RATE_LIMITED,
		/** No usable answer: 5xx, timeout, connection or I/O error, not JSON. */
		UNREACHABLE

	}

}
