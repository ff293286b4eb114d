package io.callbridge.statistics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds call facts where the events did not write them as they are: the calls of a
 * tenant that ended before statistics existed (a tenant without a cursor), and every call
 * of a tenant whose time zone changed (its cursor's zone is not the tenant's). Runs every
 * {@code callbridge.statistics.rebuild-check} on one node (the holder of the lease
 * {@code statistics:call-fact-rebuild}, on the database's clock), going through each such
 * tenant's ended calls in batches by call id, each batch in a transaction holding the
 * tenant's lock; a tenant whose cursor is done in its zone costs nothing.
 */
@Component
class CallFactRebuildJob {

	/** The name of the job's lease. */
	static final String LEASE = "statistics:call-fact-rebuild";

	private static final Logger log = LoggerFactory.getLogger(CallFactRebuildJob.class);

	private final Leases leases;

	private final Tenants tenants;

	private final Calls calls;

	private final CallFactRebuilds rebuilds;

	private final CallFactWriter writer;

	private final StatisticsProperties properties;

	private final TransactionTemplate transaction;

	CallFactRebuildJob(Leases leases, Tenants tenants, Calls calls, CallFactRebuilds rebuilds, CallFactWriter writer,
			StatisticsProperties properties, PlatformTransactionManager transactions) {
		this.leases = leases;
		this.tenants = tenants;
		this.calls = calls;
		this.rebuilds = rebuilds;
		this.writer = writer;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
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
			this.leases.release(lease, Duration.ZERO);
		}
	}

	/**
	 * Goes through the tenants whose facts need a rebuild, batch by batch, until all are
	 * done or the run's time ({@code rebuild-max-run}) is up.
	 * @return how many calls were gone through
	 */
	int rebuildDue() {
		long deadline = System.nanoTime() + this.properties.rebuildMaxRun().toNanos();
		Map<Long, Cursor> cursors = this.rebuilds.all();
		int calls = 0;
		for (Tenant tenant : this.tenants.all()) {
			Cursor cursor = cursors.get(tenant.id());
			if (cursor == null || !cursor.done() || !cursor.zone().equals(tenant.timeZone())) {
				calls += rebuild(tenant.id(), deadline);
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
			batch = Objects.requireNonNull(this.transaction.execute((status) -> batch(tenantId)));
			calls += batch.calls();
		}
		return calls;
	}

	private Batch batch(long tenantId) {
		Locked locked = this.writer.lockTenant(tenantId);
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
		this.writer.writeAll(tenantId, ended, locked.zone());
		boolean done = ended.size() < size;
		long next = ended.isEmpty() ? cursor.nextCallId() : ended.get(ended.size() - 1).id() + 1;
		this.rebuilds.advance(tenantId, next, done);
		if (done && next > 0) {
			log.info("Tenant {}: call facts rebuilt in time zone {}", tenantId, locked.zone());
		}
		return new Batch(ended.size(), !done);
	}

	/**
	 * One batch's work.
	 *
	 * @param calls calls gone through
	 * @param more whether calls remain
	 */
	private record Batch(int calls, boolean more) {
	}

}
