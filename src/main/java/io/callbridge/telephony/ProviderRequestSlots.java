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
 * Request slots kept in the database, so a provider's spacing holds across every node of
 * a cluster and not only within one JVM. A slot is taken with a conditional update on the
 * value just read; a node that loses the race reads again and queues behind the winner.
 */
@Repository
public class ProviderRequestSlots implements RequestSlots {

	/**
	 * Each lost race means another request got its slot, so this is only a safety net.
	 */
	private static final int MAX_RACES = 100;

	private final JdbcClient jdbc;

	ProviderRequestSlots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Turn reserve(String scope, Instant now, Duration spacing, Duration maxWait) {
		Instant at = now.truncatedTo(ChronoUnit.MILLIS);
		for (int race = 0; race < MAX_RACES; race++) {
			Optional<Instant> free = nextFree(scope);
			if (free.isEmpty()) {
				if (insert(scope, at.plus(spacing))) {
					return new Turn(at, true);
				}
				continue;
			}
			Instant slot = free.get().isAfter(at) ? free.get() : at;
			if (Duration.between(at, slot).compareTo(maxWait) > 0) {
				return new Turn(slot, false);
			}
			if (take(scope, free.get(), slot.plus(spacing))) {
				return new Turn(slot, true);
			}
		}
		throw new IllegalStateException("Could not reserve a request slot for " + scope + " after " + MAX_RACES
				+ " attempts: too many concurrent requests.");
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

	private boolean take(String scope, Instant seen, Instant nextFree) {
		return this.jdbc.sql("UPDATE provider_request_slots SET next_free_at = ? WHERE scope = ? AND next_free_at = ?")
			.params(Jdbc.ts(nextFree), scope, Jdbc.ts(seen))
			.update() == 1;
	}

}
