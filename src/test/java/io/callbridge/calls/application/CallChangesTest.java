package io.callbridge.calls.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.calls.CallTransferred;
import io.callbridge.calls.HistoryCallsEnded;
import io.callbridge.calls.model.CallState;
import io.callbridge.calls.model.CallSummary;
import io.callbridge.calls.model.Participant;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests which facts a change of a call's summary publishes: rings per new agent, one
 * answer while live, a transfer, exactly one completion, then corrections.
 */
class CallChangesTest {

	private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

	private static final Participant AGENT_101 = new Participant("101", 7L);

	private static final Participant AGENT_102 = new Participant("102", 8L);

	@Test
	void aNewRingingCallRingsEachAgentOnce() {
		List<Object> events = CallChanges.between(1, 2, null, 1, null, ringing(AGENT_101), false, false, T0);

		assertThat(events).containsExactly(new CallRang(1, 2, 1, 7L, T0));
	}

	@Test
	void ringingTheSameAgentAgainPublishesNothing() {
		assertThat(CallChanges.between(1, 2, null, 3, ringing(AGENT_101), ringing(AGENT_101), false, false, T0))
			.isEmpty();
	}

	@Test
	void anAnswerWhileLiveIsPublishedOnce() {
		List<Object> first = CallChanges.between(1, 2, null, 2, ringing(AGENT_101), answered(AGENT_101), false, false,
				T0);
		List<Object> again = CallChanges.between(1, 2, null, 3, answered(AGENT_101), answered(AGENT_101), false, false,
				T0);

		assertThat(first).containsExactly(new CallAnswered(1, 2, 2, 7L, null, T0));
		assertThat(again).isEmpty();
	}

	@Test
	void anAnswerNamesTheCallsCampaign() {
		assertThat(CallChanges.between(1, 2, 9L, 2, ringing(AGENT_101), answered(AGENT_101), false, false, T0))
			.containsExactly(new CallAnswered(1, 2, 2, 7L, 9L, T0));
	}

	@Test
	void aTransferRingsTheTargetAndMovesTheCall() {
		CallSummary before = answered(AGENT_101);
		CallSummary after = summary(CallState.ANSWERED, null, AGENT_102, List.of(AGENT_101, AGENT_102), null);

		List<Object> events = CallChanges.between(1, 2, null, 4, before, after, false, false, T0);

		assertThat(events).containsExactly(new CallRang(1, 2, 4, 8L, T0), new CallTransferred(1, 2, 4, 8L, T0));
	}

	@Test
	void aCallFirstSeenEndedIsCompletedWithoutAnswerOrRing() {
		CallSummary ended = ended(CallResult.ANSWERED, AGENT_101, null);

		List<Object> events = CallChanges.between(1, 2, null, 1, null, ended, false, false, T0);

		assertThat(events).containsExactly(new CallEnded(1, 2, 1, CallResult.ANSWERED, 7L, false, T0));
	}

	@Test
	void aCallKnownOnlyFromItsRecordsIsCompletedAndCountedAmongTheHistoryCallsEnded() {
		CallSummary ended = ended(CallResult.ANSWERED, AGENT_101, null);

		List<Object> events = CallChanges.between(1, 2, null, 1, null, ended, false, true, T0);

		assertThat(events).containsExactly(new CallEnded(1, 2, 1, CallResult.ANSWERED, 7L, true, T0),
				new HistoryCallsEnded(1, List.of(2L)));
	}

	@Test
	void aLateAnswerAfterTheEndIsACorrectionNotAnAnswer() {
		CallSummary missed = ended(CallResult.MISSED, null, null);
		CallSummary answered = ended(CallResult.ANSWERED, AGENT_101, null);

		List<Object> events = CallChanges.between(1, 2, null, 5, missed, answered, false, false, T0);

		assertThat(events)
			.containsExactly(new CallResultCorrected(1, 2, 5, CallResult.MISSED, CallResult.ANSWERED, 7L, false, T0));
	}

	@Test
	void aSecondEndThatChangesNothingIsNotASecondCompletion() {
		CallSummary ended = ended(CallResult.MISSED, null, null);

		assertThat(CallChanges.between(1, 2, null, 5, ended, ended, false, false, T0)).isEmpty();
	}

	@Test
	void aCostReportedAfterTheEndIsACorrection() {
		CallSummary before = ended(CallResult.ANSWERED, AGENT_101, null);
		CallSummary after = ended(CallResult.ANSWERED, AGENT_101, new BigDecimal("0.0500"));

		assertThat(CallChanges.between(1, 2, null, 6, before, after, false, false, T0))
			.containsExactly(new CallResultCorrected(1, 2, 6, CallResult.ANSWERED, CallResult.ANSWERED, 7L, false, T0));
	}

	@Test
	void theSameCostWithAnotherScaleIsNoCorrection() {
		CallSummary before = ended(CallResult.ANSWERED, AGENT_101, new BigDecimal("0.05"));
		CallSummary after = ended(CallResult.ANSWERED, AGENT_101, new BigDecimal("0.0500"));

		assertThat(CallChanges.between(1, 2, null, 6, before, after, false, false, T0)).isEmpty();
	}

	@Test
	void aStartMovedAfterTheEndIsACorrection() {
		CallSummary before = ended(CallResult.MISSED, null, null);
		CallSummary after = new CallSummary(before.state(), before.result(), T0.minusSeconds(30), before.answeredAt(),
				before.endedAt(), before.ringSeconds(), before.talkSeconds(), before.totalSeconds(), before.owner(),
				before.rung(), before.recordingRef(), before.cost(), before.currency(), before.endSource());

		assertThat(CallChanges.between(1, 2, null, 6, before, after, false, false, T0))
			.containsExactly(new CallResultCorrected(1, 2, 6, CallResult.MISSED, CallResult.MISSED, null, false, T0));
	}

	@Test
	void aDirectionNumberOrCampaignLearntAfterTheEndIsACorrection() {
		CallSummary ended = ended(CallResult.MISSED, null, null);

		assertThat(CallChanges.between(1, 2, null, 6, ended, ended, true, false, T0))
			.containsExactly(new CallResultCorrected(1, 2, 6, CallResult.MISSED, CallResult.MISSED, null, false, T0));
	}

	private static CallSummary ringing(Participant agent) {
		return summary(CallState.RINGING, null, null, List.of(agent), null);
	}

	private static CallSummary answered(Participant agent) {
		return summary(CallState.ANSWERED, null, agent, List.of(agent), null);
	}

	private static CallSummary ended(CallResult result, @Nullable Participant owner, @Nullable BigDecimal cost) {
		return summary(CallState.ENDED, result, owner, (owner != null) ? List.of(owner) : List.of(), cost);
	}

	private static CallSummary summary(CallState state, @Nullable CallResult result, @Nullable Participant owner,
			List<Participant> rung, @Nullable BigDecimal cost) {
		boolean ended = state == CallState.ENDED;
		return new CallSummary(state, result, T0, (owner != null) ? T0.plusSeconds(5) : null,
				ended ? T0.plusSeconds(60) : null, 5, ended ? 55 : null, ended ? 60 : null, owner, rung, null, cost,
				(cost != null) ? "EUR" : null, ended ? EventSource.PROVIDER : null);
	}

}
