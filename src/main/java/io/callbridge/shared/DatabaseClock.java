package io.callbridge.shared;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The database's clock, which every node shares: limits, locks and retention cut-offs
 * that several nodes must agree on are computed from it rather than from a node's own
 * clock.
 */
@Component
public class DatabaseClock {

	private final JdbcClient jdbc;

	DatabaseClock(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The database's current time (inside a transaction: the transaction's start). */
	public Instant now() {
		return this.jdbc.sql("SELECT CURRENT_TIMESTAMP")
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
	}

}
