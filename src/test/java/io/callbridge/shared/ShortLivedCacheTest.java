package io.callbridge.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests that {@link ShortLivedCache} keeps a loaded value until it is evicted (one key or
 * all), never keeps a value loaded while an eviction happened, and loads a key once for
 * the threads that ask for it together.
 */
class ShortLivedCacheTest {

	private final ShortLivedCache<Long, String> cache = new ShortLivedCache<>(Duration.ofMinutes(1));

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void aValueIsLoadedOnceUntilItsKeyIsEvicted() {
		assertThat(get(1L)).contains("v1");
		assertThat(get(1L)).contains("v1");
		this.cache.evict(1L);

		assertThat(get(1L)).contains("v2");
		assertThat(this.loads).hasValue(2);
	}

	@Test
	void evictingAllForgetsEveryKey() {
		get(1L);
		get(2L);
		this.cache.evictAll();

		get(1L);
		get(2L);
		assertThat(this.loads).hasValue(4);
	}

	@Test
	void aValueLoadedWhileEverythingWasEvictedIsNotKept() {
		assertThat(this.cache.get(1L, (key) -> {
			this.cache.evictAll();
			return Optional.of("read before the change");
		})).contains("read before the change");

		assertThat(get(1L)).contains("v1");
	}

	@Test
	void nothingIsKeptForAKeyTheLoaderFindsNothingFor() {
		assertThat(this.cache.get(1L, (key) -> Optional.empty())).isEmpty();

		assertThat(get(1L)).contains("v1");
	}

	@Test
	void threadsAskingForAnAbsentKeyTogetherWaitForOneLoad() throws Exception {
		BlockedLoad blocked = new BlockedLoad();
		CompletableFuture<Optional<String>> first = inThread(() -> this.cache.get(1L, blocked::load));
		blocked.awaitEntered();
		CompletableFuture<Optional<String>> waiting = parkedInThread(() -> this.cache.get(1L, blocked::load));
		blocked.release();

		assertThat(first.get(5, TimeUnit.SECONDS)).contains("b1");
		assertThat(waiting.get(5, TimeUnit.SECONDS)).contains("b1");
		assertThat(blocked.loads).hasValue(1);
	}

	@Test
	void anExpiredValueIsUsedByOthersWhileOneThreadReloadsIt() throws Exception {
		ShortLivedCache<Long, String> expiring = new ShortLivedCache<>(Duration.ofNanos(1));
		BlockedLoad blocked = new BlockedLoad();
		assertThat(expiring.get(1L, (key) -> Optional.of("old"))).contains("old");
		CompletableFuture<Optional<String>> reloading = inThread(() -> expiring.get(1L, blocked::load));
		blocked.awaitEntered();

		assertThat(expiring.get(1L, blocked::load)).contains("old");
		blocked.release();
		assertThat(reloading.get(5, TimeUnit.SECONDS)).contains("b1");
		assertThat(blocked.loads).hasValue(1);
	}

	@Test
	void aThreadAskingAfterAnEvictionDoesNotWaitForALoadThatBeganBeforeIt() throws Exception {
		BlockedLoad blocked = new BlockedLoad();
		CompletableFuture<Optional<String>> before = inThread(() -> this.cache.get(1L, blocked::load));
		blocked.awaitEntered();
		this.cache.evict(1L);

		assertThat(get(1L)).contains("v1");
		blocked.release();
		assertThat(before.get(5, TimeUnit.SECONDS)).contains("b1");
		assertThat(get(1L)).as("the load begun before the eviction is not kept").contains("v1");
		assertThat(this.loads).hasValue(1);
	}

	@Test
	void threadsWaitingForAFailedLoadGetItsFailure() throws Exception {
		BlockedLoad blocked = new BlockedLoad();
		CompletableFuture<Optional<String>> first = inThread(
				() -> this.cache.get(1L, blocked.thenFail(new IllegalStateException("database away"))));
		blocked.awaitEntered();
		CompletableFuture<Optional<String>> waiting = parkedInThread(() -> this.cache.get(1L, blocked::load));
		blocked.release();

		assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("database away");
		assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(IllegalStateException.class)
			.hasRootCauseMessage("database away");
		assertThat(get(1L)).as("nothing kept, loaded again").contains("v1");
	}

	private static <T> CompletableFuture<T> inThread(Supplier<T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread.ofPlatform().daemon().start(() -> {
			try {
				result.complete(work.get());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	// Returns once the thread is parked: waiting for the load in progress, or (were it
	// loading itself) for the latch.
	private static <T> CompletableFuture<T> parkedInThread(Supplier<T> work) throws InterruptedException {
		AtomicReference<Thread> thread = new AtomicReference<>();
		CompletableFuture<T> result = inThread(() -> {
			thread.set(Thread.currentThread());
			return work.get();
		});
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
			assertThat(System.nanoTime()).as("the second thread parks").isLessThan(deadline);
			Thread.sleep(1);
		}
		return result;
	}

	/** A loader that holds its first load until released. */
	private static final class BlockedLoad {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private final AtomicInteger loads = new AtomicInteger();

		Optional<String> load(long key) {
			int load = this.loads.incrementAndGet();
			this.entered.countDown();
			try {
				this.released.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Optional.of("b" + load);
		}

		Function<Long, Optional<String>> thenFail(RuntimeException failure) {
			return (key) -> {
				load(key);
				throw failure;
			};
		}

		void awaitEntered() throws InterruptedException {
			assertThat(this.entered.await(5, TimeUnit.SECONDS)).isTrue();
		}

		void release() {
			this.released.countDown();
		}

	}

	private Optional<String> get(long key) {
		return this.cache.get(key, (k) -> Optional.of("v" + this.loads.incrementAndGet()));
	}

}
