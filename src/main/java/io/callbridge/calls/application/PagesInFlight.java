package io.callbridge.calls.application;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Works through pages a few at a time on an executor and gives their results in page
 * order: while one page waits for the database, the next is prepared and written on
 * another connection, so a sync uses both the application's and the database's CPU.
 * <p>
 * A failed page stops the submission of further pages; the pages already in flight are
 * waited for (each is its own transaction, so they commit or roll back whole), and then
 * the earliest failure, in page order, is thrown. The caller's thread only waits: it
 * holds no connection and no transaction of its own.
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
				running.addLast(this.executor.submit(() -> work.apply(page)));
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
					if (failure == null) {
						failure = new IllegalStateException("Interrupted while pages were being written");
					}
				}
				catch (ExecutionException ex) {
					if (failure == null) {
						failure = ex.getCause();
					}
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
