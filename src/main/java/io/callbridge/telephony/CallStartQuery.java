package io.callbridge.telephony;

import org.jspecify.annotations.Nullable;

/**
 * A call that is starting, as a provider describes it when it asks what to do.
 *
 * @param accountId the telephony account
 * @param providerCallId the provider's call id
 * @param callerNumber the caller's number as received, or {@code null} when withheld
 * @param calledLine our number that was dialled
 */
public record CallStartQuery(long accountId, String providerCallId, @Nullable String callerNumber,
		@Nullable String calledLine) {
}
