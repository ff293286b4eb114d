package io.callbridge.statistics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The facts due from several transactions of a tenant, written together while the
 * tenant's writes wait for each other, each delivery still told whether its own calls
 * were written.
 */
class FactsDueTogetherTest {

	private static final long TENANT = 7;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final RecordingWrites writes = new RecordingWrites();

	private final FactsDueTogether due = new FactsDueTogether(new TenantLocks(), this.writes);

	@AfterEach
	void stop() {
		this.writes.release.countDown();
		this.threads.shutdownNow();
	}

	@Test
	void deliveriesWaitingForTheTenantAreWrittenInOneTransaction() throws Exception {
		CompletableFuture<Void> first = deliver(List.of(1L, 2L));
		assertThat(this.writes.entered.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> second = deliverWaiting(List.of(3L));
		CompletableFuture<Void> third = deliverWaiting(List.of(4L, 5L));

		this.writes.release.countDown();

		CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
		assertThat(this.writes.calls).containsExactly(List.of(1L, 2L), List.of(3L, 4L, 5L));
	}

	@Test
	void aCombinedWriteThatFailsIsWrittenDeliveryByDeliveryAndFailsOnlyTheOneThatCannotBeWritten() throws Exception {
		this.writes.refused = 99L;
		CompletableFuture<Void> first = deliver(List.of(1L));
		assertThat(this.writes.entered.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> poisoned = deliverWaiting(List.of(99L));
		CompletableFuture<Void> healthy = deliverWaiting(List.of(4L));

		this.writes.release.countDown();

		healthy.get(10, TimeUnit.SECONDS);
		first.get(10, TimeUnit.SECONDS);
		assertThatThrownBy(() -> poisoned.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
			.hasRootCauseMessage("call 99 cannot be written");
		assertThat(this.writes.calls).containsExactly(List.of(1L), List.of(99L, 4L), List.of(99L), List.of(4L));
	}

	@Test
	void aDeliveryAloneIsWrittenAsItCameAndItsFailureIsItsOwn() {
		this.writes.release.countDown();
		this.writes.refused = 99L;

		this.due.write(TENANT, List.of(1L, 2L));

		assertThatThrownBy(() -> this.due.write(TENANT, List.of(99L))).isInstanceOf(IllegalStateException.class)
			.hasMessage("call 99 cannot be written");
		assertThat(this.writes.calls).containsExactly(List.of(1L, 2L), List.of(99L));
	}

	@Test
	void aCombinedWriteTakesAtMostItsShareOfCallsAndLeavesTheRestToTheNext() throws Exception {
		CompletableFuture<Void> first = deliver(List.of(0L));
		assertThat(this.writes.entered.await(10, TimeUnit.SECONDS)).isTrue();
		List<Long> many = LongStream.rangeClosed(1, FactsDueTogether.MOST_CALLS).boxed().toList();
		CompletableFuture<Void> big = deliverWaiting(many);
		CompletableFuture<Void> after = deliverWaiting(List.of(5_000L));

		this.writes.release.countDown();

		CompletableFuture.allOf(first, big, after).get(10, TimeUnit.SECONDS);
		assertThat(this.writes.calls).containsExactly(List.of(0L), many, List.of(5_000L));
	}

	private CompletableFuture<Void> deliver(List<Long> callIds) {
		return CompletableFuture.runAsync(() -> this.due.write(TENANT, callIds), this.threads);
	}

	// Delivered once the thread waits for the tenant's lock, so that the order of the
	// deliveries is known.
	private CompletableFuture<Void> deliverWaiting(List<Long> callIds) {
		Thread[] running = new Thread[1];
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Void> delivered = CompletableFuture.runAsync(() -> {
			running[0] = Thread.currentThread();
			started.countDown();
			this.due.write(TENANT, callIds);
		}, this.threads);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> started.getCount() == 0 && running[0].getState() == Thread.State.WAITING);
		return delivered;
	}

	/** Writes that record each transaction's calls; the first waits to be released. */
	private static final class RecordingWrites implements FactsDueTogether.Writes {

		final List<List<Long>> calls = new CopyOnWriteArrayList<>();

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile long refused = -1;

		@Override
		public int writeMany(long tenantId, Collection<Long> callIds) {
			this.calls.add(List.copyOf(callIds));
			this.entered.countDown();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (callIds.contains(this.refused)) {
				throw new IllegalStateException("call " + this.refused + " cannot be written");
			}
			return callIds.size();
		}

	}

}
