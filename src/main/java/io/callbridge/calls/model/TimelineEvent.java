package io.callbridge.calls.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.jspecify.annotations.Nullable;

/**
 * One recorded event of a call's timeline, with the agent its extension belonged to when
 * it arrived.
 *
 * @param type what happened
 * @param occurredAt when
 * @param extension the extension concerned
 * @param agentId the agent on that extension
 * @param transferFrom the extension a transfer came from
 * @param result the result reported on an end event
 * @param talkSeconds talk time reported on an end event
 * @param recordingRef recording reference
 * @param cost cost reported
 * @param currency cost currency
 * @param source where the event comes from
 */
public record TimelineEvent(CallEventType type, Instant occurredAt, @Nullable String extension, @Nullable Long agentId,
		@Nullable String transferFrom, @Nullable CallResult result, @Nullable Integer talkSeconds,
		@Nullable String recordingRef, @Nullable BigDecimal cost, @Nullable String currency, EventSource source) {

	/**
	 * Time order; at the same instant, the natural order of a call (start, ring, answer,
	 * transfer, end), then the content, so that the order is total and a summary never
	 * depends on arrival order.
	 */
	public static final Comparator<TimelineEvent> CHRONOLOGICAL = Comparator.comparing(TimelineEvent::occurredAt)
		.thenComparing(TimelineEvent::type)
		.thenComparing(TimelineEvent::extension, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(TimelineEvent::result, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(TimelineEvent::transferFrom, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(TimelineEvent::talkSeconds, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(TimelineEvent::recordingRef, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(TimelineEvent::agentId, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(TimelineEvent::source)
		.thenComparing(TimelineEvent::cost, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(TimelineEvent::currency, Comparator.nullsFirst(Comparator.naturalOrder()));

}
