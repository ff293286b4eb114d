package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Request turns kept in the database on the database's clock, so a provider's spacing
 * holds across every node of a cluster whatever their own clocks say. A turn is the lease
 * {@code turn:<scope>} ({@link Leases}): of two nodes taking a free scope at once exactly
 * one gets it, and a release keeps it held for the spacing, on database time. Refused
 * requests are queued in {@code provider_request_waiters} (since and expiry on database
 * time), and a free scope goes only to the waiter first in the order {@link RequestSlots}
 * describes; {@code provider_request_slots} counts the urgent turns given in a row,
 * written only by the node holding the turn.
 */
@Repository
public class ProviderRequestSlots implements RequestSlots {

	private final JdbcClient jdbc;

	private final Leases leases;

	private final DatabaseClock clock;

	ProviderRequestSlots(JdbcClient jdbc, Leases leases, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.leases = leases;
		this.clock = clock;
	}

	@Override
	public Turn take(String scope, Waiter waiter, Duration hold) {
		Instant now = this.clock.now();
		Optional<Lease> lease = this.leases.acquire(name(scope), hold);
		if (lease.isEmpty()) {
			enqueue(scope, waiter, now);
			return new Turn.Refused(untilFree(scope));
		}
		int urgentRun = urgentRun(scope);
		if (someoneAhead(scope, waiter, now, urgentRun)) {
			// Holding the lease makes the decision safe; giving it straight back leaves
			// the
			// scope free for the one ahead.
			this.leases.release(lease.get(), Duration.ZERO);
			enqueue(scope, waiter, now);
			return new Turn.Refused(Duration.ZERO);
		}
		recordUrgentRun(scope, waiter.urgent() ? urgentRun + 1 : 0);
		// Waiters whose node died are cleared here, or they would stay in the table.
		this.jdbc.sql("DELETE FROM provider_request_waiters WHERE scope = ? AND (waiter = ? OR expires_at <= ?)")
			.params(scope, waiter.id(), Jdbc.ts(now))
			.update();
		return new Turn.Granted(scope, lease.get().token(), lease.get().acquiredAt());
	}

	@Override
	public void release(Turn.Granted turn, Duration keepFor) {
		this.leases.release(new Lease(name(turn.scope()), turn.token(), turn.at(), turn.at()), keepFor);
	}

	@Override
	public void leave(String scope, String waiter) {
		this.jdbc.sql("DELETE FROM provider_request_waiters WHERE scope = ? AND waiter = ?")
			.params(scope, waiter)
			.update();
	}

	private Duration untilFree(String scope) {
		Instant now = this.clock.now();
		return this.leases.heldUntil(name(scope))
			.filter((until) -> until.isAfter(now))
			.map((until) -> Duration.between(now, until))
			.orElse(Duration.ZERO);
	}

	// The scope's waiters are few (one per request in flight per node), so the order is
	// decided here rather than in SQL.
	private boolean someoneAhead(String scope, Waiter waiter, Instant now, int urgentRun) {
		List<Queued> queue = this.jdbc.sql("""
				SELECT waiter, since, expires_at, urgent FROM provider_request_waiters
				WHERE scope = ? AND expires_at > ?""")
			.params(scope, Jdbc.ts(now))
			.query((rs, n) -> new Queued(rs.getString("waiter"), Jdbc.instant(rs, "since"),
					Jdbc.instant(rs, "expires_at"), rs.getBoolean("urgent")))
			.list();
		Optional<Queued> queued = queue.stream().filter((entry) -> entry.id().equals(waiter.id())).findFirst();
		Queued self = queued.orElseGet(() -> queued(waiter, now));
		// A first attempt that won the lease is not put behind those queued since it
		// began: they lost the same race, and giving the turn back to them could leave
		// it to nobody.
		return queue.stream()
			.filter((other) -> !other.id().equals(waiter.id()))
			.filter((other) -> queued.isPresent() || other.since().isBefore(now))
			.anyMatch((other) -> other.goesBefore(self, urgentRun));
	}

	private void enqueue(String scope, Waiter waiter, Instant now) {
		// Only the waiter itself inserts its row, so "not exists" cannot race.
		boolean queued = this.jdbc.sql("SELECT COUNT(*) FROM provider_request_waiters WHERE scope = ? AND waiter = ?")
			.params(scope, waiter.id())
			.query(Long.class)
			.single() > 0;
		if (!queued) {
			Queued entry = queued(waiter, now);
			this.jdbc.sql("""
					INSERT INTO provider_request_waiters (scope, waiter, since, expires_at, urgent)
					VALUES (?, ?, ?, ?, ?)""")
				.params(scope, waiter.id(), Jdbc.ts(entry.since()), Jdbc.ts(entry.expiresAt()), waiter.urgent())
				.update();
		}
	}

	private int urgentRun(String scope) {
		return this.jdbc.sql("SELECT urgent_run FROM provider_request_slots WHERE scope = ?")
			.param(scope)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	// Only the holder of the scope's turn writes its row, so update-then-insert cannot
	// race.
	private void recordUrgentRun(String scope, int urgentRun) {
		int updated = this.jdbc.sql("UPDATE provider_request_slots SET urgent_run = ? WHERE scope = ?")
			.params(urgentRun, scope)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO provider_request_slots (scope, urgent_run) VALUES (?, ?)")
				.params(scope, urgentRun)
				.update();
		}
	}

	private static Queued queued(Waiter waiter, Instant now) {
		return new Queued(waiter.id(), now, now.plus(waiter.patience()), waiter.urgent());
	}

	private static String name(String scope) {
		return "turn:" + scope;
	}

}
