package io.callbridge.telephony;

import org.jspecify.annotations.Nullable;

/**
 * A call that is starting, as a provider describes it when it asks what to do.
 *
 * @param accountId the telephony account
 * @param providerCallId the provider's call id
 * @param callerNumber the caller's number as received, or {@code null} when withheld
 * @param calledLine our number that was dialled
 * @param eventsReceived whether the adapter delivers the call's events through
 * {@link CallEventSink#receive} (stored, then applied by the call's lane: a webhook)
 * rather than {@link CallEventSink#accept} (applied at once: the sandbox): an event the
 * core records for its decision goes the same way, so that it keeps its place among them
 */
public record CallStartQuery(long accountId, String providerCallId, @Nullable String callerNumber,
		@Nullable String calledLine, boolean eventsReceived) {

	/**
	 * A starting call of an adapter whose events are delivered through
	 * {@link CallEventSink#receive}.
	 */
	public CallStartQuery(long accountId, String providerCallId, @Nullable String callerNumber,
			@Nullable String calledLine) {
		this(accountId, providerCallId, callerNumber, calledLine, true);
	}

}
