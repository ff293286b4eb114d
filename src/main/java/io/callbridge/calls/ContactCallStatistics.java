package io.callbridge.calls;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * A contact's calls in figures, for the contact's file and the API: every call linked to
 * the contact counts, whenever it was made. Missed has the dashboard's meaning: an
 * inbound call that ended missed, busy, cancelled by the caller or failed (a call
 * Callbridge or the provider rejected is not missed, nor an outbound call nobody picked
 * up).
 *
 * @param contactId the contact
 * @param calls all calls, in progress ones included
 * @param inbound calls the contact made
 * @param outbound calls made to the contact
 * @param answered calls that ended answered
 * @param missed inbound calls that ended missed, busy, cancelled or failed
 * @param talkSeconds total talk time of the answered calls
 * @param lastContact the call that started last, {@code null} without calls
 * @param outcomes the disposition outcomes recorded on the calls, most used first
 * @param charges the charges recorded in the calls' dispositions, per currency
 * @param costs what the provider charged for the calls, per currency
 * @param recordings the last {@value ContactCallStatisticsQuery#RECORDINGS} recorded
 * calls, newest first
 */
public record ContactCallStatistics(long contactId, long calls, long inbound, long outbound, long answered, long missed,
		long talkSeconds, @Nullable LastContact lastContact, List<OutcomeCount> outcomes, List<Amount> charges,
		List<Amount> costs, List<RecordedCall> recordings) {

	/**
	 * The call that started last.
	 *
	 * @param callId the call
	 * @param startedAt when it started
	 * @param direction its direction
	 * @param state where it is ({@code ENDED} once over)
	 * @param result how it ended, {@code null} while in progress
	 * @param agentId the agent who had it
	 */
	public record LastContact(long callId, Instant startedAt, CallDirection direction, CallState state,
			@Nullable CallResult result, @Nullable Long agentId) {
	}

	/**
	 * One disposition outcome and how many of the calls got it.
	 *
	 * @param code the outcome's code
	 * @param label its label in the reader's language for a seeded outcome nobody
	 * renamed, as stored otherwise (the code when the outcome no longer exists)
	 * @param labelKey the message key of a seeded outcome's label
	 * @param calls calls with that outcome
	 */
	public record OutcomeCount(String code, String label, @Nullable String labelKey, long calls) {
	}

	/**
	 * A sum in one currency.
	 *
	 * @param currency ISO 4217 code (empty when it was not recorded)
	 * @param calls calls the sum is over
	 * @param amount the sum
	 */
	public record Amount(String currency, long calls, BigDecimal amount) {
	}

	/**
	 * A recorded call; its recording is played through the recordings module ({@code GET
	 * /api/v1/calls/{callId}/recording}).
	 *
	 * @param callId the call
	 * @param startedAt when it started
	 * @param direction its direction
	 * @param result how it ended, {@code null} while in progress
	 * @param talkSeconds its talk time
	 * @param agentId the agent who had it
	 */
	public record RecordedCall(long callId, Instant startedAt, CallDirection direction, @Nullable CallResult result,
			@Nullable Integer talkSeconds, @Nullable Long agentId) {
	}

}
