package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Request turns in memory, for tests of a gate's policy without a database. Takes and
 * releases turns by the same rule as {@link ProviderRequestSlots}.
 */
public final class InMemoryRequestSlots implements RequestSlots {

	private final ConcurrentMap<String, Instant> nextFree = new ConcurrentHashMap<>();

	@Override
	public Turn take(String scope, Instant now, Duration hold) {
		Turn[] turn = new Turn[1];
		this.nextFree.compute(scope, (key, free) -> {
			boolean granted = free == null || !free.isAfter(now);
			turn[0] = new Turn(granted ? now : free, granted);
			return granted ? now.plus(hold) : free;
		});
		return turn[0];
	}

	@Override
	public void release(String scope, Instant holdEnd, Instant freeFrom) {
		this.nextFree.replace(scope, holdEnd, freeFrom);
	}

}
