package io.callbridge.statistics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.statistics.CallFactWriter.Locked;
import io.callbridge.statistics.FactsDueRows.Due;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A tenant's due calls written in one transaction, and a call whose fact cannot be
 * written put off without holding up the others (the queue and the writer replaced by
 * fakes; the database path is {@code CallsEndedTogetherTests}).
 */
class FactsDueTest {

	private static final long TENANT = 3;

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private static final long BAD_CALL = 99;

	private final FactsDueRows rows = mock(FactsDueRows.class);

	private final CallFactWriter writer = mock(CallFactWriter.class);

	private final DatabaseClock clock = mock(DatabaseClock.class);

	private final List<List<Long>> written = new ArrayList<>();

	private final List<Long> deleted = new ArrayList<>();

	private final FactsDue due = new FactsDue(this.rows, this.writer, this.clock);

	@BeforeEach
	@SuppressWarnings("unchecked")
	void fakes() {
		Locked locked = new Locked(new CallFactRebuilds.Cursor(TENANT, ZoneId.of("UTC"), 0, true), ZoneId.of("UTC"));
		// Each locked transaction runs the work; one that fails is rolled back, so what
		// it
		// wrote and deleted is forgotten.
		when(this.writer.locked(eq(TENANT), any())).thenAnswer((call) -> {
			int wrote = this.written.size();
			int removed = this.deleted.size();
			try {
				return ((Function<Locked, Object>) call.getArgument(1)).apply(locked);
			}
			catch (RuntimeException ex) {
				this.written.subList(wrote, this.written.size()).clear();
				this.deleted.subList(removed, this.deleted.size()).clear();
				throw ex;
			}
		});
		when(this.writer.writeMany(eq(TENANT), any(Locked.class), anyCollection())).thenAnswer((call) -> {
			Collection<Long> calls = call.getArgument(2);
			this.written.add(List.copyOf(calls));
			if (calls.contains(BAD_CALL)) {
				throw new IllegalStateException("call " + BAD_CALL + " cannot be written");
			}
			return calls.size();
		});
		doAnswer((call) -> {
			this.deleted.addAll(call.getArgument(0));
			return null;
		}).when(this.rows).delete(anyCollection());
		when(this.clock.now()).thenReturn(NOW);
	}

	@Test
	void theTenantsDueCallsAreWrittenAndDeletedInOneTransaction() {
		when(this.rows.take(TENANT, FactsDue.MOST_CALLS)).thenReturn(List.of(due(1, 11), due(2, 12), due(3, 13)),
				List.of());

		this.due.writeAllDue(TENANT);

		assertThat(this.written).containsExactly(List.of(11L, 12L, 13L));
		assertThat(this.deleted).containsExactly(1L, 2L, 3L);
		verify(this.rows, never()).postpone(anyLong(), any());
	}

	@Test
	void aCallWhoseFactCannotBeWrittenIsPutOffAndTheOthersAreWrittenEachAlone() {
		List<Due> queued = List.of(due(1, 11), due(2, BAD_CALL), due(3, 13));
		when(this.rows.take(TENANT, FactsDue.MOST_CALLS)).thenReturn(queued);

		this.due.writeAllDue(TENANT);

		assertThat(this.written).containsExactly(List.of(11L), List.of(13L));
		assertThat(this.deleted).containsExactly(1L, 3L);
		verify(this.rows).postpone(2, NOW.plus(FactsDue.RETRY_DELAY));
	}

	@Test
	void aCallPutOffAgainWaitsTwiceAsLongAndIsGivenUpAfterTheLastAttempt() {
		// Taken twice each time: by the transaction that fails, then to write each alone.
		List<Due> second = List.of(new Due(2, BAD_CALL, 2));
		List<Due> last = List.of(new Due(2, BAD_CALL, FactsDue.MAX_ATTEMPTS - 1));
		when(this.rows.take(TENANT, FactsDue.MOST_CALLS)).thenReturn(second, second, last);

		this.due.writeAllDue(TENANT);
		verify(this.rows).postpone(2, NOW.plus(FactsDue.RETRY_DELAY.multipliedBy(4)));

		this.due.writeAllDue(TENANT);
		assertThat(this.deleted).containsExactly(2L);
	}

	private static Due due(long id, long callId) {
		return new Due(id, callId, 0);
	}

}
