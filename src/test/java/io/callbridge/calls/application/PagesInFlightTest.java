package io.callbridge.calls.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order, the bound and the failure rule of pages written a few at a time.
 */
class PagesInFlightTest {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void resultsComeInPageOrderWhenALaterPageEndsFirst() {
		CountDownLatch secondDone = new CountDownLatch(1);
		PagesInFlight pages = new PagesInFlight(this.executor, 2);

		List<String> results = pages.run(List.of(0, 1, 2), (page) -> {
			if (page == 0) {
				await(secondDone);
			}
			if (page == 1) {
				secondDone.countDown();
			}
			return List.of("a" + page, "b" + page);
		});

		assertThat(results).containsExactly("a0", "b0", "a1", "b1", "a2", "b2");
	}

	@Test
	void noPageStartsWhileTheLimitIsInFlight() throws Exception {
		List<Integer> started = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch release = new CountDownLatch(1);
		PagesInFlight pages = new PagesInFlight(this.executor, 2);
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try {
			var results = caller.submit(() -> pages.run(IntStream.range(0, 6).boxed().toList(), (page) -> {
				started.add(page);
				await(release);
				return List.of(page);
			}));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (started.size() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			// Two pages wait for the release: none of the other four may start.
			Thread.sleep(100);
			assertThat(started).containsExactlyInAnyOrder(0, 1);

			release.countDown();

			assertThat(results.get(10, TimeUnit.SECONDS)).containsExactly(0, 1, 2, 3, 4, 5);
		}
		finally {
			caller.shutdownNow();
		}
	}

	@Test
	void aFailedPageStopsTheNextOnesAndIsThrownOnceThoseInFlightHaveEnded() {
		List<Integer> started = Collections.synchronizedList(new ArrayList<>());
		List<Integer> ended = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch failed = new CountDownLatch(1);
		PagesInFlight pages = new PagesInFlight(this.executor, 2);

		assertThatThrownBy(() -> pages.run(IntStream.range(0, 10).boxed().toList(), (page) -> {
			started.add(page);
			if (page == 1) {
				failed.countDown();
				throw new IllegalStateException("page 1 refused");
			}
			if (page == 2) {
				// In flight when page 1 fails: it runs to its end before the failure
				// is thrown.
				await(failed);
				sleep(50);
			}
			ended.add(page);
			return List.of(page);
		})).isInstanceOf(IllegalStateException.class).hasMessage("page 1 refused");

		assertThat(started).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(ended).containsExactlyInAnyOrder(0, 2);
	}

	// Page 1 fails first, but page 0 comes first in page order: its failure is thrown,
	// with page 1's kept beside it.
	@Test
	void theEarliestFailureInPageOrderIsThrownWithTheLaterOneSuppressed() {
		CountDownLatch laterFailed = new CountDownLatch(1);
		PagesInFlight pages = new PagesInFlight(this.executor, 2);

		assertThatThrownBy(() -> pages.run(List.of(0, 1), (page) -> {
			if (page == 1) {
				laterFailed.countDown();
				throw new IllegalArgumentException("page 1");
			}
			await(laterFailed);
			throw new IllegalStateException("page 0");
		})).isInstanceOf(IllegalStateException.class)
			.hasMessage("page 0")
			.satisfies((thrown) -> assertThat(thrown.getSuppressed()).singleElement()
				.satisfies((suppressed) -> assertThat(suppressed).hasMessage("page 1")));
	}

	@Test
	void anExecutorShutDownRefusesThePagesAndNothingIsReturned() {
		ExecutorService stopped = Executors.newSingleThreadExecutor();
		stopped.shutdown();
		PagesInFlight pages = new PagesInFlight(stopped, 2);

		assertThatThrownBy(() -> pages.run(List.of(0, 1, 2), List::of)).isInstanceOf(RejectedExecutionException.class);
	}

	@Test
	void oneAtATimeRunsOnTheCallersThread() {
		Thread caller = Thread.currentThread();
		PagesInFlight pages = new PagesInFlight(this.executor, 1);

		List<Boolean> onCaller = pages.run(List.of(0, 1, 2), (page) -> List.of(Thread.currentThread() == caller));

		assertThat(onCaller).containsExactly(true, true, true);
	}

	@Test
	void aLimitBelowOneIsRefused() {
		assertThatThrownBy(() -> new PagesInFlight(this.executor, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
