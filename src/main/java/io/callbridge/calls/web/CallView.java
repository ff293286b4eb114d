package io.callbridge.calls.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.callbridge.calls.Call;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * A call as the API shows it, with its disposition.
 *
 * @param id id
 * @param accountId telephony account
 * @param providerCallId provider's call id
 * @param direction direction
 * @param externalNumber other party in E.164 (null when withheld)
 * @param externalNumberRaw other party as received
 * @param ourLine our number
 * @param state state
 * @param result result
 * @param startedAt start
 * @param answeredAt answer
 * @param endedAt end
 * @param ringSeconds ring time
 * @param talkSeconds talk time
 * @param totalSeconds total time
 * @param agentId agent who had the call
 * @param contactId linked contact
 * @param originatedBy agent who started it by click-to-call
 * @param recordingRef recording reference
 * @param cost cost
 * @param currency cost currency
 * @param disposition the disposition, if recorded
 * @param rangAgentIds the agents the call rang, in order (for a missed call: whom it was
 * offered to)
 * @param campaignId the campaign the call was made for or arrived through
 */
record CallView(long id, long accountId, String providerCallId, CallDirection direction,
		@Nullable String externalNumber, @Nullable String externalNumberRaw, @Nullable String ourLine, CallState state,
		@Nullable CallResult result, Instant startedAt, @Nullable Instant answeredAt, @Nullable Instant endedAt,
		@Nullable Integer ringSeconds, @Nullable Integer talkSeconds, @Nullable Integer totalSeconds,
		@Nullable Long agentId, @Nullable Long contactId, @Nullable Long originatedBy, @Nullable String recordingRef,
		@Nullable BigDecimal cost, @Nullable String currency, @Nullable Disposition disposition,
		List<Long> rangAgentIds, @Nullable Long campaignId) {

	static CallView of(Call c, @Nullable Disposition disposition, List<Long> rangAgentIds) {
		return new CallView(c.id(), c.accountId(), c.providerCallId(), c.direction(), c.externalNumber(),
				c.externalNumberRaw(), c.ourLine(), c.state(), c.result(), c.startedAt(), c.answeredAt(), c.endedAt(),
				c.ringSeconds(), c.talkSeconds(), c.totalSeconds(), c.agentId(), c.contactId(), c.originatedBy(),
				c.recordingRef(), c.cost(), c.currency(), disposition, List.copyOf(rangAgentIds), c.campaignId());
	}

}
