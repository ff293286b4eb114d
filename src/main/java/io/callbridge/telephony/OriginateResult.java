package io.callbridge.telephony;

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
	 * @param reason the provider's own message
	 */
	record Refused(String reason) implements OriginateResult {
	}

}
