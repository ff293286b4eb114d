package io.callbridge.calls.application;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.callbridge.telephony.CallEventSink.Ingestion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * When a webhook waiting for its event concludes that another node applied it, without
 * Spring: when this node's lane has gone past the event (before, it is not looked for),
 * and the inbox row's disappearance raced against this node's own lane, which takes,
 * applies and commits the event while the waiter looks.
 */
class InboxWriterLookupTests {

	private static final long ID = 7;

	private static final int LANE = 0;

	private final IngestionProperties properties = new IngestionProperties(2, 200, Duration.ofSeconds(2),
			Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(10), Duration.ofSeconds(1),
			Duration.ofSeconds(5), 8, 0);

	private final InboxNotices notices = new InboxNotices(this.properties);

	private final InboxRows rows = mock(InboxRows.class);

	private final InboxWriter writer = new InboxWriter(this.rows, this.notices, mock(InboxLayout.class),
			new TransactionTemplate(), this.properties, new SimpleMeterRegistry());

	@Test
	void anEventThisNodesLaneAppliedWhileTheWaiterLookedIsNotTakenForAnotherNodes() {
		InboxWriter.Stored stored = stored();
		// The lane takes the event, applies it (a repeat) and commits while the waiter
		// asks the inbox.
		when(this.rows.exists(ID)).thenAnswer((invocation) -> {
			this.notices.claimed(LANE, List.of(ID));
			this.notices.applied(ID, Ingestion.DUPLICATE);
			return false;
		});

		assertThat(this.writer.appliedElsewhere(stored)).isFalse();
		assertThat(stored.applied()).isCompletedWithValue(Ingestion.DUPLICATE);
	}

	@Test
	void anEventThisNodesLaneTookAndCommittedIsWaitedForUntilItsOutcomeIsTold() {
		InboxWriter.Stored stored = stored();
		this.notices.claimed(LANE, List.of(ID));
		when(this.rows.exists(ID)).thenReturn(false);

		assertThat(this.writer.appliedElsewhere(stored)).isFalse();
	}

	@Test
	void anEventStillInTheInboxIsNotApplied() {
		InboxWriter.Stored stored = stored();
		when(this.rows.exists(ID)).thenReturn(true);

		assertThat(this.writer.appliedElsewhere(stored)).isFalse();
	}

	@Test
	void anEventGoneFromTheInboxThatNoLaneOfThisNodeTookWasAppliedElsewhere() {
		InboxWriter.Stored stored = stored();
		when(this.rows.exists(ID)).thenReturn(false);

		assertThat(this.writer.appliedElsewhere(stored)).isTrue();
	}

	@Test
	void anEventBelowTheIdsItsLaneClaimedHereIsPassedBy() {
		InboxWriter.Stored stored = stored();
		this.notices.started(LANE);
		this.notices.claimed(LANE, List.of(ID + 1));

		assertThat(this.writer.passedBy(stored)).isTrue();
	}

	@Test
	void anEventThisNodesLaneHasNotComeToIsNotPassedBy() {
		// A lane transaction that started before the event was stored, still running
		// or ended: it could not have taken it.
		this.notices.started(LANE);
		InboxWriter.Stored stored = stored();
		assertThat(this.writer.passedBy(stored)).isFalse();
		this.notices.finished(LANE, 3);
		assertThat(this.writer.passedBy(stored)).isFalse();

		laneTransactionWithout();

		assertThat(this.writer.passedBy(stored)).isTrue();
	}

	@Test
	void anEventThisNodesLaneTookIsNotPassedBy() {
		InboxWriter.Stored stored = stored();
		this.notices.started(LANE);
		this.notices.claimed(LANE, List.of(ID, ID + 1));
		this.notices.finished(LANE, 2);

		assertThat(this.writer.passedBy(stored)).isFalse();
	}

	// A transaction of the lane that started after the event was stored ends without
	// it (it took other events, or found this one claimed by another node).
	private void laneTransactionWithout() {
		this.notices.started(LANE);
		this.notices.claimed(LANE, List.of());
		this.notices.finished(LANE, 0);
	}

	private InboxWriter.Stored stored() {
		CompletableFuture<Ingestion> applied = this.notices.expect(ID, LANE);
		this.notices.stored(LANE, ID);
		return new InboxWriter.Stored(ID, LANE, applied);
	}

}
