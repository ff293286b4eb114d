package io.callbridge.calls.application;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

/**
 * Keeps "answered, therefore shown" true while webhooks are answered as soon as their
 * event is stored: a request of a tenant's user first waits, at most
 * {@code callbridge.ingestion.read-wait}, until the tenant's events stored before it are
 * applied. Events stored by any node count (they are looked up in the inbox), so a read
 * on one node sees what another node acknowledged; the wait ends as soon as a lane of
 * this node has applied them, and otherwise looks again every few milliseconds.
 */
@Service
public class AppliedReads {

	/** The longest pause between two looks (the events may be another node's). */
	private static final long LOOK_AGAIN_MAX = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long LOOK_AGAIN_FIRST = TimeUnit.MILLISECONDS.toNanos(2);

	private final InboxRows rows;

	private final InboxNotices notices;

	private final IngestionProperties properties;

	private final Timer caughtUp;

	private final Timer timedOut;

	AppliedReads(InboxRows rows, InboxNotices notices, IngestionProperties properties, MeterRegistry meters) {
		this.rows = rows;
		this.notices = notices;
		this.properties = properties;
		this.caughtUp = waits(meters, "applied");
		this.timedOut = waits(meters, "timed-out");
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
	 * {@code read-wait} is up.
	 * @param tenantId the tenant whose data is about to be read
	 * @return whether they are applied ({@code false}: the time was up, or the thread was
	 * interrupted)
	 */
	public boolean awaitApplied(long tenantId) {
		if (this.properties.readWait().isZero()) {
			return true;
		}
		CompletableFuture<Void> finish = this.notices.nextFinish();
		// Every event answered before this call is committed, so its id is at most this.
		long upTo = this.rows.newestUnapplied(tenantId);
		if (upTo == 0) {
			return true;
		}
		long started = System.nanoTime();
		boolean applied = await(tenantId, upTo, finish, started);
		(applied ? this.caughtUp : this.timedOut).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return applied;
	}

	private boolean await(long tenantId, long upTo, CompletableFuture<Void> firstFinish, long started) {
		long deadline = started + this.properties.readWait().toNanos();
		long gap = LOOK_AGAIN_FIRST;
		CompletableFuture<Void> finish = firstFinish;
		while (true) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || !pause(finish, Math.min(gap, left))) {
				return false;
			}
			finish = this.notices.nextFinish();
			if (!this.rows.unappliedUpTo(tenantId, upTo)) {
				return true;
			}
			gap = Math.min(gap * 2, LOOK_AGAIN_MAX);
		}
	}

	/**
	 * Waits until a lane of this node ends a transaction, or the time is up.
	 * @return {@code false} when interrupted
	 */
	private static boolean pause(CompletableFuture<Void> finish, long nanos) {
		try {
			finish.get(nanos, TimeUnit.NANOSECONDS);
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
