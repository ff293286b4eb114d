package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Instant;

import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link TimelineEvent timeline events} for tests, one helper per event type.
 */
public final class TimelineEventFixture {

	private TimelineEventFixture() {
	}

	public static TimelineEvent started(Instant at) {
		return event(CallEventType.STARTED, at, null, null);
	}

	public static TimelineEvent ringing(Instant at, String extension, @Nullable Long agentId) {
		return event(CallEventType.RINGING, at, extension, agentId);
	}

	public static TimelineEvent answered(Instant at, @Nullable String extension, @Nullable Long agentId) {
		return event(CallEventType.ANSWERED, at, extension, agentId);
	}

	public static TimelineEvent transferred(Instant at, String from, String to, @Nullable Long toAgentId) {
		return new TimelineEvent(CallEventType.TRANSFERRED, at, to, toAgentId, from, null, null, null, null, null,
				EventSource.PROVIDER);
	}

	public static TimelineEvent ended(Instant at, @Nullable CallResult result, @Nullable String lastExtension) {
		return ended(at, result, lastExtension, null, null);
	}

	public static TimelineEvent ended(Instant at, @Nullable CallResult result, @Nullable String lastExtension,
			@Nullable Long agentId, @Nullable Integer talkSeconds) {
		return new TimelineEvent(CallEventType.ENDED, at, lastExtension, agentId, null, result, talkSeconds, null, null,
				null, EventSource.PROVIDER);
	}

	public static TimelineEvent recording(Instant at, String recordingRef) {
		return new TimelineEvent(CallEventType.RECORDING_AVAILABLE, at, null, null, null, null, null, recordingRef,
				null, null, EventSource.PROVIDER);
	}

	/**
	 * Returns a copy of the event carrying the given cost.
	 */
	public static TimelineEvent withCost(TimelineEvent event, BigDecimal cost, String currency) {
		return new TimelineEvent(event.type(), event.occurredAt(), event.extension(), event.agentId(),
				event.transferFrom(), event.result(), event.talkSeconds(), event.recordingRef(), cost, currency,
				event.source());
	}

	/**
	 * Returns a copy of the event as reported by another source.
	 */
	public static TimelineEvent from(EventSource source, TimelineEvent event) {
		return new TimelineEvent(event.type(), event.occurredAt(), event.extension(), event.agentId(),
				event.transferFrom(), event.result(), event.talkSeconds(), event.recordingRef(), event.cost(),
				event.currency(), source);
	}

	private static TimelineEvent event(CallEventType type, Instant at, @Nullable String extension,
			@Nullable Long agentId) {
		return new TimelineEvent(type, at, extension, agentId, null, null, null, null, null, null,
				EventSource.PROVIDER);
	}

}
