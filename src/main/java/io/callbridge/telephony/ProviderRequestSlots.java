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
 * a free scope goes only to the live waiter that has waited longest.
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
		Optional<Instant> free = nextFree(scope);
		if (free.isPresent() && free.get().isAfter(at)) {
			enqueue(scope, waiter);
			return new Turn(free.get(), false);
		}
		if (!someoneAhead(scope, waiter, at) && claim(scope, free, at.plus(hold))) {
			// Waiters whose node died are cleared here, or they would stay in the table.
			this.jdbc.sql("DELETE FROM provider_request_waiters WHERE scope = ? AND (waiter = ? OR expires_at <= ?)")
				.params(scope, waiter.id(), Jdbc.ts(at))
				.update();
			return new Turn(at, true);
		}
		enqueue(scope, waiter);
		return new Turn(nextFree(scope).filter((next) -> next.isAfter(at)).orElse(at), false);
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

	private boolean claim(String scope, Optional<Instant> free, Instant holdEnd) {
		return free.isEmpty() ? insert(scope, holdEnd) : update(scope, free.get(), holdEnd);
	}

	// Ties on `since` are broken by id, so exactly one waiter is first.
	private boolean someoneAhead(String scope, Waiter waiter, Instant now) {
		Instant since = millis(waiter.since());
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM provider_request_waiters
				WHERE scope = ? AND expires_at > ? AND waiter <> ? AND (since < ? OR (since = ? AND waiter < ?))""")
			.params(scope, Jdbc.ts(now), waiter.id(), Jdbc.ts(since), Jdbc.ts(since), waiter.id())
			.query(Long.class)
			.single() > 0;
	}

	private void enqueue(String scope, Waiter waiter) {
		// Only the waiter itself inserts its row, so "not exists" cannot race.
		this.jdbc.sql("""
				INSERT INTO provider_request_waiters (scope, waiter, since, expires_at)
				SELECT ?, ?, ?, ? FROM provider_request_slots WHERE scope = ? AND NOT EXISTS
				(SELECT 1 FROM provider_request_waiters WHERE scope = ? AND waiter = ?)""")
			.params(scope, waiter.id(), Jdbc.ts(millis(waiter.since())), Jdbc.ts(millis(waiter.expiresAt())), scope,
					scope, waiter.id())
			.update();
	}

	private Optional<Instant> nextFree(String scope) {
		return this.jdbc.sql("SELECT next_free_at FROM provider_request_slots WHERE scope = ?")
			.param(scope)
			.query((rs, n) -> Jdbc.instant(rs, "next_free_at"))
			.optional();
	}

	private boolean insert(String scope, Instant nextFree) {
		try {
			return this.jdbc.sql("INSERT INTO provider_request_slots (scope, next_free_at) VALUES (?, ?)")
				.params(scope, Jdbc.ts(nextFree))
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

	private static Instant millis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

}
