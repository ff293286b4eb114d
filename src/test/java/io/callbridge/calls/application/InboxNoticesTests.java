package io.callbridge.calls.application;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import io.callbridge.telephony.CallEventSink.Ingestion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a lane that falls behind tells the webhooks waiting for it, without Spring.
 */
class InboxNoticesTests {

	private final InboxNotices notices = new InboxNotices(
			new IngestionProperties(2, 200, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(50),
					Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), 8, 0));

	@Test
	void aLaneThatTakesAFullBatchIsBehindAndAnswersItsWaitersAsQueuedAndOnlyThose() {
		CompletableFuture<Ingestion> onLane0 = stored(1, 0);
		CompletableFuture<Ingestion> onLane1 = stored(2, 1);

		this.notices.started(0);
		this.notices.claimed(0, ids(200, 1));

		assertThat(onLane0).isCompletedWithValue(Ingestion.QUEUED);
		assertThat(onLane1).isNotDone();
		assertThat(this.notices.keepingUp(0)).isFalse();
		assertThat(this.notices.keepingUp(1)).isTrue();
		assertThat(this.notices.waiting()).isEqualTo(1);
	}

	@Test
	void aLaneKeepsUpAgainAfterATransactionOfLessThanAFullBatch() {
		this.notices.started(0);
		this.notices.claimed(0, ids(200, 1));
		this.notices.finished(0, 200);
		assertThat(this.notices.keepingUp(0)).isFalse();

		this.notices.started(0);
		this.notices.claimed(0, ids(3, 4));
		this.notices.finished(0, 3);

		assertThat(this.notices.keepingUp(0)).isTrue();
	}

	@Test
	void aLongTransactionWithAWebhookWaitingBehindItIsBehindBeforeItEnds() throws InterruptedException {
		CompletableFuture<Ingestion> inTheTransaction = stored(1, 0);
		this.notices.started(0);
		this.notices.claimed(0, ids(1, 1));
		Thread.sleep(60);
		assertThat(this.notices.keepingUp(0)).as("slow, but nothing stored behind it").isTrue();

		CompletableFuture<Ingestion> behindIt = stored(2, 0);

		assertThat(this.notices.keepingUp(0)).isFalse();
		assertThat(inTheTransaction).isCompletedWithValue(Ingestion.QUEUED);
		assertThat(behindIt).isCompletedWithValue(Ingestion.QUEUED);
		this.notices.finished(0, 1);
		assertThat(this.notices.keepingUp(0)).isFalse();
	}

	@Test
	void aLongTransactionWithNothingStoredBehindItKeepsUp() throws InterruptedException {
		CompletableFuture<Ingestion> inTheTransaction = stored(1, 0);
		this.notices.started(0);
		this.notices.claimed(0, ids(1, 1));
		Thread.sleep(60);
		this.notices.applied(1, Ingestion.APPLIED);
		this.notices.finished(0, 1);

		assertThat(inTheTransaction).isCompletedWithValue(Ingestion.APPLIED);
		assertThat(this.notices.keepingUp(0)).isTrue();
	}

	@Test
	void withoutALagLimitALaneAlwaysKeepsUp() {
		InboxNotices unlimited = new InboxNotices(
				new IngestionProperties(1, 200, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO,
						Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), 8, 0));
		unlimited.expect(2, 0);
		unlimited.stored(0, 2);
		unlimited.started(0);
		unlimited.claimed(0, ids(200, 1));
		unlimited.finished(0, 200);

		assertThat(unlimited.keepingUp(0)).isTrue();
	}

	// As the writer does: expected before the commit, noted as stored after it.
	private CompletableFuture<Ingestion> stored(long id, int lane) {
		CompletableFuture<Ingestion> applied = this.notices.expect(id, lane);
		this.notices.stored(lane, id);
		return applied;
	}

	@Test
	void anEventTakenByALaneOfThisNodeIsKnownAsClaimedHere() {
		stored(1, 0);
		stored(2, 0);

		this.notices.started(0);
		this.notices.claimed(0, List.of(1L));

		assertThat(this.notices.claimedHere(1)).isTrue();
		assertThat(this.notices.claimedHere(2)).isFalse();
	}

	// count ids of a lane's batch, the highest last.
	private static List<Long> ids(int count, long highest) {
		return LongStream.rangeClosed(highest - count + 1, highest).boxed().toList();
	}

	@Test
	void anEventStoredBelowTheIdsALaneClaimedHereIsToldOnce() {
		this.notices.claimed(0, List.of(10L));

		this.notices.stored(0, 11);
		assertThat(this.notices.takeStoredBelowClaimed(0)).isFalse();

		// Another node's writer committed ids up to 10 before this node's 5.
		this.notices.stored(0, 5);
		assertThat(this.notices.takeStoredBelowClaimed(1)).isFalse();
		assertThat(this.notices.takeStoredBelowClaimed(0)).isTrue();
		assertThat(this.notices.takeStoredBelowClaimed(0)).isFalse();
	}

}
