package io.callbridge.calls.model;

/**
 * Where a call is in its life.
 */
public enum CallState {

	/** Started or ringing; nobody has answered yet. */
	RINGING,
	/** Someone answered; the call is in progress. */
	ANSWERED,
	/** The call is over. */
	ENDED;

	public boolean isActive() {
		return this != ENDED;
	}

}
