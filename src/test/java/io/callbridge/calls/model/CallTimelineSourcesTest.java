package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.callbridge.calls.model.TimelineEventFixture.answered;
import static io.callbridge.calls.model.TimelineEventFixture.ended;
import static io.callbridge.calls.model.TimelineEventFixture.from;
import static io.callbridge.calls.model.TimelineEventFixture.ringing;
import static io.callbridge.calls.model.TimelineEventFixture.started;
import static io.callbridge.calls.model.TimelineEventFixture.withCost;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a finished call's times are consistent whatever order its events came in
 * (answered no later than ended, ring plus talk equal to total), and that the more
 * trustworthy source wins when sources disagree: Callbridge's rejection, the provider's
 * call record, its live notification, a poller's sighting, the sweeper.
 */
class CallTimelineSourcesTest {

	private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

	private static Instant at(int seconds) {
		return T0.plusSeconds(seconds);
	}

	@Test
	void anEndArrivingBeforeTheAnswerStillGivesConsistentTimes() {
		// Zadarma: NOTIFY_END (duration 30) reached us at 35 s, NOTIFY_ANSWER only at 36
		// s.
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), ringing(at(1), "101", 7L),
				ended(at(35), CallResult.ANSWERED, "101", 7L, 30), answered(at(36), "101", 7L)));

		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.answeredAt()).isBeforeOrEqualTo(summary.endedAt());
		assertThat(summary.talkSeconds()).isEqualTo(30);
		assertThat(summary.totalSeconds()).isEqualTo(35);
		assertThat(summary.ringSeconds()).isEqualTo(5);
		assertConsistent(summary);
	}

	@Test
	void aCallKnownOnlyFromItsRecordIsAnsweredAtItsConnectTime() {
		// CallMyWay CDR: detect_time 0, connect_time 8 s later, duration 20.
		CallSummary summary = CallTimeline
			.summarize(List.of(history(started(at(0))), history(answered(at(8), "8373456", 7L)),
					history(ended(at(28), CallResult.ANSWERED, "8373456", 7L, 20))));

		assertThat(summary.answeredAt()).isEqualTo(at(8));
		assertThat(summary.ringSeconds()).isEqualTo(8);
		assertThat(summary.talkSeconds()).isEqualTo(20);
		assertThat(summary.totalSeconds()).isEqualTo(28);
		assertThat(summary.endSource()).isEqualTo(EventSource.HISTORY);
	}

	@Test
	void aRecordAfterALiveCallCorrectsTalkAndTotalTogether() {
		List<TimelineEvent> polled = List.of(poll(started(at(0))), poll(ringing(at(0), "8373456", 7L)),
				poll(answered(at(9), "8373456", 7L)), poll(ended(at(22), null, null)));
		CallSummary live = CallTimeline.summarize(polled);
		List<TimelineEvent> withRecord = new ArrayList<>(polled);
		withRecord.add(history(answered(at(5), "8373456", 7L)));
		withRecord.add(history(ended(at(22), CallResult.ANSWERED, "8373456", 7L, 17)));

		CallSummary corrected = CallTimeline.summarize(withRecord);

		assertThat(live.talkSeconds()).isEqualTo(13);
		assertThat(live.endSource()).isEqualTo(EventSource.POLL);
		assertThat(corrected.talkSeconds()).isEqualTo(17);
		assertThat(corrected.ringSeconds()).isEqualTo(5);
		assertThat(corrected.totalSeconds()).isEqualTo(22);
		assertThat(corrected.endSource()).isEqualTo(EventSource.HISTORY);
		assertConsistent(live);
		assertConsistent(corrected);
	}

	@Test
	void aPollerEndWithoutResultIsMissedUntilTheRecordSaysAnswered() {
		// Answered briefly between two polls: the poller saw it ring, then gone.
		List<TimelineEvent> polled = List.of(poll(started(at(0))), poll(ringing(at(0), "8373456", 7L)),
				poll(ended(at(8), null, null)));
		List<TimelineEvent> withRecord = new ArrayList<>(polled);
		withRecord.add(history(answered(at(4), "8373456", 7L)));
		withRecord.add(history(ended(at(6), CallResult.ANSWERED, "8373456", 7L, 2)));

		assertThat(CallTimeline.summarize(polled).result()).isEqualTo(CallResult.MISSED);
		CallSummary corrected = CallTimeline.summarize(withRecord);
		assertThat(corrected.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(corrected.endedAt()).isEqualTo(at(6));
		assertThat(corrected.talkSeconds()).isEqualTo(2);
		assertConsistent(corrected);
	}

	@Test
	void theProviderEndOverridesTheSweepersWhateverTheirOrder() {
		List<TimelineEvent> events = List.of(started(at(0)), answered(at(5), "101", 7L),
				from(EventSource.SWEEPER, ended(at(5), null, null)), ended(at(65), CallResult.ANSWERED, "101", 7L, 60));

		for (List<TimelineEvent> order : shuffles(events, 20)) {
			CallSummary summary = CallTimeline.summarize(order);
			assertThat(summary.endedAt()).isEqualTo(at(65));
			assertThat(summary.talkSeconds()).isEqualTo(60);
			assertThat(summary.endSource()).isEqualTo(EventSource.PROVIDER);
		}
	}

	@Test
	void aSweptCallEndsAtItsLastKnownMomentMarkedAsSuch() {
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), ringing(at(2), "101", 7L),
				answered(at(5), "101", 7L), from(EventSource.SWEEPER, ended(at(5), null, null))));

		assertThat(summary.state()).isEqualTo(CallState.ENDED);
		assertThat(summary.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(summary.endedAt()).isEqualTo(at(5));
		assertThat(summary.endSource()).isEqualTo(EventSource.SWEEPER);
		assertThat(summary.endSource().provisional()).isTrue();
	}

	@Test
	void aRejectionByCallbridgeIsTheResultWhateverTheProviderReportsAfter() {
		CallSummary summary = CallTimeline
			.summarize(List.of(started(at(0)), from(EventSource.DECISION, ended(at(0), CallResult.REJECTED, null)),
					ended(at(1), CallResult.BUSY, null)));

		assertThat(summary.result()).isEqualTo(CallResult.REJECTED);
		assertThat(summary.endedAt()).isEqualTo(at(1));
		assertThat(summary.talkSeconds()).isZero();
	}

	@Test
	void aRecordWithoutAnAnswerTimeEndsTheTalkTimeAfterTheObservedAnswer() {
		// Zadarma's statistics complete a call whose NOTIFY_END was lost: they know the
		// talk time, not when it was answered.
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)), answered(at(10), "101", 7L),
				history(ended(at(50), CallResult.ANSWERED, "101", 7L, 50))));

		assertThat(summary.endedAt()).isEqualTo(at(60));
		assertThat(summary.ringSeconds()).isEqualTo(10);
		assertThat(summary.talkSeconds()).isEqualTo(50);
	}

	@Test
	void aBilledTalkTimeLongerThanTheEventsSpanStretchesTheCall() {
		// Both notifications of a Zadarma outbound call arrived within a second.
		CallSummary summary = CallTimeline.summarize(
				List.of(ringing(at(0), "100", 7L), ended(at(0).plusMillis(300), CallResult.ANSWERED, "100", 7L, 42)));

		assertThat(summary.talkSeconds()).isEqualTo(42);
		assertThat(summary.totalSeconds()).isEqualTo(42);
		assertThat(summary.ringSeconds()).isZero();
		assertConsistent(summary);
	}

	@Test
	void theRecordsCostWinsOverAPollersAndKeepsItsCurrency() {
		CallSummary summary = CallTimeline.summarize(List.of(started(at(0)),
				withCost(history(ended(at(30), CallResult.MISSED, null)), new BigDecimal("0.0500"), "EUR"),
				withCost(poll(ended(at(31), null, null)), new BigDecimal("9.0000"), "USD")));

		assertThat(summary.cost()).isEqualByComparingTo("0.05");
		assertThat(summary.currency()).isEqualTo("EUR");
	}

	@Test
	void everyFinishedCallIsConsistentWhateverItsEventsAndTheirOrder() {
		Random random = new Random(42);
		for (int round = 0; round < 2000; round++) {
			List<TimelineEvent> events = randomCall(random);
			CallSummary expected = CallTimeline.summarize(events);
			for (List<TimelineEvent> order : shuffles(events, 3)) {
				CallSummary summary = CallTimeline.summarize(order);
				assertThat(summary).as("round %d: %s", round, order).isEqualTo(expected);
				if (summary.state() == CallState.ENDED) {
					assertConsistent(summary);
				}
			}
		}
	}

	private static List<TimelineEvent> randomCall(Random random) {
		List<TimelineEvent> events = new ArrayList<>();
		EventSource[] sources = EventSource.values();
		events.add(started(at(0)));
		int count = 1 + random.nextInt(5);
		for (int i = 0; i < count; i++) {
			EventSource source = sources[random.nextInt(sources.length)];
			int second = random.nextInt(120);
			TimelineEvent event = switch (random.nextInt(3)) {
				case 0 -> answered(at(second), "101", 7L);
				case 1 ->
					ended(at(second), result(random), "101", 7L, random.nextBoolean() ? random.nextInt(90) : null);
				default -> ringing(at(second), "10" + random.nextInt(3), 7L);
			};
			events.add(from(source, event));
		}
		return events;
	}

	private static @Nullable CallResult result(Random random) {
		int pick = random.nextInt(CallResult.values().length + 1);
		return (pick == CallResult.values().length) ? null : CallResult.values()[pick];
	}

	private static void assertConsistent(CallSummary summary) {
		assertThat(summary.endedAt()).isNotNull();
		assertThat(summary.startedAt()).isBeforeOrEqualTo(summary.endedAt());
		if (summary.answeredAt() != null) {
			assertThat(summary.answeredAt()).isAfterOrEqualTo(summary.startedAt()).isBeforeOrEqualTo(summary.endedAt());
		}
		assertThat(summary.ringSeconds() + summary.talkSeconds()).as("ring + talk = total")
			.isEqualTo(summary.totalSeconds());
		assertThat(summary.ringSeconds()).isNotNegative();
		assertThat(summary.talkSeconds()).isNotNegative();
	}

	private static List<List<TimelineEvent>> shuffles(List<TimelineEvent> events, int count) {
		Random random = new Random(events.hashCode());
		List<List<TimelineEvent>> orders = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<TimelineEvent> order = new ArrayList<>(events);
			Collections.shuffle(order, random);
			orders.add(order);
		}
		return orders;
	}

	private static TimelineEvent history(TimelineEvent event) {
		return from(EventSource.HISTORY, event);
	}

	private static TimelineEvent poll(TimelineEvent event) {
		return from(EventSource.POLL, event);
	}

}
