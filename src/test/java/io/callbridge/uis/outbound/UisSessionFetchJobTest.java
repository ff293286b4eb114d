package io.callbridge.uis.outbound;

import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.Leases;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.Test;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * When the UIS session fetches' job takes its lease: only when a fetch is due, so that a
 * node with nothing to fetch writes nothing at each run.
 */
class UisSessionFetchJobTest {

	private final Leases leases = mock(Leases.class);

	private final UisSessionFetchQueue queue = mock(UisSessionFetchQueue.class);

	private final UisSessionFetchJob job = new UisSessionFetchJob(this.leases, this.queue,
			mock(TelephonyAccounts.class), mock(UisTelephonyClient.class), mock(CallEventSink.class));

	@Test
	void aRunWithNothingDueTakesNoLease() {
		when(this.queue.anyDue()).thenReturn(false);

		this.job.run();

		verifyNoInteractions(this.leases);
	}

	@Test
	void aRunWithAFetchDueTakesTheLease() {
		when(this.queue.anyDue()).thenReturn(true);
		when(this.queue.due(any(Integer.class))).thenReturn(List.of());
		when(this.leases.acquire(eq(UisSessionFetchJob.LEASE), any())).thenReturn(Optional.empty());

		this.job.run();

		verify(this.leases).acquire(eq(UisSessionFetchJob.LEASE), any());
	}

}
