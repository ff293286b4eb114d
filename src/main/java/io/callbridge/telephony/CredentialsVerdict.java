package io.callbridge.telephony;

import io.callbridge.shared.Text;

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
	 * @param message the provider's own message, in English
	 * @param text the same in the reader's language
	 */
	record Rejected(String message, Text text) implements CredentialsVerdict {

		/** In words shown as they are. */
		public Rejected(String message) {
			this(message, Text.literal(message));
		}

		/** In the reader's language. */
		public static Rejected of(Text text) {
			return new Rejected(text.english(), text);
		}

	}

	/**
	 * The provider could not be asked (network error, timeout, server error).
	 *
	 * @param message what went wrong, in English
	 * @param text the same in the reader's language
	 */
	record Unreachable(String message, Text text) implements CredentialsVerdict {

		/** In words shown as they are. */
		public Unreachable(String message) {
			this(message, Text.literal(message));
		}

		/** In the reader's language. */
		public static Unreachable of(Text text) {
			return new Unreachable(text.english(), text);
		}

	}

}
