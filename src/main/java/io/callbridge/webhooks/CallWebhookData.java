package io.callbridge.webhooks;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of every {@code call.*} message (schema version 1): the call as it is
 * after the fact the message reports.
 *
 * @param schemaVersion 1; a field is added without changing it, a change of meaning
 * raises it
 * @param callId the call's id
 * @param version the call's version after this fact: grows with each change of the call,
 * so a receiver can ignore what it already has
 * @param direction {@code INBOUND} or {@code OUTBOUND}
 * @param externalNumber the other party's number (E.164), null when withheld
 * @param ourLine our number involved
 * @param state {@code RINGING}, {@code ANSWERED} or {@code ENDED}
 * @param result how it ended, once it has
 * @param previousResult for {@code call.result_corrected}: the result before
 * @param startedAt start
 * @param answeredAt answer
 * @param endedAt end
 * @param ringSeconds ring time
 * @param talkSeconds talk time
 * @param totalSeconds total time
 * @param agentId the agent who has or had the call
 * @param rangAgentId for {@code call.ringing}: the agent being rung
 * @param contactId the customer (contact) the call is linked to
 * @param disposition for {@code call.disposition_saved}: the outcome recorded
 * @param recordingAvailable for {@code call.recording_ready}: true
 */
public record CallWebhookData(int schemaVersion, long callId, long version, String direction,
		@Nullable String externalNumber, @Nullable String ourLine, String state, @Nullable String result,
		@Nullable String previousResult, Instant startedAt, @Nullable Instant answeredAt, @Nullable Instant endedAt,
		@Nullable Integer ringSeconds, @Nullable Integer talkSeconds, @Nullable Integer totalSeconds,
		@Nullable Long agentId, @Nullable Long rangAgentId, @Nullable Long contactId,
		@Nullable DispositionData disposition, @Nullable Boolean recordingAvailable) {

	/**
	 * A disposition as {@code call.disposition_saved} reports it.
	 *
	 * @param outcome the outcome code
	 * @param agentId who saved it
	 * @param notes the notes recorded with it
	 * @param chargeAmount the charge recorded with it (a JSON number)
	 * @param chargeCurrency the charge's currency (ISO 4217)
	 */
	public record DispositionData(String outcome, @Nullable Long agentId, @Nullable String notes,
			@Nullable BigDecimal chargeAmount, @Nullable String chargeCurrency) {
	}

}
