package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * Derives a call's summary from its events. The summary depends only on the set of
 * events, never on the order they arrived in, which is what makes applying events
 * idempotent and order-tolerant: a repeated event is not stored twice, and an "ended"
 * that arrives before "answered" still yields an answered call.
 */
public final class CallTimeline {

	private final List<TimelineEvent> events;

	private @Nullable Instant answeredAt;

	private @Nullable Instant endedAt;

	private @Nullable CallResult reportedResult;

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
		return timeline.summary();
	}

	private void apply(TimelineEvent event) {
		switch (event.type()) {
			case STARTED -> {
			}
			case RINGING -> ring(event);
			case ANSWERED -> answer(event);
			case TRANSFERRED -> transfer(event);
			case ENDED -> end(event);
			case RECORDING_AVAILABLE -> {
				if (event.recordingRef() != null) {
					this.recordingRef = event.recordingRef();
				}
			}
		}
		if (event.cost() != null) {
			this.cost = event.cost();
			this.currency = event.currency();
		}
	}

	private void ring(TimelineEvent event) {
		Participant participant = participant(event);
		if (participant != null) {
			this.rung.putIfAbsent(participant.extension(), participant);
		}
	}

	private void answer(TimelineEvent event) {
		if (this.answeredAt == null) {
			this.answeredAt = event.occurredAt();
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

	private void end(TimelineEvent event) {
		// Several end events (e.g. per leg) may arrive: the latest one is final.
		this.endedAt = event.occurredAt();
		if (event.result() != null) {
			this.reportedResult = event.result();
		}
		if (event.talkSeconds() != null) {
			this.reportedTalk = event.talkSeconds();
		}
		if (event.recordingRef() != null) {
			this.recordingRef = event.recordingRef();
		}
		// Only an end that reports a conversation names the last participant; a cancelled
		// leg does not.
		Participant last = participant(event);
		boolean talked = event.result() == CallResult.ANSWERED || (event.result() == null && this.answeredAt != null);
		if (last != null && talked) {
			this.owner = last;
		}
	}

	private CallSummary summary() {
		Instant startedAt = this.events.get(0).occurredAt();
		CallState state = (this.endedAt != null) ? CallState.ENDED
				: (this.answeredAt != null) ? CallState.ANSWERED : CallState.RINGING;
		Instant answered = this.answeredAt;
		if (answered == null && this.endedAt != null && this.reportedResult == CallResult.ANSWERED) {
			// The provider says it was answered but the answer event is missing: derive
			// it from the talk time.
			int talk = (this.reportedTalk != null) ? this.reportedTalk : 0;
			answered = this.endedAt.minusSeconds(talk);
			if (answered.isBefore(startedAt)) {
				answered = startedAt;
			}
		}
		CallResult result = (state == CallState.ENDED) ? result(answered) : null;
		return new CallSummary(state, result, startedAt, answered, this.endedAt, ringSeconds(startedAt, answered),
				talkSeconds(answered), seconds(startedAt, this.endedAt), owner(result), List.copyOf(this.rung.values()),
				this.recordingRef, this.cost, this.currency);
	}

	// An answer event is proof the call was answered, whatever result code the end event
	// carries.
	private CallResult result(@Nullable Instant answered) {
		if (answered != null) {
			return CallResult.ANSWERED;
		}
		if (this.reportedResult == null || this.reportedResult == CallResult.ANSWERED) {
			return CallResult.MISSED;
		}
		return this.reportedResult;
	}

	private @Nullable Participant owner(@Nullable CallResult result) {
		if (result != null && result != CallResult.ANSWERED) {
			return null;
		}
		return this.owner;
	}

	private @Nullable Integer ringSeconds(Instant startedAt, @Nullable Instant answered) {
		Instant stop = (answered != null) ? answered : this.endedAt;
		return seconds(startedAt, stop);
	}

	private @Nullable Integer talkSeconds(@Nullable Instant answered) {
		if (this.endedAt == null) {
			return null;
		}
		if (this.reportedTalk != null) {
			return this.reportedTalk;
		}
		return (answered != null) ? seconds(answered, this.endedAt) : Integer.valueOf(0);
	}

	private static @Nullable Integer seconds(Instant from, @Nullable Instant to) {
		return (to != null) ? Integer.valueOf((int) Math.max(0, Duration.between(from, to).toSeconds())) : null;
	}

	private static @Nullable Participant participant(TimelineEvent event) {
		return (event.extension() != null && !event.extension().isBlank())
				? new Participant(event.extension(), event.agentId()) : null;
	}

}
