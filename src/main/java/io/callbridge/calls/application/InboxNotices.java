package io.callbridge.calls.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import io.callbridge.telephony.CallEventSink.Ingestion;

import org.springframework.stereotype.Component;

/**
 * What the inbox's writer and lanes tell each other on this node: a lane is woken when
 * events were stored for it, and a webhook waiting for its event hears when it was
 * applied. Only a shortcut: lanes also poll, so events stored by other nodes are applied
 * too. A lane that falls behind says so, and the webhooks waiting for it are answered at
 * once: their events are stored, and waiting behind a backlog would only delay every
 * answer by it.
 */
@Component
class InboxNotices {

	private final Semaphore[] wakeUps;

	private final Map<Long, Waiter> waiters = new ConcurrentHashMap<>();

	/** Per lane, 1 while it is behind. */
	private final AtomicIntegerArray behind;

	/** Per lane, when its running transaction started (System.nanoTime), else 0. */
	private final AtomicLongArray busySince;

	/** Per lane, the highest inbox id a transaction of it took on this node. */
	private final AtomicLongArray claimedUpTo;

	/** Per lane, the highest inbox id this node stored. */
	private final AtomicLongArray storedUpTo;

	/**
	 * Per lane, 1 once this node stored an event below the highest id the lane claimed
	 * here (another node's writer committed higher ids first).
	 */
	private final AtomicIntegerArray storedBelowClaimed;

	/** Per lane, how many transactions it started on this node. */
	private final AtomicLongArray transactions;

	/**
	 * Per lane, the number (counted as {@link #transactions}) of its last transaction
	 * that ended.
	 */
	private final AtomicLongArray endedUpTo;

	private final IngestionProperties properties;

	/** Completed, and replaced, each time a lane of this node ends a transaction. */
	private final AtomicReference<CompletableFuture<Void>> nextFinish = new AtomicReference<>(
			new CompletableFuture<>());

	/**
	 * A webhook waiting for its event.
	 *
	 * @param lane the event's lane
	 * @param applied completed once it is applied
	 * @param claimedHere set once a lane of this node took it: its notice follows the
	 * commit that removes it from the inbox
	 * @param transactionsBefore how many transactions its lane had started when it was
	 * expected
	 */
	private record Waiter(int lane, CompletableFuture<Ingestion> applied, AtomicBoolean claimedHere,
			long transactionsBefore) {
	}

	InboxNotices(IngestionProperties properties) {
		this.properties = properties;
		this.behind = new AtomicIntegerArray(IngestionProperties.MAX_LANES);
		this.busySince = new AtomicLongArray(IngestionProperties.MAX_LANES);
		this.claimedUpTo = new AtomicLongArray(IngestionProperties.MAX_LANES);
		this.storedUpTo = new AtomicLongArray(IngestionProperties.MAX_LANES);
		this.storedBelowClaimed = new AtomicIntegerArray(IngestionProperties.MAX_LANES);
		this.transactions = new AtomicLongArray(IngestionProperties.MAX_LANES);
		this.endedUpTo = new AtomicLongArray(IngestionProperties.MAX_LANES);
		this.wakeUps = new Semaphore[IngestionProperties.MAX_LANES];
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
	CompletableFuture<Ingestion> expect(long inboxId, int lane) {
		return this.waiters
			.computeIfAbsent(inboxId,
					(id) -> new Waiter(lane, new CompletableFuture<>(), new AtomicBoolean(),
							this.transactions.get(lane)))
			.applied();
	}

	/** Tells whoever waits for the event how it was applied. */
	void applied(long inboxId, Ingestion outcome) {
		// Told before forgotten: a waiter that finds its event gone from the inbox and
		// not claimed here any more then finds its outcome
		// (InboxWriter.appliedElsewhere).
		Waiter waiter = this.waiters.get(inboxId);
		if (waiter != null) {
			waiter.applied().complete(outcome);
			this.waiters.remove(inboxId, waiter);
		}
	}

	/** Tells whoever waits for the event that it will not be applied now. */
	void notApplied(long inboxId, Throwable cause) {
		Waiter waiter = this.waiters.get(inboxId);
		if (waiter != null) {
			waiter.applied().completeExceptionally(cause);
			this.waiters.remove(inboxId, waiter);
		}
	}

	/**
	 * Whether the lane keeps up: a webhook whose event it applies may wait for the apply.
	 * It does not while it is behind, nor once a transaction of it has run longer than
	 * the lag limit while this node stored more of its events (which then becomes
	 * behind). Alone, a slow transaction — the first after a start, a slow commit — is no
	 * backlog.
	 */
	boolean keepingUp(int lane) {
		if (this.behind.get(lane) != 0) {
			return false;
		}
		long since = this.busySince.get(lane);
		if (since != 0 && this.properties.lagExceeded(System.nanoTime() - since) && queuedBehind(lane)) {
			behind(lane);
			return false;
		}
		return true;
	}

	/**
	 * Whether a lane of this node took the event and has not told its outcome yet: once
	 * it is gone from the inbox, the outcome is told here, right after the commit. Marked
	 * before that commit, and unmarked only after the outcome is told.
	 */
	boolean claimedHere(long inboxId) {
		Waiter waiter = this.waiters.get(inboxId);
		return waiter != null && waiter.claimedHere().get();
	}

	/**
	 * Whether the event's lane on this node has gone past it without taking it, so that
	 * another node's lane may have applied it: a transaction of the lane that started
	 * after the event was expected has ended, or the lane claimed higher ids. Until then
	 * this node's lane is still to claim it (a burst's waiting webhooks would otherwise
	 * look for their events in the inbox while they wait their turn: 431 lookups for a
	 * burst of 200 rings on one node).
	 */
	boolean passedBy(long inboxId) {
		Waiter waiter = this.waiters.get(inboxId);
		if (waiter == null) {
			return true;
		}
		int lane = waiter.lane();
		return !waiter.claimedHere().get()
				&& (this.endedUpTo.get(lane) > waiter.transactionsBefore() || this.claimedUpTo.get(lane) > inboxId);
	}

	/** Notes that this node committed an event of the lane. */
	void stored(int lane, long id) {
		this.storedUpTo.accumulateAndGet(lane, id, Math::max);
		if (id < this.claimedUpTo.get(lane)) {
			this.storedBelowClaimed.set(lane, 1);
		}
	}

	/**
	 * Whether this node stored an event of the lane below the ids the lane has claimed
	 * here, since the last time this was asked: a claim after those ids would not see it.
	 */
	boolean takeStoredBelowClaimed(int lane) {
		return this.storedBelowClaimed.getAndSet(lane, 0) == 1;
	}

	/** Notes that the lane starts a transaction. */
	void started(int lane) {
		this.transactions.incrementAndGet(lane);
		this.busySince.set(lane, System.nanoTime());
	}

	/**
	 * Notes what the lane's transaction took; a full batch leaves more behind it, so the
	 * lane is behind at once.
	 */
	void claimed(int lane, List<Long> ids) {
		for (long id : ids) {
			Waiter waiter = this.waiters.get(id);
			if (waiter != null) {
				waiter.claimedHere().set(true);
			}
			this.claimedUpTo.accumulateAndGet(lane, id, Math::max);
		}
		if (this.properties.fullBatch(ids.size())) {
			behind(lane);
		}
	}

	/**
	 * Notes that the lane's transaction ended: the lane is behind when it took a full
	 * batch, or took longer than the lag limit while this node stored more of its events.
	 */
	void finished(int lane, int count) {
		long took = System.nanoTime() - this.busySince.get(lane);
		this.busySince.set(lane, 0);
		this.endedUpTo.set(lane, this.transactions.get(lane));
		if (this.properties.fullBatch(count) || (this.properties.lagExceeded(took) && queuedBehind(lane))) {
			behind(lane);
		}
		else {
			this.behind.set(lane, 0);
		}
		this.nextFinish.getAndSet(new CompletableFuture<>()).complete(null);
	}

	/**
	 * Completed when a lane of this node next ends a transaction (after its commit): a
	 * read waiting for events to be applied looks again then. Taken before looking, so
	 * that an end between the look and the wait is not missed.
	 */
	CompletableFuture<Void> nextFinish() {
		return this.nextFinish.get();
	}

	// Whoever waits for one of the lane's events is told now that it is queued.
	private void behind(int lane) {
		this.behind.set(lane, 1);
		this.waiters.forEach((id, waiter) -> {
			if (waiter.lane() == lane) {
				// Only the first outcome counts: an apply told meanwhile stays.
				waiter.applied().complete(Ingestion.QUEUED);
				this.waiters.remove(id, waiter);
			}
		});
	}

	// This node stored events of the lane that the lane's running (or last) transaction
	// did not take.
	private boolean queuedBehind(int lane) {
		return this.storedUpTo.get(lane) > this.claimedUpTo.get(lane);
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
