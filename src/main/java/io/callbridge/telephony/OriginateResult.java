package io.callbridge.telephony;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * The provider's answer to a click-to-call request: a value, not an exception, because a
 * refusal is an ordinary outcome.
 */
public sealed interface OriginateResult {

	/**
	 * The provider accepted the request; the call itself may still fail.
	 *
	 * @param providerCallId the provider's id of the new call, when it returns one
	 */
	record Accepted(@Nullable String providerCallId) implements OriginateResult {
	}

	/**
	 * The provider refused the request or could not be reached.
	 *
	 * @param reason why, in English (the provider's own message)
	 * @param text why, in the reader's language
	 */
	record Refused(String reason, Text text) implements OriginateResult {

		/** A refusal in the provider's own words, shown as they are. */
		public Refused(String reason) {
			this(reason, Text.literal(reason));
		}

		/** A refusal described in the reader's language. */
		public static Refused of(Text text) {
			return new Refused(text.english(), text);
		}

	}

}
