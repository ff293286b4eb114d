package io.callbridge.zadarma;

import java.util.Locale;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * Zadarma's {@code disposition} values mapped to how a call ended, shared by the webhook
 * (NOTIFY_END) and the statistics reconciliation so both sides agree on every call.
 */
public final class ZadarmaDispositions {

	private ZadarmaDispositions() {
	}

	/**
	 * Maps a disposition: answered, busy, cancel, no answer, failed / call failed, no
	 * money, unallocated number, no limit, no day limit, line limit. A caller giving up
	 * on an inbound call is a missed call; on an outbound call it is our side cancelling.
	 */
	public static CallResult result(@Nullable String disposition, CallDirection direction) {
		String value = (disposition != null) ? disposition.strip().toLowerCase(Locale.ROOT) : "";
		return switch (value) {
			case "answered" -> CallResult.ANSWERED;
			case "busy" -> CallResult.BUSY;
			case "no answer", "noanswer" -> CallResult.MISSED;
			case "cancel" -> (direction == CallDirection.OUTBOUND) ? CallResult.CANCELLED : CallResult.MISSED;
			case "" -> CallResult.MISSED;
			default -> CallResult.FAILED;
		};
	}

}
