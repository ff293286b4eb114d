package io.callbridge.calls.application;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.callbridge.telephony.CallEventSink.Ingestion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a lane that falls behind tells the webhooks waiting for it, without Spring.
 */
class InboxNoticesTests {

	private final InboxNotices notices = new InboxNotices(new IngestionProperties(2, 200, Duration.ofSeconds(2),
			Duration.ofMillis(50), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), 8));

	@Test
	void aLaneThatFallsBehindAnswersItsWaitersAsQueuedAndOnlyThose() {
		CompletableFuture<Ingestion> onLane0 = this.notices.expect(1, 0);
		CompletableFuture<Ingestion> onLane1 = this.notices.expect(2, 1);

		this.notices.lane(0, true);

		assertThat(onLane0).isCompletedWithValue(Ingestion.QUEUED);
		assertThat(onLane1).isNotDone();
		assertThat(this.notices.keepingUp(0)).isFalse();
		assertThat(this.notices.keepingUp(1)).isTrue();
		assertThat(this.notices.waiting()).isEqualTo(1);
	}

	@Test
	void aLaneKeepsUpAgainAfterAShortTransaction() {
		this.notices.lane(0, true);

		this.notices.lane(0, false);

		assertThat(this.notices.keepingUp(0)).isTrue();
	}

	@Test
	void aLaneInATransactionLongerThanTheLagLimitIsBehindBeforeItEnds() {
		this.notices.busy(0, System.nanoTime() - Duration.ofMillis(51).toNanos());
		this.notices.busy(1, System.nanoTime());

		assertThat(this.notices.keepingUp(0)).isFalse();
		assertThat(this.notices.keepingUp(1)).isTrue();
	}

	@Test
	void withoutALagLimitALaneAlwaysKeepsUp() {
		InboxNotices unlimited = new InboxNotices(new IngestionProperties(1, 200, Duration.ofSeconds(2), Duration.ZERO,
				Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(5), 8));
		unlimited.busy(0, System.nanoTime() - Duration.ofMinutes(1).toNanos());

		assertThat(unlimited.keepingUp(0)).isTrue();
	}

}
