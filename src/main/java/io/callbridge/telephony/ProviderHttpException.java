package io.callbridge.telephony;

/**
 * A provider request that got no answer: it timed out, the provider could not be reached,
 * or the thread was interrupted. The message says why in English, scrubbed of the
 * request's secrets, and no cause is chained (its message could quote the request's URL).
 * Adapters turn it into their own failure.
 */
public final class ProviderHttpException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	ProviderHttpException(Kind kind, String detail) {
		super(detail);
		this.kind = kind;
	}

	/** Why no answer came. */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * What went wrong on the way, e.g. {@code HttpTimeoutException: request timed out},
	 * without secrets.
	 */
	public String detail() {
		return getMessage();
	}

	/** Why no answer came; the outcome of the request's observation in lower case. */
	public enum Kind {

		/** No complete answer within the provider's timeouts. */
		TIMEOUT,
		/** No connection, or it broke. */
		UNREACHABLE,
		/** The waiting thread was interrupted (the application is stopping). */
		INTERRUPTED

	}

}
