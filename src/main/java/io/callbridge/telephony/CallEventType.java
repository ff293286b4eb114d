package io.callbridge.telephony;

/**
 * The normalized kinds of call event every provider's payloads are mapped to. The
 * declaration order is the order in which events with the same timestamp are applied.
 */
public enum CallEventType {

	/** The call reached the PBX (inbound) or was started (outbound). */
	STARTED,
	/** An extension (agent) is being rung. */
	RINGING,
	/** An extension answered, or the other party answered an outbound call. */
	ANSWERED,
	/** The call moved from one extension to another. */
	TRANSFERRED,
	/**
	 * The call is over; carries the result and, where the provider gives them, durations
	 * and cost.
	 */
	ENDED,
	/** A recording of the call can be fetched. */
	RECORDING_AVAILABLE

}
