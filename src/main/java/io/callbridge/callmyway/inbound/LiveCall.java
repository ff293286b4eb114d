package io.callbridge.callmyway.inbound;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import io.callbridge.telephony.CallDirection;
import io.callbridge.callmyway.CallMyWayCdr;
import org.jspecify.annotations.Nullable;

/**
 * A call in progress as one poll saw it, reduced to what the differences between polls
 * need; a list of these is the snapshot stored between polls.
 *
 * @param callId CallMyWay's call id
 * @param direction outbound when the agent's EP is the calling side
 * @param extension the agent's EP, if one of the account's EPs is involved
 * @param externalNumber the other party
 * @param detectedAt when CallMyWay detected the call
 * @param connectedAt when it connected, or {@code null} while it is not connected
 */
record LiveCall(String callId, CallDirection direction, @Nullable String extension, @Nullable String externalNumber,
		Instant detectedAt, @Nullable Instant connectedAt) {

	/**
	 * Reads a live CDR: the agent's EP may be in {@code ani} or {@code dnis} (or their
	 * {@code _user} fields) depending on the direction.
	 * @param eps the account's EPs (agents' extensions and caller identities)
	 * @param fallback when the CDR's detect time is missing or unreadable
	 */
	static LiveCall of(CallMyWayCdr cdr, Set<String> eps, ZoneId zone, Instant fallback) {
		String callingEp = firstEp(eps, cdr.ani(), cdr.aniUser());
		String calledEp = firstEp(eps, cdr.dnis(), cdr.dnisUser());
		boolean outbound = callingEp != null;
		String extension = outbound ? callingEp : calledEp;
		String external = outbound ? cdr.dnis() : cdr.ani();
		Instant detected = cdr.detectedAt(zone);
		return new LiveCall(cdr.callId(), outbound ? CallDirection.OUTBOUND : CallDirection.INBOUND, extension,
				blankToNull(external), (detected != null) ? detected : fallback, cdr.connectedAt(zone));
	}

	boolean connected() {
		return this.connectedAt != null;
	}

	private static @Nullable String firstEp(Set<String> eps, @Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && eps.contains(candidate.strip())) {
				return candidate.strip();
			}
		}
		return null;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
