package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.jspecify.annotations.Nullable;

/**
 * What a call's timeline adds up to.
 *
 * @param state where the call is
 * @param result how it ended ({@code null} while active)
 * @param startedAt first moment known
 * @param answeredAt when first answered
 * @param endedAt when it ended
 * @param ringSeconds from start to answer (or to end when unanswered)
 * @param talkSeconds from answer to end, or as the provider reported
 * @param totalSeconds from start to end
 * @param owner who has (or last had) the call: answerer, transfer target or last
 * participant
 * @param rung every extension that was rung, in order
 * @param recordingRef the latest recording reference
 * @param cost the reported cost
 * @param currency the cost's currency
 * @param endSource the source of the end the times come from ({@code null} while active):
 * a provisional one ({@link EventSource#provisional()}) stands in until the provider
 * reports the call
 */
public record CallSummary(CallState state, @Nullable CallResult result, Instant startedAt, @Nullable Instant answeredAt,
		@Nullable Instant endedAt, @Nullable Integer ringSeconds, @Nullable Integer talkSeconds,
		@Nullable Integer totalSeconds, @Nullable Participant owner, List<Participant> rung,
		@Nullable String recordingRef, @Nullable BigDecimal cost, @Nullable String currency,
		@Nullable EventSource endSource) {

	/** The agent who has or had the call, if known. */
	public @Nullable Long ownerAgentId() {
		return (this.owner != null) ? this.owner.agentId() : null;
	}

	/**
	 * Whether a finished call's outcome differs: result, times (its start too),
	 * durations, agent or cost.
	 * @param other the summary before
	 * @return whether the outcome changed
	 */
	public boolean outcomeDiffers(CallSummary other) {
		return this.result != other.result || !Objects.equals(this.startedAt, other.startedAt)
				|| !Objects.equals(this.answeredAt, other.answeredAt) || !Objects.equals(this.endedAt, other.endedAt)
				|| !Objects.equals(this.ringSeconds, other.ringSeconds)
				|| !Objects.equals(this.talkSeconds, other.talkSeconds)
				|| !Objects.equals(this.totalSeconds, other.totalSeconds)
				|| !Objects.equals(ownerAgentId(), other.ownerAgentId()) || !sameAmount(this.cost, other.cost)
				|| !Objects.equals(this.currency, other.currency);
	}

	private static boolean sameAmount(@Nullable BigDecimal a, @Nullable BigDecimal b) {
		return (a == null || b == null) ? a == b : a.compareTo(b) == 0;
	}

}
