package io.callbridge.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.statistics.CallFactRebuilds.Cursor;
import io.callbridge.statistics.CallFactWriter.Locked;
import io.callbridge.tenants.Tenant;
import io.callbridge.tenants.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds call facts where the events did not write them as they are: the calls of a
 * tenant that ended before statistics existed (a tenant without a cursor), every call of
 * a tenant whose time zone changed (its cursor's zone is not the tenant's), and the
 * recent ended calls of a done tenant that have no fact (a listener that gave up). Runs
 * every {@code callbridge.statistics.rebuild-check} on one node (the holder of the lease
 * {@code statistics:call-fact-rebuild}, on the database's clock), going through each such
 * tenant's ended calls in batches by call id, each batch in a transaction holding the
 * tenant's locks and short in size and time; a tenant whose cursor is done in its zone
 * costs one bounded look at its last two days. A tenant that fails is logged and left to
 * the next run; the others go on.
 */
@Component
class CallFactRebuildJob {

	/** The name of the job's lease. */
	static final String LEASE = "statistics:call-fact-rebuild";

	/** How far back the recent calls are checked for a missing fact. */
	static final Duration RECENT = Duration.ofDays(2);

	/**
	 * Calls younger than this are left to their listener, which normally writes them
	 * within moments.
	 */
	static final Duration SETTLE = Duration.ofMinutes(1);

	/** The most recent calls of one tenant checked per run. */
	static final int RECENT_LIMIT = 2000;

	private static final Logger log = LoggerFactory.getLogger(CallFactRebuildJob.class);

	private final Leases leases;

	private final DatabaseClock clock;

	private final Tenants tenants;

	private final Calls calls;

	private final CallFactRebuilds rebuilds;

	private final CallFacts facts;

	private final CallFactWriter writer;

	private final StatisticsProperties properties;

	CallFactRebuildJob(Leases leases, DatabaseClock clock, Tenants tenants, Calls calls, CallFactRebuilds rebuilds,
			CallFacts facts, CallFactWriter writer, StatisticsProperties properties) {
		this.leases = leases;
		this.clock = clock;
		this.tenants = tenants;
		this.calls = calls;
		this.rebuilds = rebuilds;
		this.facts = facts;
		this.writer = writer;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${callbridge.statistics.rebuild-check:1m}",
			initialDelayString = "${callbridge.statistics.rebuild-check:1m}")
	void run() {
		try {
			// Held longer than a run works: a node that stopped mid-run keeps the others
			// away only this long.
			this.leases.acquire(LEASE, this.properties.rebuildMaxRun().multipliedBy(2)).ifPresent(this::runHolding);
		}
		catch (RuntimeException ex) {
			log.warn("Rebuilding call facts failed; the next check goes on", ex);
		}
	}

	private void runHolding(Lease lease) {
		try {
			rebuildDue();
		}
		finally {
			// Held for most of the interval: every node checks on its own schedule, and
			// the cluster together runs about once per interval.
			Duration interval = this.properties.rebuildCheck();
			this.leases.releaseAt(lease, lease.acquiredAt().plus(interval).minus(interval.dividedBy(10)));
		}
	}

	/**
	 * Goes through the tenants whose facts need a rebuild, batch by batch, and checks the
	 * recent calls of the others, until all are done or the run's time
	 * ({@code rebuild-max-run}) is up.
	 * @return how many calls were gone through
	 */
	int rebuildDue() {
		long deadline = System.nanoTime() + this.properties.rebuildMaxRun().toNanos();
		Map<Long, Cursor> cursors = this.rebuilds.all();
		Instant now = this.clock.now();
		int calls = 0;
		for (Tenant tenant : this.tenants.all()) {
			try {
				Cursor cursor = cursors.get(tenant.id());
				if (cursor == null || !cursor.done() || !cursor.zone().equals(tenant.timeZone())) {
					calls += rebuild(tenant.id(), deadline);
				}
				else {
					calls += reconcile(tenant.id(), now);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Tenant {}: rebuilding its call facts failed; the next run tries again", tenant.id(), ex);
			}
			if (System.nanoTime() - deadline > 0) {
				break;
			}
		}
		return calls;
	}

	/**
	 * Goes through a tenant's calls batch by batch until done (starting again from its
	 * first call when its zone changed) or the deadline passed.
	 * @param tenantId tenant
	 * @param deadline {@link System#nanoTime()} after which no batch starts
	 * @return how many calls were gone through
	 */
	int rebuild(long tenantId, long deadline) {
		int calls = 0;
		Batch batch = new Batch(0, true);
		while (batch.more() && System.nanoTime() - deadline < 0) {
			batch = batch(tenantId);
			calls += batch.calls();
		}
		return calls;
	}

	/**
	 * Writes the facts of the tenant's ended calls of the last two days (up to a minute
	 * ago) that have none: a listener that gave up after its retries leaves no hole.
	 * Bounded to the {@value #RECENT_LIMIT} latest calls.
	 * @param tenantId tenant
	 * @param now the database's time
	 * @return how many facts were missing and written
	 */
	int reconcile(long tenantId, Instant now) {
		List<Long> recent = this.calls.endedIdsStartedBetween(tenantId, now.minus(RECENT), now.minus(SETTLE),
				RECENT_LIMIT);
		Set<Long> known = this.facts.existing(recent);
		int written = 0;
		for (long callId : recent) {
			if (!known.contains(callId) && this.writer.write(tenantId, callId)) {
				log.info("Tenant {}: call {} had no statistics fact, written now", tenantId, callId);
				written++;
			}
		}
		return written;
	}

	/**
	 * One batch of a tenant's rebuild, in a transaction holding its locks: at most
	 * {@code rebuild-batch-size} calls, and no new call after {@code rebuild-batch-time}.
	 * @param tenantId tenant
	 * @return the batch's work
	 */
	Batch batch(long tenantId) {
		return Objects.requireNonNull(this.writer.locked(tenantId, (locked) -> batch(tenantId, locked)));
	}

	private Batch batch(long tenantId, Locked locked) {
		long deadline = System.nanoTime() + this.properties.rebuildBatchTime().toNanos();
		Cursor cursor = locked.cursor();
		if (!cursor.zone().equals(locked.zone())) {
			log.info("Tenant {}: time zone now {} (was {}), recomputing its call facts", tenantId, locked.zone(),
					cursor.zone());
			this.rebuilds.restart(tenantId, locked.zone());
			cursor = new Cursor(tenantId, locked.zone(), 0, false);
		}
		if (cursor.done()) {
			return new Batch(0, false);
		}
		int size = this.properties.rebuildBatchSize();
		List<Call> ended = this.calls.endedAfter(tenantId, cursor.nextCallId() - 1, size);
		int written = this.writer.writeAll(tenantId, ended, locked.zone(), deadline);
		boolean done = written == ended.size() && ended.size() < size;
		long next = (written == 0) ? cursor.nextCallId() : ended.get(written - 1).id() + 1;
		this.rebuilds.advance(tenantId, next, done);
		if (done && next > 0) {
			log.info("Tenant {}: call facts rebuilt in time zone {}", tenantId, locked.zone());
		}
		return new Batch(written, !done);
	}

	/**
	 * One batch's work.
	 *
	 * @param calls calls gone through
	 * @param more whether calls remain
	 */
	record Batch(int calls, boolean more) {
	}

}
