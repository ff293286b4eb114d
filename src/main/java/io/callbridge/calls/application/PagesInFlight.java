package io.callbridge.calls.application;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Works through pages a few at a time on an executor and gives their results in page
 * order: while one page waits for the database, the next is prepared and written on
 * another connection, so a sync uses both the application's and the database's CPU.
 * <p>
 * Pages are waited for in page order, and a failure stops the submission of further pages
 * once it is reached in that order (a later page failing while an earlier one still runs
 * is seen when the earlier one ends; until then up to {@code limit - 1} later pages may
 * have started). The pages already in flight are waited for — each is its own
 * transaction, so it commits or rolls back whole — and then the earliest failure in page
 * order is thrown, with any later one suppressed in it. The caller's thread only waits:
 * it holds no connection and no transaction of its own.
 */
final class PagesInFlight {

	private final ExecutorService executor;

	private final int limit;

	/**
	 * @param executor runs the pages
	 * @param limit how many pages may be in flight at once; 1 works them one after the
	 * other on the caller's thread
	 */
	PagesInFlight(ExecutorService executor, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("At least one page must be in flight, not " + limit);
		}
		this.executor = executor;
		this.limit = limit;
	}

	/**
	 * Works every page and gives the results in page order.
	 * @param pages the pages
	 * @param work what is done with one page
	 * @return the results of all pages, concatenated in page order
	 */
	<P, R> List<R> run(List<P> pages, Function<P, List<R>> work) {
		List<R> results = new ArrayList<>();
		if (this.limit == 1 || pages.size() <= 1) {
			pages.forEach((page) -> results.addAll(work.apply(page)));
			return results;
		}
		Deque<Future<List<R>>> running = new ArrayDeque<>();
		Throwable failure = null;
		boolean interrupted = false;
		int next = 0;
		while (true) {
			while (failure == null && next < pages.size() && running.size() < this.limit) {
				P page = pages.get(next++);
				try {
					running.addLast(this.executor.submit(() -> work.apply(page)));
				}
				catch (RejectedExecutionException ex) {
					// Shutting down: the pages in flight are still waited for.
					failure = ex;
				}
			}
			Future<List<R>> oldest = running.pollFirst();
			if (oldest == null) {
				break;
			}
			while (true) {
				try {
					List<R> done = oldest.get();
					if (failure == null) {
						results.addAll(done);
					}
					break;
				}
				catch (InterruptedException ex) {
					// The pages in flight are transactions under way: they are waited
					// for, not abandoned, and no page is started after this.
					interrupted = true;
					failure = first(failure, new IllegalStateException("Interrupted while pages were being written"));
				}
				catch (ExecutionException ex) {
					failure = first(failure, ex.getCause());
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (failure != null) {
			throw unchecked(failure);
		}
		return results;
	}

	private static Throwable first(@Nullable Throwable earlier, Throwable later) {
		if (earlier == null) {
			return later;
		}
		if (earlier != later) {
			earlier.addSuppressed(later);
		}
		return earlier;
	}

	private static RuntimeException unchecked(Throwable cause) {
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(cause);
	}

}
