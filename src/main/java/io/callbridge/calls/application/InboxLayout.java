package io.callbridge.calls.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many lanes the inbox's events are spread over: one count for every node, kept in
 * the database (table {@code call_event_inbox_layout}), so that all nodes put a call's
 * events in the same lane and their lanes claim the same events.
 * <p>
 * The writer reads the count in the transaction that stores events, under a shared lock
 * ({@link #lanesForWrite}). A node starting with another count
 * ({@code callbridge.ingestion.lanes}) takes every lane — no event is applied meanwhile,
 * on any node — then, in a transaction of its own, that lock exclusively, and sets the
 * count, marking the layout as moving: the writers pause only for that commit and store
 * under the new count after it. Holding the lanes still, it moves the events stored under
 * the old count to their lanes under the new one and ends the move with a new generation,
 * after which every lane claims from the start of the inbox once, so that a moved event
 * is not overtaken by its call's later ones ({@link #settle}). No lane claims while the
 * layout is moving; a node that finds it moving with the lanes free (the moving node
 * stopped) finishes the move. The running nodes start the lanes a new count adds within a
 * poll interval ({@link #refresh}). Why: with each node's own count, a node restarted
 * with fewer lanes left the events stored in the others waiting for good (acknowledged,
 * never applied), and nodes of different counts put one call's events in two lanes,
 * applied concurrently and out of order.
 */
@Component
class InboxLayout {

	private static final Logger log = LoggerFactory.getLogger(InboxLayout.class);

	/** How many waiting events are looked at per statement when they are moved. */
	private static final int PAGE = 1000;

	/**
	 * How long a move waits for the lanes' running transactions: while it waits, the
	 * lanes it holds already are held up on every node, so not for long.
	 */
	private static final Duration LANES_WAIT = Duration.ofSeconds(5);

	/** How often a starting node tries to take the lanes before it gives up. */
	private static final int START_ATTEMPTS = 12;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final InboxRows rows;

	private final TransactionTemplate transactions;

	/** A transaction of its own, committed inside the caller's (the count's change). */
	private final TransactionTemplate ownTransaction;

	private final IngestionProperties properties;

	private final String forWrite;

	private final String forChange;

	/** The count this node's lanes run: the configured one until {@link #settle}. */
	private volatile int lanes;

	/**
	 * The layout's row: the count ({@code 0} before the first start) and whether events
	 * are being moved.
	 */
	private record Stored(int lanes, boolean moving) {
	}

	/**
	 * What a change of the count found: the count before, and whether events are to be
	 * moved up to an id.
	 */
	private record Switched(int before, boolean moving, long upTo) {
	}

	/** A waiting event, where it is. */
	private record Waiting(long id, long accountId, String providerCallId, int lane) {
	}

	InboxLayout(JdbcClient jdbc, JdbcTemplate jdbcTemplate, InboxRows rows, TransactionTemplate transactions,
			IngestionProperties properties, DataSource dataSource) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.rows = rows;
		this.transactions = transactions;
		this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.properties = properties;
		// PostgreSQL: an advisory lock, shared by the writers (a database function: the
		// lock and then the count read with a snapshot of its own, in one round trip);
		// H2, one node: the row's lock (its writers, one per node, then take turns).
		boolean postgres = Databases.isPostgres(dataSource);
		this.forWrite = postgres ? "SELECT call_event_inbox_lanes_for_write()"
				: "SELECT lanes FROM call_event_inbox_layout WHERE id = 1 FOR UPDATE";
		this.forChange = postgres ? "SELECT pg_advisory_xact_lock(1128418393, 0)"
				: "SELECT lanes FROM call_event_inbox_layout WHERE id = 1 FOR UPDATE";
		this.lanes = properties.lanes();
	}

	/** How many lanes this node runs: the count of every node, as last read. */
	int lanes() {
		return this.lanes;
	}

	/** The lane of a call under the count this node last read. */
	int laneOf(long accountId, String providerCallId) {
		return laneOf(accountId, providerCallId, this.lanes);
	}

	/** The lane of a call: the same for every event of it, on every node. */
	static int laneOf(long accountId, String providerCallId, int lanes) {
		return Math.floorMod(31 * Long.hashCode(accountId) + providerCallId.hashCode(), lanes);
	}

	/**
	 * The count to store events under, for the caller's transaction: it cannot change
	 * before the caller's commit (a node changing it waits, and moves the events after).
	 */
	int lanesForWrite() {
		return this.jdbc.sql(this.forWrite)
			.query(Integer.class)
			.optional()
			.filter((count) -> count > 0)
			.orElse(this.lanes);
	}

	/**
	 * Makes the configured count the count of every node (a node's start): when it
	 * differs from the stored one, the waiting events are moved to their lanes under it,
	 * every lane of every node held meanwhile. Tries again while the lanes or the
	 * writers' lock are held for long (H2 gives up waiting for a row's lock after its
	 * lock timeout, a {@link QueryTimeoutException}).
	 * @throws IllegalStateException when the lanes could not be taken in
	 * {@value #START_ATTEMPTS} tries of at most 5 s each
	 */
	synchronized void settle() {
		for (int attempt = 1;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> settleOnce());
				this.lanes = this.properties.lanes();
				return;
			}
			catch (PessimisticLockingFailureException | QueryTimeoutException ex) {
				if (attempt == START_ATTEMPTS) {
					throw new IllegalStateException("Could not take the ingestion lanes to set their count to "
							+ this.properties.lanes() + " in " + attempt + " tries of " + LANES_WAIT.toSeconds()
							+ " s: a lane's transaction on some node runs for that long", ex);
				}
				log.warn("Waiting for the ingestion lanes to set their count to {} ({})", this.properties.lanes(),
						ex.getMostSpecificCause().toString());
			}
		}
	}

	private void settleOnce() {
		int configured = this.properties.lanes();
		// The count set already: a move still under way is the business of the node
		// doing it, or, if that node stopped, of the nodes' followers (refresh), so a
		// start does not wait for it.
		if (stored().lanes() == configured) {
			return;
		}
		// Every lane first, held until the move is done; then the count, committed at
		// once, so that the writers pause only for that commit, not for the move. (The
		// lanes before the writers' lock: neither writers nor lanes take the other lock,
		// so the order cannot deadlock.)
		takeAllLanes();
		Switched switched = this.ownTransaction.execute((status) -> switchTo(configured));
		if (switched != null && switched.moving()) {
			int moved = finishMove(configured, switched.upTo());
			logSettled(configured, switched.before(), moved);
		}
	}

	/**
	 * Sets the count and marks the waiting events as being moved, under the writers'
	 * lock: every event stored under the old count is committed by then.
	 */
	private Switched switchTo(int configured) {
		this.jdbc.sql(this.forChange).query((rs) -> {
		});
		Stored stored = stored();
		if (stored.lanes() != configured) {
			this.jdbc
				.sql("UPDATE call_event_inbox_layout SET lanes = ?, generation = generation + 1, moving = ?, "
						+ "changed_at = CURRENT_TIMESTAMP WHERE id = 1")
				.params(configured, true)
				.update();
		}
		else if (!stored.moving()) {
			// Another node set it and moved the events meanwhile.
			return new Switched(stored.lanes(), false, 0);
		}
		long upTo = this.jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM call_event_inbox").query(Long.class).single();
		return new Switched(stored.lanes(), true, upTo);
	}

	/**
	 * Moves the events stored under an earlier count (ids up to the given one; the
	 * writers store later ones under the count) and ends the move, a new generation of
	 * the layout: the caller's transaction holds every lane.
	 * @return how many moved
	 */
	private int finishMove(int count, long upTo) {
		int moved = moveFrom(0, count, upTo);
		this.jdbc.sql("UPDATE call_event_inbox_layout SET moving = ?, generation = generation + 1 WHERE id = 1")
			.param(false)
			.update();
		return moved;
	}

	private static void logSettled(int configured, int before, int moved) {
		if (before == 0 || before == configured) {
			log.info("Ingestion inbox: {} lanes, {} waiting event(s) moved to their lanes", configured, moved);
		}
		else {
			log.warn("Ingestion inbox: {} lanes for every node (this node's callbridge.ingestion.lanes), {} before; "
					+ "{} waiting event(s) moved to their lanes", configured, before, moved);
		}
	}

	private Stored stored() {
		return this.jdbc.sql("SELECT COALESCE(lanes, 0) AS lanes, moving FROM call_event_inbox_layout WHERE id = 1")
			.query((rs, row) -> new Stored(rs.getInt("lanes"), rs.getBoolean("moving")))
			.single();
	}

	/**
	 * Takes the count another node set (the caller starts the lanes it adds), and moves
	 * to their lanes events found in a lane beyond it (stored by a node of an older
	 * version). Run by each node once per poll interval: two statements when nothing
	 * changed.
	 * @return the count to run
	 */
	synchronized int refresh() {
		Stored layout = stored();
		int stored = layout.lanes();
		boolean moving = layout.moving();
		if (stored == 0) {
			return this.lanes;
		}
		if (stored != this.lanes) {
			if (stored == this.properties.lanes()) {
				log.info("Ingestion inbox: {} lanes again, set by another node", stored);
			}
			else {
				log.warn(
						"Ingestion inbox: another node set {} lanes for every node; this node is configured with {} "
								+ "(set callbridge.ingestion.lanes to the same value on every node)",
						stored, this.properties.lanes());
			}
			this.lanes = stored;
		}
		if (moving) {
			finishAbandonedMove();
		}
		// The count bound as a value: compared with a column of the same row, the planner
		// expected a third of the table to match and read all of it.
		else if (this.rows.anyInLaneFrom(stored)) {
			moveStrays();
		}
		return stored;
	}

	/**
	 * Finishes a move whose node stopped before the end (its lanes are free): while a
	 * node moves events, it holds them, and this waits at most 5 s and tries again at the
	 * next look.
	 */
	private void finishAbandonedMove() {
		try {
			this.transactions.executeWithoutResult((status) -> {
				takeAllLanes();
				Stored now = stored();
				if (now.moving()) {
					int moved = finishMove(now.lanes(), Long.MAX_VALUE);
					log.warn("Ingestion inbox: the move of waiting events to {} lanes, left unfinished by a node that "
							+ "stopped, finished ({} event(s) moved)", now.lanes(), moved);
				}
			});
		}
		catch (PessimisticLockingFailureException | QueryTimeoutException ex) {
			log.info("Ingestion inbox: waiting events are being moved between lanes ({})",
					ex.getMostSpecificCause().toString());
		}
	}

	private void moveStrays() {
		try {
			this.transactions.executeWithoutResult((status) -> {
				takeAllLanes();
				// Read after the lanes are held: a node changing the count holds them
				// too, so this is the count until the commit.
				int count = stored().lanes();
				int moved = moveFrom(count, count, Long.MAX_VALUE);
				if (moved > 0) {
					this.jdbc.sql("UPDATE call_event_inbox_layout SET generation = generation + 1 WHERE id = 1")
						.update();
					log.warn("Ingestion inbox: {} event(s) found in a lane beyond the {} lanes (stored by a node of "
							+ "an older version?) moved to their lanes", moved, count);
				}
			});
		}
		catch (PessimisticLockingFailureException | QueryTimeoutException ex) {
			log.warn("Ingestion inbox: events wait in a lane beyond the count; moving them at the next look ({})",
					ex.getMostSpecificCause().toString());
		}
	}

	private void takeAllLanes() {
		this.rows.takeLanes(IngestionProperties.MAX_LANES, LANES_WAIT);
	}

	/**
	 * Moves every waiting event in a lane from the given one up to its lane under the
	 * count, page by page of ids, up to the given id at least (events stored under the
	 * count after it are in their lanes already).
	 * @return how many moved
	 */
	private int moveFrom(int fromLane, int count, long upTo) {
		int moved = 0;
		long after = 0;
		List<Waiting> page;
		do {
			page = this.jdbc.sql("""
					SELECT id, account_id, provider_call_id, lane FROM call_event_inbox WHERE id > ? AND lane >= ?
					ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(PAGE))
				.params(after, fromLane)
				.query((rs, row) -> new Waiting(rs.getLong("id"), rs.getLong("account_id"),
						rs.getString("provider_call_id"), rs.getInt("lane")))
				.list();
			List<Object[]> moves = new ArrayList<>();
			for (Waiting waiting : page) {
				int lane = laneOf(waiting.accountId(), waiting.providerCallId(), count);
				if (lane != waiting.lane()) {
					moves.add(new Object[] { lane, waiting.id() });
				}
				after = waiting.id();
			}
			if (!moves.isEmpty()) {
				this.jdbcTemplate.batchUpdate("UPDATE call_event_inbox SET lane = ? WHERE id = ?", moves);
				moved += moves.size();
			}
		}
		// The upper bound checked here, not in the query: with both bounds, PostgreSQL
		// read the whole range and sorted it for each page (30 s instead of 8 for
		// 400,000 waiting events).
		while (page.size() == PAGE && after < upTo);
		return moved;
	}

}
