package io.callbridge.agents;

import java.time.Instant;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Leases;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.Test;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * When the status pushes' worker takes its lease: only when a push is due at the
 * database's time, so that a node with nothing to push writes nothing at each run.
 */
class AvailabilityPushWorkerTest {

	private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");

	private final Leases leases = mock(Leases.class);

	private final DatabaseClock clock = mock(DatabaseClock.class);

	private final AvailabilityPushes pushes = mock(AvailabilityPushes.class);

	private final AvailabilityPushWorker worker = new AvailabilityPushWorker(this.leases, this.clock, this.pushes,
			mock(AvailabilityTargets.class), mock(Agents.class), mock(TelephonyAccounts.class),
			mock(AvailabilityProperties.class));

	@Test
	void aRunWithNothingDueTakesNoLease() {
		when(this.clock.now()).thenReturn(NOW);
		when(this.pushes.anyDue(NOW)).thenReturn(false);

		this.worker.run();

		verifyNoInteractions(this.leases);
	}

	@Test
	void aRunWithAPushDueTakesTheLease() {
		when(this.clock.now()).thenReturn(NOW);
		when(this.pushes.anyDue(NOW)).thenReturn(true);
		when(this.leases.acquire(eq(AvailabilityPushWorker.LEASE), any())).thenReturn(Optional.empty());

		this.worker.run();

		verify(this.leases).acquire(AvailabilityPushWorker.LEASE, AvailabilityPushWorker.LEASE_AT_MOST);
	}

}
