package io.callbridge.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Request turns in memory on a given clock, for tests of a gate's policy without a
 * database. Takes, queues and releases turns by the same rules as
 * {@link ProviderRequestSlots}.
 */
public final class InMemoryRequestSlots implements RequestSlots {

	private final Clock clock;

	private final Map<String, Held> held = new HashMap<>();

	private final Map<String, Integer> urgentRuns = new HashMap<>();

	private final Map<String, Map<String, Queued>> waiters = new HashMap<>();

	public InMemoryRequestSlots(Clock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Turn take(String scope, Waiter waiter, Duration hold) {
		Instant now = this.clock.instant();
		Map<String, Queued> queue = this.waiters.computeIfAbsent(scope, (key) -> new HashMap<>());
		queue.values().removeIf((other) -> !other.expiresAt().isAfter(now));
		Queued self = queue.getOrDefault(waiter.id(),
				new Queued(waiter.id(), now, now.plus(waiter.patience()), waiter.urgent()));
		Held current = this.held.get(scope);
		int urgentRun = this.urgentRuns.getOrDefault(scope, 0);
		boolean someoneAhead = queue.values()
			.stream()
			.anyMatch((other) -> !other.id().equals(waiter.id()) && other.goesBefore(self, urgentRun));
		boolean free = current == null || !current.until().isAfter(now);
		if (free && !someoneAhead) {
			String token = UUID.randomUUID().toString();
			this.held.put(scope, new Held(token, now.plus(hold)));
			this.urgentRuns.put(scope, waiter.urgent() ? urgentRun + 1 : 0);
			queue.remove(waiter.id());
			return new Turn.Granted(scope, token, now);
		}
		queue.putIfAbsent(waiter.id(), self);
		return new Turn.Refused(free ? Duration.ZERO : Duration.between(now, current.until()));
	}

	@Override
	public synchronized void release(Turn.Granted turn, Duration keepFor) {
		Held current = this.held.get(turn.scope());
		if (current != null && current.token().equals(turn.token())) {
			this.held.put(turn.scope(), new Held(turn.token(), this.clock.instant().plus(keepFor)));
		}
	}

	@Override
	public synchronized void leave(String scope, String waiter) {
		this.waiters.getOrDefault(scope, new HashMap<>()).remove(waiter);
	}

	/** Who holds a scope, until when. */
	private record Held(String token, Instant until) {
	}

}
