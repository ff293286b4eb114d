package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Request slots in memory, for tests of a gate's policy without a database. Books slots
 * by the same rule as {@link ProviderRequestSlots}.
 */
public final class InMemoryRequestSlots implements RequestSlots {

	private final ConcurrentMap<String, Instant> nextFree = new ConcurrentHashMap<>();

	@Override
	public Turn reserve(String scope, Instant now, Duration spacing, Duration maxWait) {
		Turn[] turn = new Turn[1];
		this.nextFree.compute(scope, (key, free) -> {
			Instant slot = (free == null || free.isBefore(now)) ? now : free;
			turn[0] = new Turn(slot, Duration.between(now, slot).compareTo(maxWait) <= 0);
			return turn[0].granted() ? slot.plus(spacing) : free;
		});
		return turn[0];
	}

}
