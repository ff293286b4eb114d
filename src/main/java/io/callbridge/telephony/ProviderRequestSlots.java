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
 * a cluster and not only within one JVM. One row per scope holds the time it is next
 * free; a turn is taken with a conditional update on the value just read, so of two nodes
 * taking a free scope at once only one succeeds.
 */
@Repository
public class ProviderRequestSlots implements RequestSlots {

	private final JdbcClient jdbc;

	ProviderRequestSlots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Turn take(String scope, Instant now, Duration hold) {
		Instant at = now.truncatedTo(ChronoUnit.MILLIS);
		Optional<Instant> free = nextFree(scope);
		if (free.isEmpty()) {
			if (insert(scope, at.plus(hold))) {
				return new Turn(at, true);
			}
			return lostRace(scope, at.plus(hold));
		}
		if (free.get().isAfter(at)) {
			return new Turn(free.get(), false);
		}
		if (update(scope, free.get(), at.plus(hold))) {
			return new Turn(at, true);
		}
		return lostRace(scope, at.plus(hold));
	}

	@Override
	public void release(String scope, Instant holdEnd, Instant freeFrom) {
		update(scope, holdEnd.truncatedTo(ChronoUnit.MILLIS), freeFrom.truncatedTo(ChronoUnit.MILLIS));
	}

	// Another node took the scope between the read and the write.
	private Turn lostRace(String scope, Instant fallback) {
		return new Turn(nextFree(scope).orElse(fallback), false);
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

}
