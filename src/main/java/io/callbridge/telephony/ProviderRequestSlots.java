package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.callbridge.shared.Jdbc;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Request turns kept in the database, so a provider's spacing holds across every node of
 * a cluster and not only within one JVM. One row per scope
 * ({@code provider_request_slots}) holds the time it is next free; a turn is taken with a
 * conditional update on the value just read, so of two nodes taking a free scope at once
 * only one succeeds. Refused requests are queued in {@code provider_request_waiters}, and
 * a free scope goes only to the waiter first in the order {@link RequestSlots} describes
 * (urgent ones first, but never more than {@link #URGENT_RUN} in a row while a normal one
 * waits; the row counts the urgent turns in a row).
 */
@Repository
public class ProviderRequestSlots implements RequestSlots {

	private final JdbcClient jdbc;

	ProviderRequestSlots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Turn take(String scope, Waiter waiter, Instant now, Duration hold) {
		Instant at = millis(now);
		Optional<Slot> slot = slot(scope);
		if (slot.isPresent() && slot.get().nextFree().isAfter(at)) {
			enqueue(scope, waiter);
			return new Turn(slot.get().nextFree(), false);
		}
		int urgentRun = slot.map(Slot::urgentRun).orElse(0);
		int nextRun = waiter.urgent() ? urgentRun + 1 : 0;
		if (!someoneAhead(scope, waiter, at, urgentRun) && claim(scope, slot, at.plus(hold), nextRun)) {
			// Waiters whose node died are cleared here, or they would stay in the table.
			this.jdbc.sql("DELETE FROM provider_request_waiters WHERE scope = ? AND (waiter = ? OR expires_at <= ?)")
				.params(scope, waiter.id(), Jdbc.ts(at))
				.update();
			return new Turn(at, true);
		}
		enqueue(scope, waiter);
		return new Turn(slot(scope).map(Slot::nextFree).filter((next) -> next.isAfter(at)).orElse(at), false);
	}

	@Override
	public void release(String scope, Instant holdEnd, Instant freeFrom) {
		update(scope, millis(holdEnd), millis(freeFrom));
	}

	@Override
	public void leave(String scope, String waiter) {
		this.jdbc.sql("DELETE FROM provider_request_waiters WHERE scope = ? AND waiter = ?")
			.params(scope, waiter)
			.update();
	}

	private boolean claim(String scope, Optional<Slot> slot, Instant holdEnd, int urgentRun) {
		if (slot.isEmpty()) {
			return insert(scope, holdEnd, urgentRun);
		}
		return this.jdbc.sql(
				"UPDATE provider_request_slots SET next_free_at = ?, urgent_run = ? WHERE scope = ? AND next_free_at = ?")
			.params(Jdbc.ts(holdEnd), urgentRun, scope, Jdbc.ts(slot.get().nextFree()))
			.update() == 1;
	}

	// The scope's waiters are few (one per request in flight per node), so the order is
	// decided here rather than in SQL.
	private boolean someoneAhead(String scope, Waiter waiter, Instant now, int urgentRun) {
		return this.jdbc.sql("""
				SELECT waiter, since, expires_at, urgent FROM provider_request_waiters
				WHERE scope = ? AND expires_at > ? AND waiter <> ?""")
			.params(scope, Jdbc.ts(now), waiter.id())
			.query((rs, n) -> new Waiter(rs.getString("waiter"), Jdbc.instant(rs, "since"),
					Jdbc.instant(rs, "expires_at"), rs.getBoolean("urgent")))
			.list()
			.stream()
			.anyMatch((other) -> other.goesBefore(withMillis(waiter), urgentRun));
	}

	private void enqueue(String scope, Waiter waiter) {
		// Only the waiter itself inserts its row, so "not exists" cannot race.
		this.jdbc.sql("""
				INSERT INTO provider_request_waiters (scope, waiter, since, expires_at, urgent)
				SELECT ?, ?, ?, ?, ? FROM provider_request_slots WHERE scope = ? AND NOT EXISTS
				(SELECT 1 FROM provider_request_waiters WHERE scope = ? AND waiter = ?)""")
			.params(scope, waiter.id(), Jdbc.ts(millis(waiter.since())), Jdbc.ts(millis(waiter.expiresAt())),
					waiter.urgent(), scope, scope, waiter.id())
			.update();
	}

	private Optional<Slot> slot(String scope) {
		return this.jdbc.sql("SELECT next_free_at, urgent_run FROM provider_request_slots WHERE scope = ?")
			.param(scope)
			.query((rs, n) -> new Slot(Jdbc.instant(rs, "next_free_at"), rs.getInt("urgent_run")))
			.optional();
	}

	private boolean insert(String scope, Instant nextFree, int urgentRun) {
		try {
			return this.jdbc
				.sql("INSERT INTO provider_request_slots (scope, next_free_at, urgent_run) VALUES (?, ?, ?)")
				.params(scope, Jdbc.ts(nextFree), urgentRun)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private boolean update(String scope, Instant seen, Instant nextFree) {
		return this.jdbc.sql("UPDATE provider_request_slots SET next_free_at = ? WHERE scope = ? AND next_free_at = ?")
			.params(Jdbc.ts(nextFree), scope, Jdbc.ts(seen))
			.update() == 1;
	}

	private static Waiter withMillis(Waiter waiter) {
		return new Waiter(waiter.id(), millis(waiter.since()), waiter.expiresAt(), waiter.urgent());
	}

	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * A scope's row.
	 *
	 * @param nextFree when the next request may leave
	 * @param urgentRun how many of the last turns in a row went to urgent requests
	 */
	private record Slot(Instant nextFree, int urgentRun) {
	}

}
