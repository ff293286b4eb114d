package io.callbridge.calls.application;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.callbridge.shared.BulkInserts;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The threads that write the pages of provider history syncs, shared by every sync of
 * this node: {@code callbridge.reconciliation.pages-in-flight} pages at a time; 1 writes
 * them one after the other on the sync's own thread. By default 2 on PostgreSQL, where
 * one page's Java work overlaps the other's wait for the database server, and 1 on the
 * embedded H2, which runs on the same cores as the pages (measured: no gain there). Each
 * page in flight holds one pooled connection while it runs.
 */
@Component
class HistoryPageWorkers implements DisposableBean {

	private final ExecutorService executor;

	private final PagesInFlight pages;

	HistoryPageWorkers(@Value("${callbridge.reconciliation.pages-in-flight:0}") int configured, BulkInserts database) {
		if (configured < 0 || configured > 16) {
			throw new IllegalArgumentException(
					"callbridge.reconciliation.pages-in-flight must be between 1 and 16, not " + configured);
		}
		int pagesInFlight = (configured > 0) ? configured : (database.onPostgres() ? 2 : 1);
		this.executor = Executors.newFixedThreadPool(pagesInFlight,
				Thread.ofPlatform().name("history-page-", 0).daemon().factory());
		this.pages = new PagesInFlight(this.executor, pagesInFlight);
	}

	PagesInFlight pages() {
		return this.pages;
	}

	// A page under way is one transaction: let it end rather than cut its connection.
	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
	}

}
