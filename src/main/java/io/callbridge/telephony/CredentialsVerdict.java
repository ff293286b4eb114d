package io.callbridge.telephony;

/**
 * The provider's verdict on a set of credentials.
 */
public sealed interface CredentialsVerdict {

	/** The provider accepted them. */
	record Accepted() implements CredentialsVerdict {
	}

	/**
	 * The provider refused them.
	 *
	 * @param message the provider's own message
	 */
	record Rejected(String message) implements CredentialsVerdict {
	}

	/**
	 * The provider could not be asked (network error, timeout, server error).
	 *
	 * @param message what went wrong
	 */
	record Unreachable(String message) implements CredentialsVerdict {
	}

}
