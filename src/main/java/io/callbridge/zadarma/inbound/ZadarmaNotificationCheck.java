package io.callbridge.zadarma.inbound;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.regex.Pattern;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * What a correctly signed notification must still satisfy before it is stored. Zadarma's
 * signature covers only two or three fields and no time of sending (a captured
 * NOTIFY_START signature validates a NOTIFY_END of the same call with any duration or
 * disposition, at any time), so the rest of the notification is checked for sense: a
 * {@code call_start} close enough to now for that kind of event, and no absurd values.
 * <p>
 * Windows, on the account's time zone (Zadarma sends local times without a zone): no
 * event may start more than {@link #CLOCK_SKEW} in the future; NOTIFY_START and
 * NOTIFY_OUT_START are sent as the call arrives and may be at most {@link #START_AGE}
 * old; the other events follow the call (rung again after a transfer, answered after a
 * queue, ended after a long conversation) and may be at most {@link #CALL_AGE} old — a
 * call longer than that is taken as absurd.
 */
final class ZadarmaNotificationCheck {

	/** How far Zadarma's clock and ours may disagree. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

	/** The oldest a call's first notification may be. */
	static final Duration START_AGE = Duration.ofHours(1);

	/** The oldest any later notification of a call may be: the longest call accepted. */
	static final Duration CALL_AGE = Duration.ofHours(24);

	static final DateTimeFormatter CALL_START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	// Compiled once: String.matches compiles its pattern at every call, on every end.
	private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");

	private static final Pattern FLAG = Pattern.compile("[01]");

	private static final Set<String> STARTS = Set.of("NOTIFY_START", "NOTIFY_OUT_START");

	private static final Set<String> ENDS = Set.of("NOTIFY_END", "NOTIFY_OUT_END");

	private ZadarmaNotificationCheck() {
	}

	/**
	 * Why the notification must not be stored, or {@code null} when it may.
	 * @param n the notification, its signature already verified
	 * @param zone the zone of its {@code call_start}
	 * @param now the time it was received
	 */
	static @Nullable Text refusal(ZadarmaNotification n, ZoneId zone, Instant now) {
		if (n.get("pbx_call_id") == null && !"NOTIFY_IVR".equals(n.event())) {
			return Text.of("zadarma.noCallId", n.event());
		}
		if ("NOTIFY_RECORD".equals(n.event())) {
			return null;
		}
		Instant start = callStart(n.get("call_start"), zone);
		if (start == null) {
			return Text.of("zadarma.badCallStart", n.event(), n.raw("call_start"));
		}
		Text window = windowRefusal(n.event(), n.raw("call_start"), start, zone, now);
		if (window != null) {
			return window;
		}
		return ENDS.contains(n.event()) ? endRefusal(n, start, now) : null;
	}

	/** The instant of a {@code call_start}, or {@code null} when it is not one. */
	static @Nullable Instant callStart(@Nullable String value, ZoneId zone) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip(), CALL_START).atZone(zone).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static @Nullable Text windowRefusal(String event, String callStart, Instant start, ZoneId zone,
			Instant now) {
		if (start.isAfter(now.plus(CLOCK_SKEW))) {
			return Text.of("zadarma.callStartAhead", event, callStart, zone.getId(),
					Duration.between(now, start).toMinutes());
		}
		Duration oldest = STARTS.contains(event) ? START_AGE : CALL_AGE;
		if (start.isBefore(now.minus(oldest))) {
			return Text.of("zadarma.callStartOld", event, callStart, zone.getId(),
					Duration.between(start, now).toMinutes(), oldest.toHours());
		}
		return null;
	}

	// A talk time is a whole number of seconds that fits between the call's start and
	// now; "is_recorded" is 0 or 1.
	private static @Nullable Text endRefusal(ZadarmaNotification n, Instant start, Instant now) {
		String duration = n.get("duration");
		if (duration != null) {
			String value = duration.strip();
			if (!SECONDS.matcher(value).matches()) {
				return Text.of("zadarma.badDuration", n.event(), duration);
			}
			long elapsed = Duration.between(start, now).plus(CLOCK_SKEW).toSeconds();
			if (Long.parseLong(value) > elapsed) {
				return Text.of("zadarma.durationTooLong", n.event(), value, n.raw("call_start"),
						Math.max(0, Duration.between(start, now).toSeconds()));
			}
		}
		String recorded = n.get("is_recorded");
		if (recorded != null && !FLAG.matcher(recorded.strip()).matches()) {
			return Text.of("zadarma.badIsRecorded", n.event(), recorded);
		}
		return null;
	}

}
