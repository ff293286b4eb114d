package io.callbridge.calls.application;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Keeps "answered, therefore shown" true while webhooks are answered as soon as their
 * event is stored: a request of a tenant's user first waits, at most
 * {@code callbridge.ingestion.read-wait}, until the tenant's events stored before it are
 * applied. Events stored by any node count (they are looked up in the inbox), so a read
 * on one node sees what another node acknowledged. The wait looks again when a lane of
 * this node ends a transaction, at most every few milliseconds, and at the latest after
 * 20 ms (the events may be another node's).
 */
@Service
public class AppliedReads {

	private static final Logger log = LoggerFactory.getLogger(AppliedReads.class);

	/** The pause before the first look again, doubled after each look. */
	private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(2);

	/** The longest pause between two looks. */
	private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(20);

	private final InboxRows rows;

	private final InboxNotices notices;

	private final IngestionProperties properties;

	/** Per tenant, when (System.nanoTime) its last wait on this node ran out. */
	private final Map<Long, Long> timedOutAt = new ConcurrentHashMap<>();

	private final Timer caughtUp;

	private final Timer timedOut;

	private final Timer failed;

	AppliedReads(InboxRows rows, InboxNotices notices, IngestionProperties properties, MeterRegistry meters) {
		this.rows = rows;
		this.notices = notices;
		this.properties = properties;
		this.caughtUp = waits(meters, "applied");
		this.timedOut = waits(meters, "timed-out");
		this.failed = waits(meters, "failed");
	}

	private static Timer waits(MeterRegistry meters, String outcome) {
		return Timer.builder("callbridge.ingestion.read.waits")
			.description("Requests that waited for their tenant's stored events to be applied")
			.tag("outcome", outcome)
			.register(meters);
	}

	/**
	 * Waits until every event of the tenant stored before this call is applied (events
	 * whose application failed and wait for a retry do not count), or until
	 * {@code read-wait} is up. Once a wait of the tenant has run out, its requests do not
	 * wait for the next {@code read-wait}: the appliers are behind, and every request
	 * would pay the whole wait.
	 * @param tenantId the tenant whose data is about to be read
	 * @return whether they are applied ({@code false}: the time was up, the appliers are
	 * behind, the database could not be asked, or the thread was interrupted)
	 */
	public boolean awaitApplied(long tenantId) {
		if (this.properties.readWait().isZero()) {
			return true;
		}
		if (recentlyTimedOut(tenantId)) {
			return false;
		}
		long started = System.nanoTime();
		try {
			CompletableFuture<Void> finish = this.notices.nextFinish();
			// Every event answered before this call is committed, so its id is at most
			// this.
			long upTo = this.rows.newestUnapplied(tenantId);
			if (upTo == 0) {
				return true;
			}
			boolean applied = await(tenantId, upTo, finish, started);
			if (!applied) {
				this.timedOutAt.put(tenantId, System.nanoTime());
			}
			(applied ? this.caughtUp : this.timedOut).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			return applied;
		}
		catch (DataAccessException ex) {
			// The request's own work meets the same database and answers for it.
			log.debug("Could not look for tenant {}'s unapplied events", tenantId, ex);
			this.failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			return false;
		}
	}

	private boolean recentlyTimedOut(long tenantId) {
		Long at = this.timedOutAt.get(tenantId);
		if (at == null) {
			return false;
		}
		if (System.nanoTime() - at < this.properties.readWait().toNanos()) {
			return true;
		}
		this.timedOutAt.remove(tenantId, at);
		return false;
	}

	private boolean await(long tenantId, long upTo, CompletableFuture<Void> firstFinish, long started) {
		long deadline = started + this.properties.readWait().toNanos();
		long pause = FIRST_PAUSE;
		CompletableFuture<Void> finish = firstFinish;
		while (true) {
			long lookedAt = System.nanoTime();
			long left = deadline - lookedAt;
			if (left <= 0 || !pause(finish, lookedAt, Math.min(pause, left))) {
				return false;
			}
			finish = this.notices.nextFinish();
			if (!this.rows.unappliedUpTo(tenantId, upTo)) {
				return true;
			}
			pause = Math.min(pause * 2, LONGEST_PAUSE);
		}
	}

	/**
	 * Waits until a lane of this node ends a transaction or the time is up, and at least
	 * half of it: under load lanes end transactions every few milliseconds, and a look
	 * after each would compete with the lanes for the database.
	 * @return {@code false} when interrupted
	 */
	private static boolean pause(CompletableFuture<Void> finish, long from, long nanos) {
		try {
			finish.get(nanos, TimeUnit.NANOSECONDS);
			long rest = from + nanos / 2 - System.nanoTime();
			if (rest > 0) {
				TimeUnit.NANOSECONDS.sleep(rest);
			}
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
