package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Request turns in memory, for tests of a gate's policy without a database. Takes, queues
 * and releases turns by the same rules as {@link ProviderRequestSlots}.
 */
public final class InMemoryRequestSlots implements RequestSlots {

	private final Map<String, Instant> nextFree = new HashMap<>();

	private final Map<String, Integer> urgentRuns = new HashMap<>();

	private final Map<String, Map<String, Waiter>> waiters = new HashMap<>();

	@Override
	public synchronized Turn take(String scope, Waiter waiter, Instant now, Duration hold) {
		Map<String, Waiter> queue = this.waiters.computeIfAbsent(scope, (key) -> new HashMap<>());
		queue.values().removeIf((other) -> !other.expiresAt().isAfter(now));
		Instant free = this.nextFree.get(scope);
		int urgentRun = this.urgentRuns.getOrDefault(scope, 0);
		boolean someoneAhead = queue.values()
			.stream()
			.anyMatch((other) -> !other.id().equals(waiter.id()) && other.goesBefore(waiter, urgentRun));
		if ((free == null || !free.isAfter(now)) && !someoneAhead) {
			this.nextFree.put(scope, now.plus(hold));
			this.urgentRuns.put(scope, waiter.urgent() ? urgentRun + 1 : 0);
			queue.remove(waiter.id());
			return new Turn(now, true);
		}
		queue.putIfAbsent(waiter.id(), waiter);
		return new Turn((free != null && free.isAfter(now)) ? free : now, false);
	}

	@Override
	public synchronized void release(String scope, Instant holdEnd, Instant freeFrom) {
		this.nextFree.replace(scope, holdEnd, freeFrom);
	}

	@Override
	public synchronized void leave(String scope, String waiter) {
		this.waiters.getOrDefault(scope, new HashMap<>()).remove(waiter);
	}

}
