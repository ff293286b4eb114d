package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.jspecify.annotations.Nullable;

/**
 * Derives a call's summary from its events. The summary depends only on the set of
 * events, never on the order they arrived in, which is what makes applying events
 * idempotent and order-tolerant: a repeated event is not stored twice, and an "ended"
 * that arrives before "answered" still yields an answered call.
 *
 * <p>
 * When sources disagree, the more trustworthy one wins: the result, talk time and cost of
 * a call come from its most authoritative end (Callbridge's rejection, then the
 * provider's call record, its live notification, a poller's observation, and last the
 * sweeper's closing); the end time from the end whose time is most exact. A finished
 * call's times are made consistent: it is answered no later than it ended, and ring time
 * plus talk time is its total time.
 */
public final class CallTimeline {

	/** Ends in increasing authority: the last one applied gives result and talk time. */
	private static final Comparator<TimelineEvent> BY_AUTHORITY = Comparator
		.comparingInt((TimelineEvent e) -> authority(e.source()))
		.thenComparing(TimelineEvent.CHRONOLOGICAL);

	private final List<TimelineEvent> events;

	private final List<TimelineEvent> ends = new ArrayList<>();

	private @Nullable Instant observedAnswer;

	// Whether the provider's call record says when the call was answered (its ends are
	// then exact).
	private boolean recordedAnswer;

	private @Nullable CallResult reportedResult;

	private boolean rejected;

	private @Nullable Integer reportedTalk;

	private @Nullable Participant owner;

	private final Map<String, Participant> rung = new LinkedHashMap<>();

	private @Nullable String recordingRef;

	private @Nullable BigDecimal cost;

	private @Nullable String currency;

	private CallTimeline(List<TimelineEvent> events) {
		this.events = new ArrayList<>(events);
		this.events.sort(TimelineEvent.CHRONOLOGICAL);
	}

	/**
	 * Summarizes a call's events.
	 * @param events the call's events in any order; at least one
	 * @return the summary
	 */
	public static CallSummary summarize(List<TimelineEvent> events) {
		if (events.isEmpty()) {
			throw new IllegalArgumentException("A call has at least one event");
		}
		CallTimeline timeline = new CallTimeline(events);
		timeline.events.forEach(timeline::apply);
		timeline.ends.sort(BY_AUTHORITY);
		timeline.ends.forEach(timeline::end);
		timeline.applyCosts();
		return timeline.summary();
	}

	private void apply(TimelineEvent event) {
		switch (event.type()) {
			case STARTED -> {
			}
			case RINGING -> ring(event);
			case ANSWERED -> answer(event);
			case TRANSFERRED -> transfer(event);
			case ENDED -> this.ends.add(event);
			case RECORDING_AVAILABLE -> {
			}
		}
		if (event.recordingRef() != null) {
			this.recordingRef = event.recordingRef();
		}
	}

	private void ring(TimelineEvent event) {
		Participant participant = participant(event);
		if (participant != null) {
			this.rung.putIfAbsent(participant.extension(), participant);
		}
	}

	private void answer(TimelineEvent event) {
		if (this.observedAnswer == null) {
			this.observedAnswer = event.occurredAt();
		}
		if (event.source() == EventSource.HISTORY) {
			this.recordedAnswer = true;
		}
		Participant participant = participant(event);
		if (participant != null) {
			this.owner = participant;
		}
	}

	private void transfer(TimelineEvent event) {
		Participant target = participant(event);
		if (target != null) {
			this.owner = target;
			this.rung.putIfAbsent(target.extension(), target);
		}
	}

	// Applied in increasing authority: a more authoritative end overrides what it
	// reports.
	private void end(TimelineEvent event) {
		if (event.result() == CallResult.REJECTED) {
			this.rejected = true;
		}
		else if (event.result() != null) {
			this.reportedResult = event.result();
		}
		if (event.talkSeconds() != null) {
			this.reportedTalk = event.talkSeconds();
		}
		// Only an end that reports a conversation names the last participant; a cancelled
		// leg does not.
		Participant last = participant(event);
		boolean talked = event.result() == CallResult.ANSWERED
				|| (event.result() == null && this.observedAnswer != null);
		if (last != null && talked) {
			this.owner = last;
		}
	}

	private void applyCosts() {
		List<TimelineEvent> costed = new ArrayList<>(this.events.stream().filter((e) -> e.cost() != null).toList());
		costed.sort(BY_AUTHORITY);
		costed.forEach((event) -> {
			this.cost = event.cost();
			this.currency = event.currency();
		});
	}

	private CallSummary summary() {
		Instant startedAt = this.events.get(0).occurredAt();
		TimelineEvent finalEnd = finalEnd();
		if (finalEnd == null) {
			CallState state = (this.observedAnswer != null) ? CallState.ANSWERED : CallState.RINGING;
			return new CallSummary(state, null, startedAt, this.observedAnswer, null,
					secondsOrNull(startedAt, this.observedAnswer), null, null, this.owner,
					List.copyOf(this.rung.values()), this.recordingRef, this.cost, this.currency, null);
		}
		CallResult result = result();
		Instant endedAt = endedAt(finalEnd, result);
		int total = seconds(startedAt, endedAt);
		Instant answeredAt = null;
		int talk = 0;
		if (result == CallResult.ANSWERED) {
			talk = talk(endedAt);
			if (talk > total) {
				// The provider's talk time is what it bills; the times we saw events
				// arrive
				// are only estimates: answered at the start, ended a talk time later.
				endedAt = startedAt.plusSeconds(talk);
				total = talk;
			}
			answeredAt = endedAt.minusSeconds(talk);
		}
		return new CallSummary(CallState.ENDED, result, startedAt, answeredAt, endedAt, total - talk, talk, total,
				(result == CallResult.ANSWERED) ? this.owner : null, List.copyOf(this.rung.values()), this.recordingRef,
				this.cost, this.currency, finalEnd.source());
	}

	// A call record without an answer time places the end its talk time after the start,
	// too early when the call rang first: an observed answer plus the talk time is later
	// and closer.
	private Instant endedAt(TimelineEvent finalEnd, CallResult result) {
		Instant endedAt = finalEnd.occurredAt();
		if (finalEnd.source() == EventSource.HISTORY && !this.recordedAnswer && result == CallResult.ANSWERED
				&& this.observedAnswer != null && this.reportedTalk != null) {
			Instant fromAnswer = this.observedAnswer.plusSeconds(Math.max(0, this.reportedTalk));
			return fromAnswer.isAfter(endedAt) ? fromAnswer : endedAt;
		}
		return endedAt;
	}

	// An answer event is proof the call was answered, whatever result code an end
	// carries; only Callbridge's own rejection overrides it.
	private CallResult result() {
		if (this.rejected) {
			return CallResult.REJECTED;
		}
		if (this.observedAnswer != null || this.reportedResult == CallResult.ANSWERED) {
			return CallResult.ANSWERED;
		}
		return (this.reportedResult != null) ? this.reportedResult : CallResult.MISSED;
	}

	// The provider's reported talk time is what it bills; without one, the time from the
	// observed answer to the end.
	private int talk(Instant endedAt) {
		if (this.reportedTalk != null) {
			return Math.max(this.reportedTalk, 0);
		}
		if (this.observedAnswer != null) {
			return seconds(this.observedAnswer, endedAt);
		}
		return 0;
	}

	/**
	 * The end whose time is taken: among the ends of the most exact kind present, the
	 * latest (a call may end leg by leg).
	 */
	private @Nullable TimelineEvent finalEnd() {
		TimelineEvent best = null;
		for (TimelineEvent end : this.ends) {
			int quality = timeQuality(end);
			if (best == null || quality < timeQuality(best)
					|| (quality == timeQuality(best) && TimelineEvent.CHRONOLOGICAL.compare(end, best) > 0)) {
				best = end;
			}
		}
		return best;
	}

	/**
	 * How exact an end's time is, best first: a provider record of a conversation (its
	 * connect time plus talk time), a live notification, a call-start rejection, a
	 * poller's sighting, and last the sweeper's or a record's of an unanswered call
	 * (which knows no ring time).
	 */
	private static int timeQuality(TimelineEvent end) {
		return switch (end.source()) {
			case HISTORY -> (end.result() == CallResult.ANSWERED) ? 0 : 4;
			case PROVIDER -> 1;
			case DECISION -> 2;
			case POLL -> 3;
			case SWEEPER -> 4;
		};
	}

	private static int authority(EventSource source) {
		return switch (source) {
			case SWEEPER -> 0;
			case POLL -> 1;
			case PROVIDER -> 2;
			case HISTORY -> 3;
			case DECISION -> 4;
		};
	}

	private static @Nullable Integer secondsOrNull(Instant from, @Nullable Instant to) {
		return (to != null) ? Integer.valueOf(seconds(from, to)) : null;
	}

	private static int seconds(Instant from, Instant to) {
		return (int) Math.max(0, Duration.between(from, to).toSeconds());
	}

	private static @Nullable Participant participant(TimelineEvent event) {
		return (event.extension() != null && !event.extension().isBlank())
				? new Participant(event.extension(), event.agentId()) : null;
	}

}
