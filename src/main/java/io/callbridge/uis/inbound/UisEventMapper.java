package io.callbridge.uis.inbound;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;

/**
 * Maps a checked UIS notification to a normalized call event, placed at its
 * {@code notification_time} (so the call's timeline is exact whatever order the
 * notifications arrive in). A talk started is always an answer by that employee: the
 * calls timeline takes the latest answer's employee as the one handling the call and
 * publishes the change as a transfer, while the call stays answered from the first
 * answer; deciding "transfer" here would depend on which notification arrived first.
 * "Talk finished" tells nothing the call's end does not, and is only acknowledged. The
 * dedupe key is {@code <slug>|<call_session_id>|<employee/leg>|<notification_time>}.
 */
final class UisEventMapper {

	private UisEventMapper() {
	}

	/**
	 * The event of a notification that passed {@link UisNotificationCheck}, or empty when
	 * the notification is only acknowledged.
	 */
	static Optional<ProviderCallEvent> map(long accountId, UisEventType type, UisNotification n, ZoneId zone) {
		CallEventType eventType = eventType(type);
		if (eventType == null) {
			return Optional.empty();
		}
		Instant at = Objects.requireNonNull(UisNotificationCheck.time(n.get("notification_time"), zone));
		ProviderCallEvent.Builder event = ProviderCallEvent.of(accountId, n.raw("call_session_id"), eventType, at)
			.direction(direction(type, n))
			.externalNumber(UisNumbers.international(n.get("contact_phone_number")))
			.ourLine(UisNumbers.international(n.get("virtual_phone_number")))
			.dedupeKey(dedupeKey(type, n))
			.rawPayload(n.rawPayload());
		switch (type) {
			case WAITING, CALL_OUTGOING, TALK_STARTED -> event.extension(n.get("employee_id"));
			case CALL_FINISHED -> finished(event, n);
			case CALL_LOST -> event.result(CallResult.MISSED);
			case RECORDING -> event.extension(n.get("employee_id")).recordingRef(n.get("file_link"));
			default -> {
			}
		}
		return Optional.of(event.build());
	}

	// A conversation is told by its talk time; the finish reason (busy, not allowed…)
	// comes later from the Data API, whose call record outranks this notification.
	private static void finished(ProviderCallEvent.Builder event, UisNotification n) {
		Integer talk = UisNotificationCheck.seconds(n.get("talk_time_duration"));
		boolean answered = talk != null && talk > 0;
		event.result(answered ? CallResult.ANSWERED : CallResult.MISSED)
			.talkSeconds(answered ? talk : null)
			.extension(answered ? n.get("employee_id") : null);
	}

	private static @Nullable CallEventType eventType(UisEventType type) {
		return switch (type) {
			case CALL_INCOMING, CALL_OUTGOING -> CallEventType.STARTED;
			case WAITING -> CallEventType.RINGING;
			case TALK_STARTED -> CallEventType.ANSWERED;
			case TALK_FINISHED -> null;
			case CALL_FINISHED, CALL_LOST -> CallEventType.ENDED;
			case RECORDING -> CallEventType.RECORDING_AVAILABLE;
		};
	}

	private static @Nullable CallDirection direction(UisEventType type, UisNotification n) {
		return switch (type) {
			case CALL_INCOMING, CALL_LOST -> CallDirection.INBOUND;
			case CALL_OUTGOING -> CallDirection.OUTBOUND;
			default -> switch (n.raw("direction").toLowerCase(Locale.ROOT)) {
				case "in" -> CallDirection.INBOUND;
				case "out" -> CallDirection.OUTBOUND;
				default -> null;
			};
		};
	}

	private static String dedupeKey(UisEventType type, UisNotification n) {
		String who = switch (type) {
			case WAITING -> n.raw("employee_id") + "/" + n.raw("leg_id");
			case TALK_STARTED -> n.raw("employee_id") + "/" + n.raw("leg_ids");
			default -> n.raw("employee_id");
		};
		return String.join("|", type.slug(), n.raw("call_session_id"), who, n.raw("notification_time"));
	}

}
