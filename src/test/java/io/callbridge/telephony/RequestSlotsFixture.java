package io.callbridge.telephony;

import io.callbridge.coordination.CoordinationFixture;
import io.callbridge.coordination.DatabaseClock;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Request turns in the database built outside Spring, e.g. one per simulated node on a
 * {@link io.callbridge.coordination.SimulatedDatabaseClock}.
 */
public final class RequestSlotsFixture {

	private RequestSlotsFixture() {
	}

	public static ProviderRequestSlots shared(JdbcClient jdbc, DatabaseClock clock) {
		return new ProviderRequestSlots(jdbc, CoordinationFixture.leases(jdbc, clock), clock);
	}

}
