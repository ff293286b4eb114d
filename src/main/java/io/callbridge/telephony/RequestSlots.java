package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;

/**
 * A book of request slots for a provider that penalises requests sent too close together:
 * each request reserves the next free slot of its scope (the later of now and the
 * previous slot plus the spacing) and leaves at that time. Reservations that would wait
 * longer than a limit are refused, so a caller fails fast instead of queueing forever.
 */
public interface RequestSlots {

	/**
	 * Reserves the scope's next free slot unless it is more than {@code maxWait} away.
	 * @param scope what the provider limits, e.g. {@code callmyway:8373443}
	 * @param now the caller's current time
	 * @param spacing the least time between two slots of the scope
	 * @param maxWait the longest the caller may wait for its slot
	 * @return the slot, granted or (when too far away) refused
	 */
	Turn reserve(String scope, Instant now, Duration spacing, Duration maxWait);

	/**
	 * A reservation's outcome.
	 *
	 * @param at when the request may leave (for a refused turn: when it could have)
	 * @param granted whether the slot is reserved for the caller
	 */
	record Turn(Instant at, boolean granted) {
	}

}
