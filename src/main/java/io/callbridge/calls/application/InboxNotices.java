package io.callbridge.calls.application;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.callbridge.telephony.CallEventSink.Ingestion;

import org.springframework.stereotype.Component;

/**
 * What the inbox's writer and lanes tell each other on this node: a lane is woken when
 * events were stored for it, and a webhook waiting for its event hears when it was
 * applied. Only a shortcut: lanes also poll, so events stored by other nodes are applied
 * too.
 */
@Component
class InboxNotices {

	private final Semaphore[] wakeUps;

	private final Map<Long, CompletableFuture<Ingestion>> waiters = new ConcurrentHashMap<>();

	InboxNotices(IngestionProperties properties) {
		this.wakeUps = new Semaphore[properties.lanes()];
		for (int i = 0; i < this.wakeUps.length; i++) {
			this.wakeUps[i] = new Semaphore(0);
		}
	}

	/** Wakes the lane: events were stored for it. */
	void wake(int lane) {
		Semaphore wakeUp = this.wakeUps[lane];
		// One permit is enough: the lane takes everything stored when it wakes.
		if (wakeUp.availablePermits() == 0) {
			wakeUp.release();
		}
	}

	/** Waits until the lane is woken or the time is up. */
	void sleep(int lane, Duration atMost) throws InterruptedException {
		Semaphore wakeUp = this.wakeUps[lane];
		if (wakeUp.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
			wakeUp.drainPermits();
		}
	}

	/**
	 * Expects the application of a stored event (called before the event is committed, so
	 * no lane can apply it first).
	 */
	CompletableFuture<Ingestion> expect(long inboxId) {
		return this.waiters.computeIfAbsent(inboxId, (id) -> new CompletableFuture<>());
	}

	/** Tells whoever waits for the event how it was applied. */
	void applied(long inboxId, Ingestion outcome) {
		CompletableFuture<Ingestion> waiter = this.waiters.remove(inboxId);
		if (waiter != null) {
			waiter.complete(outcome);
		}
	}

	/** Tells whoever waits for the event that it will not be applied now. */
	void notApplied(long inboxId, Throwable cause) {
		CompletableFuture<Ingestion> waiter = this.waiters.remove(inboxId);
		if (waiter != null) {
			waiter.completeExceptionally(cause);
		}
	}

	/** Nobody waits for the event any more. */
	void forget(long inboxId) {
		this.waiters.remove(inboxId);
	}

	/** How many stored events are waited for. */
	int waiting() {
		return this.waiters.size();
	}

}
