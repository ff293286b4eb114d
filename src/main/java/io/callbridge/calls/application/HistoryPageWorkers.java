package io.callbridge.calls.application;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.callbridge.shared.BulkInserts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The threads that write the pages of provider history syncs, shared by every sync of
 * this node: {@code callbridge.reconciliation.pages-in-flight} pages at a time; 1 writes
 * them one after the other on the sync's own thread. By default 2 on PostgreSQL, where
 * one page's Java work overlaps the other's wait for the database server. Always 1 on H2:
 * it runs on the same cores as the pages (measured: no gain there), and where PostgreSQL
 * makes an insert wait for another transaction's uncommitted row of the same key and then
 * refuses it as a duplicate, H2 refuses it at once with a "concurrent update" error that
 * the duplicate fallback cannot tell from any other failure. Each page in flight holds
 * one pooled connection while it runs.
 */
@Component
class HistoryPageWorkers implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(HistoryPageWorkers.class);

	private final ExecutorService executor;

	private final PagesInFlight pages;

	HistoryPageWorkers(@Value("${callbridge.reconciliation.pages-in-flight:0}") int configured, BulkInserts database) {
		if (configured < 0 || configured > 16) {
			throw new IllegalArgumentException("callbridge.reconciliation.pages-in-flight must be between 1 and 16 "
					+ "(or 0 for the database's default), not " + configured);
		}
		int pagesInFlight = database.onPostgres() ? ((configured > 0) ? configured : 2) : 1;
		if (configured > 1 && !database.onPostgres()) {
			log.warn("callbridge.reconciliation.pages-in-flight = {} ignored: on H2 history pages are written one at "
					+ "a time", configured);
		}
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
		if (!this.executor.awaitTermination(30, TimeUnit.SECONDS)) {
			log.warn("History pages still being written after 30 s of shutdown; their transactions roll back");
		}
	}

}
