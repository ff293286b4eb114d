package io.callbridge.statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Writes the facts due from several transactions of one tenant in one transaction. Each
 * ingestion lane's transaction that completes calls publishes their ids once
 * ({@link CallFactsDue}); under load these deliveries arrive faster than the tenant's
 * writes (which hold the tenant's lock), and each waited its turn to write a few facts in
 * a transaction of its own: the tenant's lock, its zone, the calls, their dispositions,
 * the facts and a commit for every lane transaction. Here a delivery leaves its calls in
 * the tenant's queue and waits for this node's tenant lock; whoever holds it writes every
 * call queued by then together, and the deliveries whose calls were written return
 * without a transaction of their own.
 * <p>
 * A delivery still returns only once its calls' facts are committed, and fails when they
 * could not be written, so its publication is retried as before. When a combined write
 * fails, each delivery's calls are written again on their own, so that one call whose
 * fact cannot be written fails only its own delivery.
 */
@Component
class FactsDueTogether {

	private static final Logger log = LoggerFactory.getLogger(FactsDueTogether.class);

	/** At most this many calls written in one combined transaction. */
	static final int MOST_CALLS = 1_000;

	private final ConcurrentHashMap<Long, Queue<Due>> queues = new ConcurrentHashMap<>();

	private final TenantLocks locks;

	private final Writes writes;

	@Autowired
	FactsDueTogether(TenantLocks locks, CallFactWriter writer) {
		this(locks, writer::writeMany);
	}

	FactsDueTogether(TenantLocks locks, Writes writes) {
		this.locks = locks;
		this.writes = writes;
	}

	/**
	 * Writes the calls' facts as they are now, with those of other deliveries waiting for
	 * the tenant at the same time; returns once they are committed.
	 * @param tenantId tenant
	 * @param callIds the calls
	 * @throws RuntimeException when the facts could not be written
	 */
	void write(long tenantId, List<Long> callIds) {
		Due due = new Due(callIds, new CompletableFuture<>());
		Queue<Due> queue = this.queues.computeIfAbsent(tenantId, (id) -> new ConcurrentLinkedQueue<>());
		queue.add(due);
		this.locks.holding(tenantId, () -> {
			// Written meanwhile by the holder before, or to be written now with the
			// others.
			while (!due.written().isDone()) {
				if (!writeQueued(tenantId, queue)) {
					// Never: a delivery is queued until a holder of the lock takes it and
					// completes it before letting the lock go.
					throw new IllegalStateException("The facts due of tenant " + tenantId + " were lost");
				}
			}
			return null;
		});
		try {
			due.written().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure : ex;
		}
	}

	// Holding the tenant's lock: takes what is queued (up to MOST_CALLS calls) and writes
	// it in one transaction, or each delivery on its own when that fails.
	private boolean writeQueued(long tenantId, Queue<Due> queue) {
		List<Due> taken = new ArrayList<>();
		Set<Long> calls = new LinkedHashSet<>();
		Due next;
		while ((taken.isEmpty() || calls.size() < MOST_CALLS) && (next = queue.poll()) != null) {
			taken.add(next);
			calls.addAll(next.callIds());
		}
		if (taken.isEmpty()) {
			return false;
		}
		try {
			this.writes.writeMany(tenantId, calls);
			taken.forEach((due) -> due.written().complete(null));
		}
		catch (RuntimeException ex) {
			if (taken.size() == 1) {
				taken.get(0).written().completeExceptionally(ex);
				return true;
			}
			log.warn("Writing the facts of {} calls of tenant {} together failed; writing each delivery's alone",
					calls.size(), tenantId, ex);
			taken.forEach((due) -> writeAlone(tenantId, due));
		}
		return true;
	}

	private void writeAlone(long tenantId, Due due) {
		try {
			this.writes.writeMany(tenantId, due.callIds());
			due.written().complete(null);
		}
		catch (RuntimeException ex) {
			due.written().completeExceptionally(ex);
		}
	}

	/**
	 * One delivery's calls and when their facts are written.
	 *
	 * @param callIds the calls
	 * @param written completed once their facts are committed, or with the failure
	 */
	private record Due(List<Long> callIds, CompletableFuture<Void> written) {
	}

	/** Writes the facts of calls of one tenant in one transaction. */
	@FunctionalInterface
	interface Writes {

		/**
		 * Writes the calls' facts as they are now, in one transaction.
		 * @param tenantId tenant
		 * @param callIds the calls
		 * @return how many facts were written
		 */
		int writeMany(long tenantId, Collection<Long> callIds);

	}

}
