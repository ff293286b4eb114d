package io.callbridge.zadarma.inbound;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.zadarma.ZadarmaDispositions;
import org.jspecify.annotations.Nullable;

/**
 * Maps a NOTIFY_* notification to a normalized call event. Zadarma's only timestamp is
 * the call's start ({@code call_start}, account time zone), identical on every
 * notification of a call, so the start event is placed there and later ones at the moment
 * they arrive (never before the start); the dedupe key is built from the notification's
 * content, so a repeated delivery is recognised whatever its arrival time.
 */
final class ZadarmaEventMapper {

	private ZadarmaEventMapper() {
	}

	static Optional<ProviderCallEvent> map(long accountId, ZadarmaNotification n, ZoneId zone, Instant receivedAt) {
		String callId = n.get("pbx_call_id");
		CallEventType type = type(n.event());
		if (callId == null || type == null) {
			return Optional.empty();
		}
		Instant start = callStart(n.get("call_start"), zone, receivedAt);
		Instant at = (type == CallEventType.STARTED) ? start : latest(start, receivedAt);
		boolean outbound = n.event().startsWith("NOTIFY_OUT") || callId.startsWith("out_");
		CallDirection direction = outbound ? CallDirection.OUTBOUND : CallDirection.INBOUND;
		ProviderCallEvent.Builder event = ProviderCallEvent.of(accountId, callId, type, at)
			.direction(direction)
			.dedupeKey(dedupeKey(n))
			.rawPayload(n.toJson());
		switch (n.event()) {
			case "NOTIFY_START" -> event.externalNumber(n.get("caller_id")).ourLine(n.get("called_did"));
			case "NOTIFY_INTERNAL" -> event.extension(n.get("internal"))
				.transferFrom(n.get("transfer_from"))
				.externalNumber(n.get("caller_id"))
				.ourLine(n.get("called_did"));
			case "NOTIFY_ANSWER" -> event.extension(n.get("internal"));
			case "NOTIFY_OUT_START" -> event.extension(n.get("internal")).externalNumber(n.get("destination"));
			case "NOTIFY_END", "NOTIFY_OUT_END" -> ended(event, n, direction);
			case "NOTIFY_RECORD" -> event.recordingRef(n.get("call_id_with_rec"));
			default -> {
			}
		}
		return Optional.of(event.build());
	}

	private static void ended(ProviderCallEvent.Builder event, ZadarmaNotification n, CallDirection direction) {
		CallResult result = ZadarmaDispositions.result(n.get("disposition"), direction);
		String last = (n.get("last_internal") != null) ? n.get("last_internal") : n.get("internal");
		event.result(result)
			.extension(last)
			.talkSeconds((result == CallResult.ANSWERED) ? seconds(n.get("duration")) : null);
		if (direction == CallDirection.OUTBOUND) {
			event.externalNumber(n.get("destination"));
		}
		else {
			event.externalNumber(n.get("caller_id")).ourLine(n.get("called_did"));
		}
		if ("1".equals(n.get("is_recorded")) && n.get("call_id_with_rec") != null) {
			event.recordingRef(n.get("call_id_with_rec"));
		}
	}

	private static @Nullable CallEventType type(String event) {
		return switch (event) {
			case "NOTIFY_START" -> CallEventType.STARTED;
			case "NOTIFY_INTERNAL", "NOTIFY_OUT_START" -> CallEventType.RINGING;
			case "NOTIFY_ANSWER" -> CallEventType.ANSWERED;
			case "NOTIFY_END", "NOTIFY_OUT_END" -> CallEventType.ENDED;
			case "NOTIFY_RECORD" -> CallEventType.RECORDING_AVAILABLE;
			default -> null;
		};
	}

	private static String dedupeKey(ZadarmaNotification n) {
		return String.join("|", n.event(), n.raw("internal"), n.raw("destination"), n.raw("transfer_from"),
				n.raw("disposition"), n.raw("last_internal"), n.raw("call_id_with_rec"));
	}

	private static Instant callStart(@Nullable String value, ZoneId zone, Instant fallback) {
		Instant start = ZadarmaNotificationCheck.callStart(value, zone);
		return (start != null) ? start : fallback;
	}

	private static Instant latest(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static @Nullable Integer seconds(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
