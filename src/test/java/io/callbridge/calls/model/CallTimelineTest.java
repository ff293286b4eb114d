package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.Test;

import static io.callbridge.calls.model.TimelineEventFixture.answered;
import static io.callbridge.calls.model.TimelineEventFixture.ended;
import static io.callbridge.calls.model.TimelineEventFixture.recording;
import static io.callbridge.calls.model.TimelineEventFixture.ringing;
import static io.callbridge.calls.model.TimelineEventFixture.started;
import static io.callbridge.calls.model.TimelineEventFixture.transferred;
import static io.callbridge.calls.model.TimelineEventFixture.withCost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests that {@link CallTimeline#summarize(List)} derives state, result, owner and
 * durations from a call's events whatever their order and repetition.
 */
class CallTimelineTest {

	private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

	private static final Participant AGENT_101 = new Participant("101", 7L);

	private static final Participant AGENT_102 = new Participant("102", 8L);

	private static Instant at(int seconds) {
		return T0.plusSeconds(seconds);
	}

	private static List<TimelineEvent> inboundAnswered() {
		return List.of(started(at(0)), ringing(at(2), "101", 7L), answered(at(10), "101", 7L),
				ended(at(70), CallResult.ANSWERED, "101", 7L, null));
	}

	@Test
	void inboundAnsweredCallEndsAnsweredAndOwnedByTheAnswerer() {
		CallSummary summary = CallTimeline.summarize(inboundAnswered());
		assertThat(summary.state()).isEqualTo(CallState.ENDED);
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.startedAt()).isEqualTo(at(0));
		assertThat(summary.answeredAt()).isEqualTo(at(10));
		assertThat(summary.endedAt()).isEqualTo(at(70));
		assertThat(summary.owner()).isEqualTo(AGENT_101);
		assertThat(summary.rung()).containsExactly(AGENT_101);
		assertThat(summary.ringSeconds()).isEqualTo(10);
		assertThat(summary.talkSeconds()).isEqualTo(60);
		assertThat(summary.totalSeconds()).isEqualTo(70);
	}

	@Test
	void everyArrivalOrderGivesTheSameSummary() {
		CallSummary expected = CallTimeline.summarize(inboundAnswered());
		List<List<TimelineEvent>> orders = permutations(inboundAnswered());
		assertThat(orders).hasSize(24);
		for (List<TimelineEvent> order : orders) {
			assertThat(CallTimeline.summarize(order)).as("order %s", order).isEqualTo(expected);
		}
	}

	@Test
	void duplicatedEventsGiveTheSameSummary() {
		CallSummary expected = CallTimeline.summarize(inboundAnswered());
		List<TimelineEvent> twice = new ArrayList<>(inboundAnswered());
		twice.addAll(inboundAnswered());
		assertThat(CallTimeline.summarize(twice)).isEqualTo(expected);
		for (List<TimelineEvent> order : permutations(inboundAnswered())) {
			List<TimelineEvent> duplicated = new ArrayList<>();
			for (TimelineEvent event : order) {
				duplicated.add(event);
				duplicated.add(event);
			}
			assertThat(CallTimeline.summarize(duplicated)).as("order %s", duplicated).isEqualTo(expected);
		}
	}

	@Test
	void endedWithoutResultAndWithoutAnswerIsMissed() {
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), ringing(at(1), "101", 7L),
				ringing(at(3), "102", 8L), ended(at(30), null, null)));
		assertThat(summary.state()).isEqualTo(CallState.ENDED);
		assertThat(summary.result()).isEqualTo(CallResult.MISSED);
		assertThat(summary.answeredAt()).isNull();
		assertThat(summary.owner()).isNull();
		assertThat(summary.talkSeconds()).isZero();
		assertThat(summary.ringSeconds()).isEqualTo(30);
		assertThat(summary.totalSeconds()).isEqualTo(30);
		assertThat(summary.rung()).containsExactly(AGENT_101, AGENT_102);
	}

	@Test
	void endedCancelledWithoutAnswerIsCancelledAndHasNoOwner() {
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), ringing(at(1), "101", 7L),
				ended(at(12), CallResult.CANCELLED, "101", 7L, null)));
		assertThat(summary.result()).isEqualTo(CallResult.CANCELLED);
		assertThat(summary.owner()).isNull();
		assertThat(summary.talkSeconds()).isZero();
		assertThat(summary.rung()).containsExactly(AGENT_101);
	}

	@Test
	void endedBeforeAnsweredInArrivalOrderStillGivesAnsweredCall() {
		CallSummary summary = CallTimeline.summarize(List.of(ended(at(70), CallResult.ANSWERED, "101", 7L, null),
				started(at(0)), answered(at(10), "101", 7L), ringing(at(2), "101", 7L)));
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.answeredAt()).isEqualTo(at(10));
		assertThat(summary.owner()).isEqualTo(AGENT_101);
		assertThat(summary.talkSeconds()).isEqualTo(60);
	}

	@Test
	void providerAnsweredResultWithoutAnswerEventDerivesAnswerFromTalkTime() {
		CallSummary summary = CallTimeline.summarize(
				List.of(started(at(0)), ringing(at(5), "101", 7L), ended(at(70), CallResult.ANSWERED, "101", 7L, 50)));
		assertThat(summary.state()).isEqualTo(CallState.ENDED);
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.answeredAt()).isEqualTo(at(20));
		assertThat(summary.ringSeconds()).isEqualTo(20);
		assertThat(summary.talkSeconds()).isEqualTo(50);
		assertThat(summary.totalSeconds()).isEqualTo(70);
		assertThat(summary.owner()).isEqualTo(AGENT_101);
	}

	@Test
	void derivedAnswerNeverPrecedesTheStart() {
		CallSummary summary = CallTimeline
			.summarize(List.of(started(at(0)), ended(at(30), CallResult.ANSWERED, "101", 7L, 45)));
		assertThat(summary.answeredAt()).isEqualTo(at(0));
		assertThat(summary.ringSeconds()).isZero();
	}

	@Test
	void answerEventWinsOverBusyEndResult() {
		CallSummary summary = CallTimeline.summarize(
				List.of(started(at(0)), answered(at(4), "101", 7L), ended(at(20), CallResult.BUSY, "101", 7L, null)));
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.owner()).isEqualTo(AGENT_101);
		assertThat(summary.talkSeconds()).isEqualTo(16);
	}

	@Test
	void answerEventWinsOverMissedEndResult() {
		CallSummary summary = CallTimeline
			.summarize(List.of(ended(at(20), CallResult.MISSED, null), answered(at(4), "101", 7L), started(at(0))));
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.owner()).isEqualTo(AGENT_101);
	}

	@Test
	void endedBusyWithoutAnswerIsBusy() {
		CallSummary summary = CallTimeline
			.summarize(List.of(started(at(0)), ended(at(3), CallResult.BUSY, "101", 7L, null)));
		assertThat(summary.result()).isEqualTo(CallResult.BUSY);
		assertThat(summary.owner()).isNull();
		assertThat(summary.answeredAt()).isNull();
		assertThat(summary.talkSeconds()).isZero();
	}

	@Test
	void transferredCallIsOwnedByTheTransferTarget() {
		CallSummary summary = CallTimeline
			.summarize(List.of(started(at(0)), ringing(at(2), "101", 7L), answered(at(5), "101", 7L),
					transferred(at(30), "101", "102", 8L), ended(at(90), CallResult.ANSWERED, "102", 8L, null)));
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.owner()).isEqualTo(AGENT_102);
		assertThat(summary.rung()).containsExactly(AGENT_101, AGENT_102);
		assertThat(summary.answeredAt()).isEqualTo(at(5));
		assertThat(summary.talkSeconds()).isEqualTo(85);
	}

	@Test
	void transferWithoutLastExtensionOnEndStillOwnedByTarget() {
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), answered(at(5), "101", 7L),
				transferred(at(30), "101", "102", 8L), ended(at(90), CallResult.ANSWERED, null)));
		assertThat(summary.owner()).isEqualTo(AGENT_102);
	}

	@Test
	void ringAllCallIsOwnedByWhoeverAnswered() {
		CallSummary summary = CallTimeline
			.summarize(List.of(started(at(0)), ringing(at(1), "101", 7L), ringing(at(2), "102", 8L),
					answered(at(8), "102", 8L), ended(at(40), CallResult.ANSWERED, "102", 8L, null)));
		assertThat(summary.owner()).isEqualTo(AGENT_102);
		assertThat(summary.rung()).containsExactly(AGENT_101, AGENT_102);
	}

	@Test
	void ringAllAtTheSameInstantGivesTheSameSummaryInEveryOrder() {
		List<TimelineEvent> events = List.of(started(at(0)), ringing(at(1), "101", 7L), ringing(at(1), "102", 8L),
				answered(at(8), "102", 8L), ended(at(40), CallResult.ANSWERED, "102", 8L, null));
		CallSummary expected = CallTimeline.summarize(events);
		for (List<TimelineEvent> order : permutations(events)) {
			assertThat(CallTimeline.summarize(order)).as("order %s", order).isEqualTo(expected);
		}
	}

	@Test
	void cancelledLegOfAnotherExtensionDoesNotTakeTheCall() {
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), ringing(at(1), "101", 7L),
				ringing(at(1), "102", 8L), answered(at(8), "102", 8L),
				ended(at(8), CallResult.CANCELLED, "101", 7L, null), ended(at(40), CallResult.ANSWERED, null)));
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.owner()).isEqualTo(AGENT_102);
	}

	@Test
	void sameInstantEventsApplyInCallOrder() {
		List<TimelineEvent> events = List.of(ended(at(0), CallResult.ANSWERED, "101", 7L, null),
				answered(at(0), "101", 7L), ringing(at(0), "101", 7L), started(at(0)));
		CallSummary summary = CallTimeline.summarize(events);
		assertThat(summary.state()).isEqualTo(CallState.ENDED);
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.answeredAt()).isEqualTo(at(0));
		assertThat(summary.owner()).isEqualTo(AGENT_101);
		assertThat(summary.rung()).containsExactly(AGENT_101);
		assertThat(summary.ringSeconds()).isZero();
		assertThat(summary.talkSeconds()).isZero();
		assertThat(summary.totalSeconds()).isZero();
	}

	@Test
	void answerAndEndAtTheSameInstantEndsAnsweredWhateverTheArrivalOrder() {
		List<TimelineEvent> events = List.of(started(at(0)), answered(at(9), "101", 7L),
				ended(at(9), CallResult.MISSED, "101", 7L, null));
		for (List<TimelineEvent> order : permutations(events)) {
			CallSummary summary = CallTimeline.summarize(order);
			assertThat(summary.result()).as("order %s", order).isEqualTo(CallResult.ANSWERED);
			assertThat(summary.owner()).as("order %s", order).isEqualTo(AGENT_101);
		}
	}

	@Test
	void startedAndRingingCallIsStillRinging() {
		CallSummary summary = CallTimeline.summarize(List.of(ringing(at(2), "101", 7L), started(at(0))));
		assertThat(summary.state()).isEqualTo(CallState.RINGING);
		assertThat(summary.state().isActive()).isTrue();
		assertThat(summary.result()).isNull();
		assertThat(summary.answeredAt()).isNull();
		assertThat(summary.endedAt()).isNull();
		assertThat(summary.ringSeconds()).isNull();
		assertThat(summary.talkSeconds()).isNull();
		assertThat(summary.totalSeconds()).isNull();
		assertThat(summary.owner()).isNull();
		assertThat(summary.rung()).containsExactly(AGENT_101);
	}

	@Test
	void startedAndAnsweredCallIsInProgress() {
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), answered(at(6), "101", 7L)));
		assertThat(summary.state()).isEqualTo(CallState.ANSWERED);
		assertThat(summary.state().isActive()).isTrue();
		assertThat(summary.result()).isNull();
		assertThat(summary.answeredAt()).isEqualTo(at(6));
		assertThat(summary.endedAt()).isNull();
		assertThat(summary.ringSeconds()).isEqualTo(6);
		assertThat(summary.talkSeconds()).isNull();
		assertThat(summary.totalSeconds()).isNull();
		assertThat(summary.owner()).isEqualTo(AGENT_101);
	}

	@Test
	void recordingAndCostComeFromTheirEvents() {
		CallSummary summary = CallTimeline
			.summarize(List.of(recording(at(80), "rec-42"), started(at(0)), answered(at(5), "101", 7L),
					withCost(ended(at(60), CallResult.ANSWERED, "101", 7L, null), new BigDecimal("0.0315"), "EUR")));
		assertThat(summary.recordingRef()).isEqualTo("rec-42");
		assertThat(summary.cost()).isEqualByComparingTo("0.0315");
		assertThat(summary.currency()).isEqualTo("EUR");
	}

	@Test
	void latestRecordingWins() {
		CallSummary summary = CallTimeline.summarize(List.of(recording(at(90), "rec-2"), started(at(0)),
				recording(at(80), "rec-1"), ended(at(60), null, null)));
		assertThat(summary.recordingRef()).isEqualTo("rec-2");
	}

	@Test
	void callWithoutRecordingOrCostHasNeither() {
		CallSummary summary = CallTimeline.summarize(inboundAnswered());
		assertThat(summary.recordingRef()).isNull();
		assertThat(summary.cost()).isNull();
		assertThat(summary.currency()).isNull();
	}

	@Test
	void emptyTimelineIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CallTimeline.summarize(List.of()));
	}

	private static <T> List<List<T>> permutations(List<T> items) {
		if (items.isEmpty()) {
			return List.of(List.of());
		}
		List<List<T>> result = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			List<T> rest = new ArrayList<>(items);
			T head = rest.remove(i);
			for (List<T> tail : permutations(rest)) {
				List<T> permutation = new ArrayList<>();
				permutation.add(head);
				permutation.addAll(tail);
				result.add(permutation);
			}
		}
		return result;
	}

}
