package io.callbridge.callmyway;

import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyFailure;

/**
 * A CallMyWay request that failed, with CallMyWay's own message and what kind of failure
 * it was, so callers can tell wrong credentials from an unreachable or overloaded
 * provider.
 */
public class CallMyWayApiException extends RuntimeException implements TelephonyFailure {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final transient Text text;

	/**
	 * A failure.
	 * @param kind what kind of failure
	 * @param text what went wrong, in the reader's language (CallMyWay's own message as a
	 * literal argument); the exception message is its English
	 */
	public CallMyWayApiException(Kind kind, Text text) {
		super(text.english());
		this.kind = kind;
		this.text = text;
	}

	public CallMyWayApiException(Kind kind, Text text, Throwable cause) {
		super(text.english(), cause);
		this.kind = kind;
		this.text = text;
	}

	@Override
	public Text text() {
		return this.text;
	}

	public Kind kind() {
		return this.kind;
	}

	/** What kind of failure. */
	public enum Kind {

		/** Wrong username or password, or a source address not on the allow-list. */
		REJECTED,
		/**
		 * CallMyWay refused the request (bad number, unknown endpoint, call in
		 * progress…).
		 */
		REFUSED,
		/** No answer, a timeout or a server error. */
		UNREACHABLE,
		/**
		 * An answer that is not the documented JSON (malformed, truncated, wrong fields).
		 */
		MALFORMED

	}

}
