package io.callbridge.coordination;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Coordination helpers built outside Spring, e.g. one per simulated node, or on a
 * {@link SimulatedDatabaseClock}.
 */
public final class CoordinationFixture {

	private CoordinationFixture() {
	}

	public static Leases leases(JdbcClient jdbc, DatabaseClock clock) {
		return new Leases(jdbc, clock);
	}

	public static DatabaseRateLimits rateLimits(JdbcClient jdbc, DatabaseClock clock,
			PlatformTransactionManager transactions) {
		return new DatabaseRateLimits(jdbc, clock, transactions);
	}

}
