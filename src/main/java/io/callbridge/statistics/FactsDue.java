package io.callbridge.statistics;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.statistics.FactsDueRows.Due;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the facts of the calls queued in {@code call_facts_due} ({@link FactsDueRows}),
 * on one thread per node: at once for the tenants whose calls this node's transactions
 * queued ({@link #wake}), and every {@link #POLL} for any tenant with calls due (queued
 * by a node that stopped before writing them, or put off after a failure). A tenant's due
 * calls are taken, written and deleted in one transaction holding the tenant's locks, up
 * to {@link #MOST_CALLS} at a time: every call queued by then, from however many
 * transactions (an ingestion lane's each), in one write. Nodes writing the same tenant
 * wait for each other on its lock and each takes what is still queued after it.
 * <p>
 * When such a write fails, each of its calls is written in a transaction of its own, so
 * that one call whose fact cannot be written holds up no other; that call is put off,
 * doubling from {@link #RETRY_DELAY} on the database's clock, and given up after
 * {@link #MAX_ATTEMPTS} (logged; the rebuild job's look at recent calls without a fact
 * tries it again later).
 */
@Component
class FactsDue implements SmartLifecycle {

	/** How often the queue is looked at for calls no wake-up announced. */
	static final Duration POLL = Duration.ofSeconds(1);

	/** At most this many calls written in one transaction. */
	static final int MOST_CALLS = 1_000;

	/** The first delay after a failed write of a call's fact. */
	static final Duration RETRY_DELAY = Duration.ofSeconds(5);

	/** Failed writes after which a call is given up. */
	static final int MAX_ATTEMPTS = 8;

	private static final int TENANTS_PER_POLL = 1_000;

	private static final Logger log = LoggerFactory.getLogger(FactsDue.class);

	private final FactsDueRows rows;

	private final CallFactWriter writer;

	private final DatabaseClock clock;

	private final Set<Long> woken = ConcurrentHashMap.newKeySet();

	private final Semaphore signal = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread thread;

	FactsDue(FactsDueRows rows, CallFactWriter writer, DatabaseClock clock) {
		this.rows = rows;
		this.writer = writer;
		this.clock = clock;
	}

	/**
	 * Has the tenant's due calls written soon: called once a transaction that queued some
	 * committed.
	 * @param tenantId tenant
	 */
	void wake(long tenantId) {
		this.woken.add(tenantId);
		this.signal.release();
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("call-facts-due").daemon().start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		this.signal.release();
		Thread started = this.thread;
		if (started == null) {
			return;
		}
		try {
			started.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// Started before the ingestion lanes, which queue calls, and stopped after them.
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 8193;
	}

	private void run() {
		long nextPoll = System.nanoTime();
		while (this.running) {
			try {
				boolean signalled = this.signal.tryAcquire(Math.max(0, nextPoll - System.nanoTime()),
						TimeUnit.NANOSECONDS);
				this.signal.drainPermits();
				Set<Long> tenants = new LinkedHashSet<>();
				for (Long tenantId : List.copyOf(this.woken)) {
					this.woken.remove(tenantId);
					tenants.add(tenantId);
				}
				if (!signalled || System.nanoTime() - nextPoll >= 0) {
					tenants.addAll(this.rows.tenants(TENANTS_PER_POLL));
					nextPoll = System.nanoTime() + POLL.toNanos();
				}
				tenants.forEach(this::writeAllDue);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Writing the call facts due failed; trying again in {}", POLL, ex);
				sleepOnFailure();
			}
		}
	}

	/**
	 * Writes the tenant's due calls, as many transactions as it takes.
	 * @param tenantId tenant
	 */
	void writeAllDue(long tenantId) {
		while (writeDue(tenantId) == MOST_CALLS && this.running) {
			// A full batch: more may be queued.
		}
	}

	// One transaction: the due calls taken, written and deleted; when that fails, each
	// call on its own.
	private int writeDue(long tenantId) {
		try {
			Integer taken = this.writer.locked(tenantId, (locked) -> {
				List<Due> due = this.rows.take(tenantId, MOST_CALLS);
				if (!due.isEmpty()) {
					this.writer.writeMany(tenantId, locked, due.stream().map(Due::callId).toList());
					this.rows.delete(due.stream().map(Due::id).toList());
				}
				return due.size();
			});
			return (taken != null) ? taken : 0;
		}
		catch (RuntimeException ex) {
			List<Due> due = this.rows.take(tenantId, MOST_CALLS);
			log.warn("Writing the facts of {} calls of tenant {} together failed; writing each alone", due.size(),
					tenantId, ex);
			due.forEach((call) -> writeAlone(tenantId, call));
			return 0;
		}
	}

	private void writeAlone(long tenantId, Due due) {
		try {
			this.writer.locked(tenantId, (locked) -> {
				this.writer.writeMany(tenantId, locked, List.of(due.callId()));
				this.rows.delete(List.of(due.id()));
				return null;
			});
		}
		catch (RuntimeException ex) {
			int attempts = due.attempts() + 1;
			if (attempts >= MAX_ATTEMPTS) {
				log.error("Gave up writing the fact of call {} of tenant {} after {} attempts", due.callId(), tenantId,
						attempts, ex);
				this.rows.delete(List.of(due.id()));
				return;
			}
			Duration delay = RETRY_DELAY.multipliedBy(1L << (attempts - 1));
			log.warn("Writing the fact of call {} of tenant {} failed (attempt {}); trying again in {}", due.callId(),
					tenantId, attempts, delay, ex);
			this.rows.postpone(due.id(), this.clock.now().plus(delay));
		}
	}

	private void sleepOnFailure() {
		try {
			Thread.sleep(POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
