package io.callbridge.calls.application;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.callbridge.calls.application.InboxRows.NewEntry;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores webhook events in the inbox with group commit: one thread writes whatever
 * requests are waiting as one batched insert and one commit, so a hundred concurrent
 * webhooks cost one flush of the database's log instead of a hundred. A request is
 * answered only after its event's commit.
 */
@Component
class InboxWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxWriter.class);

	private final InboxRows rows;

	private final InboxNotices notices;

	private final InboxLayout layout;

	private final TransactionTemplate transactions;

	private final int batchSize;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final DistributionSummary batchSizes;

	private final Timer stores;

	private final Timer writes;

	private volatile boolean running;

	private Thread thread;

	InboxWriter(InboxRows rows, InboxNotices notices, InboxLayout layout, TransactionTemplate transactions,
			IngestionProperties properties, MeterRegistry meters) {
		this.rows = rows;
		this.notices = notices;
		this.layout = layout;
		this.transactions = transactions;
		this.batchSize = properties.batchSize();
		this.batchSizes = DistributionSummary.builder("callbridge.ingestion.inbox.write.batch")
			.description("Events stored by one commit of the ingestion inbox")
			.register(meters);
		this.stores = Timer.builder("callbridge.ingestion.inbox.store")
			.description("How long a webhook's event took to be stored, from its hand-over to the inbox's writer to "
					+ "the commit that stored it (what a webhook's answer waits for beyond its own request)")
			.register(meters);
		this.writes = Timer.builder("callbridge.ingestion.inbox.write")
			.description("How long one commit of the ingestion inbox's writer took, from its first statement to "
					+ "the end of its commit")
			.register(meters);
	}

	/**
	 * An event stored: its inbox id, and the application it can be waited for.
	 *
	 * @param id the inbox row
	 * @param lane the lane it was stored in
	 * @param applied completed once a lane of this node applied it
	 */
	record Stored(long id, int lane, CompletableFuture<Ingestion> applied) {
	}

	/**
	 * An event handed over, waiting for its commit.
	 *
	 * @param entry the event
	 * @param stored completed once stored
	 * @param handedOver when it was handed over ({@link System#nanoTime()})
	 */
	private record Pending(NewEntry entry, CompletableFuture<Stored> stored, long handedOver) {
	}

	/** Queues the event for the next commit; completed once it is committed. */
	CompletableFuture<Stored> append(NewEntry entry) {
		CompletableFuture<Stored> stored = new CompletableFuture<>();
		if (!this.running) {
			stored.completeExceptionally(new IllegalStateException("Callbridge is stopping; the event was not stored"));
			return stored;
		}
		this.queue.add(new Pending(entry, stored, System.nanoTime()));
		return stored;
	}

	/**
	 * Nobody waits for the event's application any more (the webhook was answered without
	 * it).
	 */
	void stopWaiting(long id) {
		this.notices.forget(id);
	}

	/**
	 * Whether the lane keeps up, so that a webhook may wait for the apply of its event.
	 */
	boolean keepingUp(int lane) {
		return this.notices.keepingUp(lane);
	}

	/**
	 * Whether the event's lane on this node has gone past it without taking it
	 * ({@link InboxNotices#passedBy}): before, it is still this node's to apply, and
	 * {@link #appliedElsewhere} would find it in the inbox.
	 */
	boolean passedBy(Stored stored) {
		return this.notices.passedBy(stored.id());
	}

	/**
	 * Whether another node applied the event: it is gone from the inbox, no lane of this
	 * node took it (when one did, its outcome is told right after that commit) and no
	 * outcome was told here.
	 */
	boolean appliedElsewhere(Stored stored) {
		// The inbox first. A lane of this node marks the event claimed before its commit
		// removes it, and tells the outcome before unmarking it, so once the row is seen
		// gone one of the two is seen. Asked the other way round, a lane of this node
		// that
		// took and applied the event between the two questions looked like another
		// node's, and a duplicate was answered as applied.
		return !this.rows.exists(stored.id()) && !this.notices.claimedHere(stored.id()) && !stored.applied().isDone();
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("inbox-writer").daemon().start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread writer = this.thread;
		if (writer != null) {
			try {
				writer.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		// Requests that came in after the last batch: refused, so their sender retries.
		List<Pending> left = new ArrayList<>();
		this.queue.drainTo(left);
		left.forEach((p) -> p.stored().completeExceptionally(new IllegalStateException("Callbridge stopped")));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// Stopped after the web server (whose requests it serves), started before it.
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(this.batchSize);
		while (this.running || !this.queue.isEmpty()) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.batchSize - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("The ingestion inbox's writer failed", ex);
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Pending> batch) {
		try {
			commit(batch);
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				batch.get(0).stored().completeExceptionally(ex);
				return;
			}
			// One event the database refuses must not fail the others stored with it.
			log.warn("Storing {} events at once failed ({}); storing them one by one", batch.size(), ex.toString());
			for (Pending pending : batch) {
				write(List.of(pending));
			}
		}
	}

	private void commit(List<Pending> batch) {
		List<CompletableFuture<Ingestion>> waits = new ArrayList<>(batch.size());
		List<Long> ids = new ArrayList<>(batch.size());
		int[] lanes = new int[batch.size()];
		long started = System.nanoTime();
		try {
			this.transactions.executeWithoutResult((status) -> {
				// The count of lanes stays as read until the commit (InboxLayout).
				int count = this.layout.lanesForWrite();
				for (int i = 0; i < lanes.length; i++) {
					NewEntry entry = batch.get(i).entry();
					lanes[i] = InboxLayout.laneOf(entry.accountId(), entry.providerCallId(), count);
				}
				ids.addAll(this.rows.insert(batch.stream().map(Pending::entry).toList(), lanes));
				// Expected before the commit makes the rows visible to a lane.
				for (int i = 0; i < ids.size(); i++) {
					waits.add(this.notices.expect(ids.get(i), lanes[i]));
				}
			});
		}
		catch (RuntimeException ex) {
			ids.forEach(this.notices::forget);
			throw ex;
		}
		long committed = System.nanoTime();
		this.batchSizes.record(batch.size());
		this.writes.record(committed - started, TimeUnit.NANOSECONDS);
		for (int i = 0; i < batch.size(); i++) {
			this.stores.record(committed - batch.get(i).handedOver(), TimeUnit.NANOSECONDS);
			this.notices.stored(lanes[i], ids.get(i));
		}
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).stored().complete(new Stored(ids.get(i), lanes[i], waits.get(i)));
		}
		Arrays.stream(lanes).distinct().forEach(this.notices::wake);
	}

}
