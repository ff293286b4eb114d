package io.callbridge.telephony.callmyway;

/**
 * A CallMyWay request that failed, with CallMyWay's own message and what kind of failure
 * it was, so callers can tell wrong credentials from an unreachable or overloaded
 * provider.
 */
public class CallMyWayApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	public CallMyWayApiException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public CallMyWayApiException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
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
