package io.callbridge.coordination;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The time every node agrees on: the database server's clock, in whole milliseconds (what
 * every supported database stores exactly). Anything another node compares with — a
 * lease's end, a retry's due time, a request turn — is computed from this, never from the
 * node's own clock, so nodes whose clocks differ still coordinate exactly.
 */
@Component
public class DatabaseClock {

	private final JdbcClient jdbc;

	private final String query;

	DatabaseClock(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.query = query(dataSource);
	}

	/** The database's current time. */
	public Instant now() {
		OffsetDateTime now = this.jdbc.sql(this.query).query(OffsetDateTime.class).single();
		return now.toInstant().truncatedTo(ChronoUnit.MILLIS);
	}

	// PostgreSQL's CURRENT_TIMESTAMP is the start of the transaction; clock_timestamp()
	// is
	// the time now even inside a long one. H2 (the embedded, single-node default) has no
	// such function; its CURRENT_TIMESTAMP is the time of the statement outside a
	// transaction.
	private static String query(DataSource dataSource) {
		return Databases.isPostgres(dataSource) ? "SELECT clock_timestamp()" : "SELECT CURRENT_TIMESTAMP";
	}

}
