package io.callbridge.calls.application;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.callbridge.calls.application.InboxRows.Claimed;
import io.callbridge.calls.application.InboxRows.LaneHeld;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the inbox's events: one thread per lane takes the lane's oldest events (up to a
 * batch), applies them call by call in the order they arrived, deletes them and commits
 * once. A call's events all go to one lane, so they are applied one after another; on
 * PostgreSQL the lanes of every node share the work, one transaction per lane at a time
 * whichever node runs it ({@link InboxRows#takeLane}). A batch that fails is applied
 * again call by call, each in a transaction of its own, so one bad event delays only its
 * call.
 */
@Component
class InboxLanes implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxLanes.class);

	private final InboxRows rows;

	private final InboxNotices notices;

	private final InboxApplier applier;

	private final InboxLayout layout;

	private final TransactionTemplate transactions;

	private final DatabaseClock clock;

	private final IngestionProperties properties;

	private final DistributionSummary batchSizes;

	private final Counter failures;

	private final Counter storedMeanwhile;

	/** The pool's size taken when it cannot be read: HikariCP's default. */
	private static final int UNKNOWN_POOL_SIZE = 10;

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * Lane transactions this node runs at once: at most half its connection pool, so that
	 * lanes waiting for their lane (another node's transaction, or a move of events
	 * between lanes, holds it) leave connections to the writer and the requests.
	 */
	private final Semaphore connectionTurns;

	/**
	 * Lane transactions this node runs at once applying, not waiting for their lane
	 * ({@code callbridge.ingestion.concurrency}, by default its processors). Lanes side
	 * by side beyond the processors only share them, each with a smaller batch: with 4
	 * lanes on 2 cores (and PostgreSQL on them) 2 at once took batches twice as large and
	 * 5-9 % less of the database's CPU per event, and answered webhooks sooner under load
	 * (docs/benchmarks.md).
	 */
	private final Semaphore processorTurns;

	private final int applyingAtOnce;

	private final AtomicInteger waitingForTheirLane = new AtomicInteger();

	/** Follows the count of lanes other nodes set ({@link #followLayout}). */
	private volatile @Nullable Thread follower;

	/** How many lanes run (their threads, lane 0 up). */
	private int lanesStarted;

	/**
	 * Per lane, the highest id this node claimed, and when the lane last looked from the
	 * start of the inbox (System.nanoTime): each lane is read by its own thread only.
	 */
	private final long[] claimedUpTo;

	/**
	 * Per lane, the generation of the lanes' layout its last claim saw: events moved
	 * between lanes since then are claimed from the start ({@link InboxLayout}).
	 */
	private final long[] generationSeen;

	private final long[] lookedFromStartAt;

	private volatile boolean running;

	/**
	 * Counts the starts: a thread of an earlier start that outlived its stop (a join
	 * timed out) ends instead of running beside the new ones.
	 */
	private volatile int starts;

	InboxLanes(InboxRows rows, InboxNotices notices, InboxApplier applier, InboxLayout layout,
			TransactionTemplate transactions, DatabaseClock clock, IngestionProperties properties, MeterRegistry meters,
			DataSource dataSource) {
		this.rows = rows;
		this.notices = notices;
		this.applier = applier;
		this.layout = layout;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
		this.batchSizes = DistributionSummary.builder("callbridge.ingestion.inbox.apply.batch")
			.description("Events applied by one transaction of an ingestion lane")
			.register(meters);
		this.failures = meters.counter("callbridge.ingestion.inbox.failures");
		this.storedMeanwhile = Counter.builder("callbridge.ingestion.inbox.stored.meanwhile")
			.description("Lane batches applied a second time because a call they took for new was stored by another "
					+ "transaction meanwhile (a start delivered again, the call history)")
			.register(meters);
		int connections = Math.max(1, poolSize(dataSource) / 2);
		this.applyingAtOnce = Math.max(1,
				Math.min(connections, properties.concurrency(Runtime.getRuntime().availableProcessors())));
		this.connectionTurns = new Semaphore(connections, true);
		this.processorTurns = new Semaphore(this.applyingAtOnce, true);
		this.claimedUpTo = new long[IngestionProperties.MAX_LANES];
		this.generationSeen = new long[IngestionProperties.MAX_LANES];
		this.lookedFromStartAt = new long[IngestionProperties.MAX_LANES];
	}

	@Override
	public void start() {
		this.layout.settle();
		int start = ++this.starts;
		this.running = true;
		startLanes(this.layout.lanes());
		this.follower = Thread.ofPlatform().name("inbox-layout").daemon().start(() -> followLayout(start));
	}

	/** Starts the lanes below the count not started yet: each node runs every lane. */
	private synchronized void startLanes(int count) {
		if (!this.running) {
			return;
		}
		if (count > this.applyingAtOnce && count > this.lanesStarted) {
			log.info("Ingestion inbox: {} lanes, of which {} apply at once on this node "
					+ "(callbridge.ingestion.concurrency, by default the node's processors; at most half its "
					+ "connection pool)", count, this.applyingAtOnce);
		}
		for (int lane = this.lanesStarted; lane < count; lane++) {
			int own = lane;
			int start = this.starts;
			this.threads.add(Thread.ofPlatform().name("inbox-lane-" + lane).daemon().start(() -> run(own, start)));
		}
		this.lanesStarted = Math.max(this.lanesStarted, count);
	}

	@Override
	public void stop() {
		List<Thread> started;
		synchronized (this) {
			this.running = false;
			started = List.copyOf(this.threads);
			this.threads.clear();
			for (int lane = 0; lane < this.lanesStarted; lane++) {
				this.notices.wake(lane);
			}
			this.lanesStarted = 0;
		}
		Thread following = this.follower;
		if (following != null) {
			following.interrupt();
			started = new ArrayList<>(started);
			started.add(following);
		}
		for (Thread thread : started) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// Started before the writer and the web server, stopped after them.
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

	private void run(int lane, int start) {
		while (this.running && start == this.starts) {
			try {
				if (lane >= this.layout.lanes()) {
					// Another node lowered the count: this lane's events were moved.
					this.notices.sleep(lane, this.properties.pollInterval());
					continue;
				}
				// Less than a full batch took everything committed when the claim ran;
				// what
				// this node's writer committed since has woken the lane (which then does
				// not sleep), so claiming again at once would mostly find nothing (one
				// empty transaction per paced event).
				if (drainInTurn(lane, start) < this.properties.batchSize()) {
					this.notices.sleep(lane, this.properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (LaneHeld held) {
				// Another node's transaction held the lane for a poll interval: this
				// node's turn goes to its other lanes meanwhile; the lane waits again.
				log.debug("Ingestion lane {} is held by another node: {}", lane,
						held.getMostSpecificCause().toString());
			}
			catch (RuntimeException ex) {
				// The database is away: wait, the events are safe in the inbox.
				log.warn("Ingestion lane {} could not apply events: {}", lane, ex.toString());
				sleepQuietly(this.properties.pollInterval());
			}
		}
	}

	/**
	 * Once per poll interval, takes the count of lanes another node set, starting the
	 * lanes it adds, and moves events found in a lane beyond it
	 * ({@link InboxLayout#refresh}).
	 */
	private void followLayout(int start) {
		while (this.running && start == this.starts) {
			try {
				Thread.sleep(this.properties.pollInterval());
				startLanes(this.layout.refresh());
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("Could not read the ingestion inbox's count of lanes: {}", ex.toString());
				}
			}
		}
	}

	private int drainInTurn(int lane, int start) throws InterruptedException {
		this.connectionTurns.acquire();
		try {
			this.processorTurns.acquire();
			Turn turn = new Turn(true);
			try {
				// Stopped, or started again, while this thread waited for its turn.
				return (this.running && start == this.starts) ? drain(lane, turn) : 0;
			}
			finally {
				if (turn.held) {
					this.processorTurns.release();
				}
			}
		}
		finally {
			this.connectionTurns.release();
		}
	}

	/**
	 * Waits for the lane held by another node's transaction without this node's processor
	 * turn: with the turns of a node all taken by lanes waiting for other nodes, its
	 * other lanes, which nobody else runs, would wait as long (their connection turn is
	 * kept: the waiting transaction holds its connection). Once the lane is this
	 * transaction's, it goes on at once, taking a turn back only if one is free: queueing
	 * for one while holding the lane would hold up the lane on every node.
	 */
	private void waitWithoutProcessorTurn(Turn turn, Runnable wait) {
		if (!turn.held) {
			wait.run();
			return;
		}
		turn.held = false;
		this.processorTurns.release();
		this.waitingForTheirLane.incrementAndGet();
		try {
			wait.run();
		}
		finally {
			this.waitingForTheirLane.decrementAndGet();
		}
		turn.held = this.processorTurns.tryAcquire();
	}

	/**
	 * Whether one drain holds a processor turn: taken before it, given up for a wait for
	 * the lane, given back after it (kept per drain, not per lane: a thread of an earlier
	 * start may still drain the same lane).
	 */
	private static final class Turn {

		private boolean held;

		Turn(boolean held) {
			this.held = held;
		}

	}

	/** Lanes of this node waiting for a turn (tests). */
	int waitingForTurn() {
		return this.processorTurns.getQueueLength() + this.connectionTurns.getQueueLength();
	}

	/** Processor turns of this node no lane has (tests). */
	int turnsFree() {
		return this.processorTurns.availablePermits();
	}

	/** Lanes of this node waiting for their lane held by another node (tests). */
	int waitingForTheirLane() {
		return this.waitingForTheirLane.get();
	}

	// The pool's size where it is known (HikariCP, the default).
	private static int poolSize(DataSource dataSource) {
		try {
			if (dataSource.isWrapperFor(HikariDataSource.class)) {
				return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
			}
		}
		catch (SQLException ex) {
			log.debug("Could not read the connection pool's size: {}", ex.toString());
		}
		log.info("Ingestion inbox: the connection pool is not HikariCP's; lanes take {} connections at a time at "
				+ "most on this node (half a pool of {})", UNKNOWN_POOL_SIZE / 2, UNKNOWN_POOL_SIZE);
		return UNKNOWN_POOL_SIZE;
	}

	/**
	 * Applies one batch of the lane's events outside the node's turns (tests).
	 * @return how many events were taken
	 */
	int drain(int lane) {
		return drain(lane, new Turn(false));
	}

	// One batch, with the node's processor turn or without.
	private int drain(int lane, Turn turn) {
		List<Claimed> taken = new ArrayList<>();
		Map<Long, Ingestion> outcomes;
		long after = claimFrom(lane);
		this.notices.started(lane);
		try {
			outcomes = this.transactions.execute((status) -> {
				taken.addAll(this.rows.claim(lane, after, this.generationSeen[lane], this.properties.batchSize(),
						this.properties.maxAttempts(), this.properties.pollInterval(),
						(wait) -> waitWithoutProcessorTurn(turn, wait)));
				this.notices.claimed(lane, taken.stream().map(Claimed::id).toList());
				return applyAndDelete(taken, true);
			});
		}
		catch (CallStoredMeanwhile ex) {
			this.storedMeanwhile.increment();
			log.debug("A batch of {} events of ingestion lane {} met a call stored meanwhile ({}); applying it again, "
					+ "looking its calls up first", taken.size(), lane, ex.getMessage());
			outcomes = applyAgain(lane, taken, turn);
		}
		catch (RuntimeException ex) {
			if (taken.isEmpty()) {
				// Nothing taken, but the transaction is over: reads waiting for the lanes
				// look again.
				this.notices.finished(lane, 0);
				throw ex;
			}
			logBatchFailure(lane, taken.size(), ex);
			outcomes = applyEachCall(lane, taken, turn);
		}
		outcomes.forEach(this.notices::applied);
		this.notices.finished(lane, taken.size());
		this.batchSizes.record(taken.size());
		taken.forEach((claimed) -> this.claimedUpTo[lane] = Math.max(this.claimedUpTo[lane], claimed.id()));
		if (!taken.isEmpty()) {
			this.generationSeen[lane] = taken.get(0).generation();
		}
		return taken.size();
	}

	// A call another transaction holds (CallEventIngestion refuses to wait for it out of
	// key order) is a race between nodes, not a fault.
	private static void logBatchFailure(int lane, int size, RuntimeException ex) {
		if (ex instanceof CannotAcquireLockException locking) {
			log.info("A batch of {} events of ingestion lane {} met a call another transaction holds ({}); "
					+ "applying its calls one by one", size, lane, locking.getMostSpecificCause().toString());
		}
		else {
			log.warn("A batch of {} events of ingestion lane {} failed ({}); applying its calls one by one", size, lane,
					ex.toString());
		}
	}

	/**
	 * Where the lane's claim starts. Applied events are deleted, and until PostgreSQL
	 * vacuums the table their dead rows sit at the start of the lane's index range, which
	 * a claim from the start reads through every time (3.5 ms per claim after 30,000
	 * events on a database never vacuumed). So a lane claims after the highest id it has
	 * claimed, and from the start once per poll interval: that finds what a claim after
	 * it cannot see — events waiting for a retry, left by a node that stopped, or
	 * committed by another node's writer after events with higher ids. It also claims
	 * from the start at once when this node's writer stored an event below the ids the
	 * lane has claimed (another node's writer committed higher ids first), so that such
	 * an event, and a read waiting for it, do not wait for the poll interval.
	 */
	private long claimFrom(int lane) {
		long now = System.nanoTime();
		if (this.claimedUpTo[lane] == 0 || this.notices.takeStoredBelowClaimed(lane)
				|| now - this.lookedFromStartAt[lane] >= this.properties.pollInterval().toNanos()) {
			this.lookedFromStartAt[lane] = now;
			return 0;
		}
		return this.claimedUpTo[lane];
	}

	private Map<Long, Ingestion> applyAndDelete(List<Claimed> claimed, boolean insertNewAtEnd) {
		Map<Long, Ingestion> outcomes = this.applier.applyAll(InboxApplier.byCall(claimed), insertNewAtEnd);
		this.rows.delete(claimed.stream().map(Claimed::id).toList());
		return outcomes;
	}

	// The batch again in one transaction, its new calls' rows inserted first (a start
	// delivered twice is normal, and must not cost a transaction per call); call by call
	// if that fails too.
	private Map<Long, Ingestion> applyAgain(int lane, List<Claimed> batch, Turn turn) {
		try {
			return applyInTransactionOfItsOwn(lane, batch, turn);
		}
		catch (LaneHeld held) {
			// Taken by another node meanwhile: the events stay in the inbox for its
			// claims.
			log.debug("Ingestion lane {} is held by another node: {}", lane, held.getMostSpecificCause().toString());
			return Map.of();
		}
		catch (RuntimeException ex) {
			logBatchFailure(lane, batch.size(), ex);
			return applyEachCall(lane, batch, turn);
		}
	}

	private Map<Long, Ingestion> applyEachCall(int lane, List<Claimed> batch, Turn turn) {
		Map<Long, Ingestion> outcomes = new LinkedHashMap<>();
		for (List<Claimed> call : InboxApplier.byCall(batch)) {
			try {
				outcomes.putAll(applyInTransactionOfItsOwn(lane, call, turn));
			}
			catch (LaneHeld held) {
				// Not a failure of these events: they stay in the inbox for the lane's
				// next claims.
				log.debug("Ingestion lane {} is held by another node: {}", lane,
						held.getMostSpecificCause().toString());
				break;
			}
			catch (RuntimeException ex) {
				this.failures.increment();
				recordFailure(call, ex);
			}
		}
		return outcomes;
	}

	// Events taken before, in a transaction of their own that takes the lane and those of
	// them still in the inbox again; their new calls' rows inserted first.
	private Map<Long, Ingestion> applyInTransactionOfItsOwn(int lane, List<Claimed> events, Turn turn) {
		List<Long> ids = events.stream().map(Claimed::id).toList();
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			this.rows.takeLane(lane, this.properties.pollInterval(), (wait) -> waitWithoutProcessorTurn(turn, wait));
			List<Claimed> still = this.rows.claimIds(lane, ids);
			return still.isEmpty() ? Map.<Long, Ingestion>of() : applyAndDelete(still, false);
		}));
	}

	private void recordFailure(List<Claimed> call, RuntimeException cause) {
		Claimed first = call.get(0);
		int attempts = first.attempts() + 1;
		if (attempts >= this.properties.maxAttempts()) {
			log.error(
					"Giving up on {} event(s) of a call of account {} after {} attempts; they stay in the "
							+ "ingestion inbox (table call_event_inbox)",
					call.size(), first.accountId(), attempts, cause);
		}
		else {
			log.warn("{} event(s) of a call of account {} could not be applied (attempt {}); retrying later",
					call.size(), first.accountId(), attempts, cause);
		}
		Duration wait = this.properties.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 10));
		try {
			this.transactions.executeWithoutResult((status) -> {
				var notBefore = this.clock.now().plus(wait);
				call.forEach((c) -> this.rows.failed(c.id(), notBefore, cause.toString()));
			});
		}
		catch (RuntimeException ex) {
			log.warn("Could not note the failure of events {}: {}", call.stream().map(Claimed::id).toList(),
					ex.toString());
		}
		call.forEach((c) -> this.notices.notApplied(c.id(), cause));
	}

	private static void sleepQuietly(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
