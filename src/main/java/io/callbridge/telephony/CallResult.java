package io.callbridge.telephony;

/**
 * How a call ended.
 */
public enum CallResult {

	/** Someone of ours talked with the other party. */
	ANSWERED,
	/**
	 * Rang but nobody answered (inbound), or the called party did not answer (outbound).
	 */
	MISSED,
	/** The other side was busy or the call was rejected with busy. */
	BUSY,
	/** The network or provider could not complete the call. */
	FAILED,
	/** The caller hung up before it was answered, or our side cancelled it. */
	CANCELLED,
	/** Callbridge rejected the call when it started: the caller is blacklisted. */
	REJECTED,
	/**
	 * The provider did not allow the call: its blacklist, security rules or the tariff
	 * (UIS's {@code not allowed}, e.g. {@code numa_in_black_list},
	 * {@code call_not_allowed_on_tp}).
	 */
	NOT_ALLOWED

}
