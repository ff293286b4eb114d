package io.callbridge.telephony;

/**
 * The provider's answer to a request to end a call in progress: a value, because a call
 * that is no longer there is an ordinary answer.
 */
public sealed interface HangUpResult {

	/** The provider is ending the call; its end arrives as an event. */
	record HungUp() implements HangUpResult {
	}

	/**
	 * The provider has no such call in progress: it ended, or the provider forgot it.
	 *
	 * @param reason the provider's own message
	 */
	record NotInProgress(String reason) implements HangUpResult {
	}

	/**
	 * The provider refused to end the call.
	 *
	 * @param reason the provider's own message
	 */
	record Refused(String reason) implements HangUpResult {
	}

}
