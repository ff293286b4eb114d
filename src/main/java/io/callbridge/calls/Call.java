package io.callbridge.calls;

import java.math.BigDecimal;
import java.time.Instant;

import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.jspecify.annotations.Nullable;

/**
 * A stored call as other modules and the API see it.
 *
 * @param id id
 * @param tenantId tenant
 * @param accountId telephony account
 * @param providerCallId the provider's call id
 * @param direction direction
 * @param externalNumber the other party's number in E.164, {@code null} when withheld or
 * unreadable
 * @param externalNumberRaw the other party's number as the provider sent it
 * @param ourLine our number involved
 * @param state where the call is
 * @param result how it ended
 * @param startedAt start
 * @param answeredAt answer
 * @param endedAt end
 * @param ringSeconds ring time
 * @param talkSeconds talk time
 * @param totalSeconds total time
 * @param agentId the agent who has or had the call
 * @param contactId the contact the call is linked to
 * @param originatedBy the agent who started it with click-to-call
 * @param recordingRef recording reference
 * @param cost cost
 * @param currency cost currency
 * @param version how many times the call's summary changed: grows with each change, and
 * every call event carries it
 * @param endSource where the end its times come from was reported (a provisional
 * {@code POLL} or {@code SWEEPER} end stands in until the provider reports the call)
 * @param campaignId the campaign the call was made for or arrived through, if any
 */
public record Call(long id, long tenantId, long accountId, String providerCallId, CallDirection direction,
		@Nullable String externalNumber, @Nullable String externalNumberRaw, @Nullable String ourLine, CallState state,
		@Nullable CallResult result, Instant startedAt, @Nullable Instant answeredAt, @Nullable Instant endedAt,
		@Nullable Integer ringSeconds, @Nullable Integer talkSeconds, @Nullable Integer totalSeconds,
		@Nullable Long agentId, @Nullable Long contactId, @Nullable Long originatedBy, @Nullable String recordingRef,
		@Nullable BigDecimal cost, @Nullable String currency, long version, @Nullable EventSource endSource,
		@Nullable Long campaignId) {

	/** Whether the number was withheld by the caller. */
	public boolean isPrivateNumber() {
		return this.externalNumber == null;
	}

}
