package io.callbridge.coordination;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database's clock replaced by a simulated one, for tests that run nodes on simulated
 * time against a real database: it stands for the one clock all nodes share, while each
 * node's own clock may be skewed from it.
 */
public final class SimulatedDatabaseClock extends DatabaseClock {

	private final Clock time;

	public SimulatedDatabaseClock(JdbcClient jdbc, DataSource dataSource, Clock time) {
		super(jdbc, dataSource);
		this.time = time;
	}

	@Override
	public Instant now() {
		return this.time.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
