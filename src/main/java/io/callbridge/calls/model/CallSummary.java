package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.callbridge.telephony.CallResult;
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
 */
public record CallSummary(CallState state, @Nullable CallResult result, Instant startedAt, @Nullable Instant answeredAt,
		@Nullable Instant endedAt, @Nullable Integer ringSeconds, @Nullable Integer talkSeconds,
		@Nullable Integer totalSeconds, @Nullable Participant owner, List<Participant> rung,
		@Nullable String recordingRef, @Nullable BigDecimal cost, @Nullable String currency) {
}
