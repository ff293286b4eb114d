package io.callbridge.calls.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;
import io.callbridge.shared.RowLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many lanes the inbox's events are spread over: one count for every node, kept in
 * the database (table {@code call_event_inbox_layout}), so that all nodes put a call's
 * events in the same lane and their lanes claim the same events.
 * <p>
 * The writer reads the count in the transaction that stores events, with a share lock on
 * its row ({@link #lanesForWrite}). A node starting with another count
 * ({@code callbridge.ingestion.lanes}) locks that row — no event is being stored
 * meanwhile, on any node — and, holding every lane, sets the count and moves the waiting
 * events to their lanes under it ({@link #settle}); the running nodes start the lanes it
 * adds within a poll interval ({@link #refresh}). Why: with each node's own count, a node
 * restarted with fewer lanes left the events stored in the others waiting for good
 * (acknowledged, never applied), and nodes of different counts put one call's events in
 * two lanes, applied concurrently and out of order.
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

	private final IngestionProperties properties;

	private final RowLocks locks;

	private final String shareLock;

	/** The count this node's lanes run: the configured one until {@link #settle}. */
	private volatile int lanes;

	/** A waiting event, where it is. */
	private record Waiting(long id, long accountId, String providerCallId, int lane) {
	}

	InboxLayout(JdbcClient jdbc, JdbcTemplate jdbcTemplate, InboxRows rows, TransactionTemplate transactions,
			IngestionProperties properties, RowLocks locks, DataSource dataSource) {
		this.locks = locks;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.rows = rows;
		this.transactions = transactions;
		this.properties = properties;
		// H2 has no shared row lock; its writers (one per node) then take turns.
		this.shareLock = Databases.isPostgres(dataSource) ? " FOR SHARE" : " FOR UPDATE";
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
	 * The count to store events under, for the caller's transaction: its row stays
	 * share-locked until the commit, so the count cannot change before the events are
	 * stored (a node changing it waits, and moves them after).
	 */
	int lanesForWrite() {
		return this.jdbc.sql("SELECT COALESCE(lanes, 0) FROM call_event_inbox_layout WHERE id = 1" + this.shareLock)
			.query(Integer.class)
			.optional()
			.filter((count) -> count > 0)
			.orElse(this.lanes);
	}

	/**
	 * Makes the configured count the count of every node (a node's start): when it
	 * differs from the stored one, the waiting events are moved to their lanes under it,
	 * every lane of every node held meanwhile. Tries again while another node's lane
	 * transaction holds a lane for long.
	 * @throws IllegalStateException when the lanes could not be taken in about a minute
	 */
	void settle() {
		for (int attempt = 1;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> settleOnce());
				this.lanes = this.properties.lanes();
				return;
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == START_ATTEMPTS) {
					throw new IllegalStateException("Could not take the ingestion lanes to set their count to "
							+ this.properties.lanes() + ": a lane's transaction on another node has held its lane for "
							+ "over " + LANES_WAIT.toSeconds() + " s, " + attempt + " times", ex);
				}
				log.warn(
						"Waiting for the ingestion lanes to set their count to {}: a lane's transaction on another "
								+ "node holds its lane ({})",
						this.properties.lanes(), ex.getMostSpecificCause().toString());
			}
		}
	}

	private void settleOnce() {
		int configured = this.properties.lanes();
		// Locked first: the writers of every node wait (lanesForWrite), and nodes
		// starting together change the count one after the other.
		int stored = this.jdbc.sql("SELECT COALESCE(lanes, 0) FROM call_event_inbox_layout WHERE id = 1 FOR UPDATE")
			.query(Integer.class)
			.single();
		if (stored == configured) {
			return;
		}
		takeAllLanes();
		this.jdbc.sql("UPDATE call_event_inbox_layout SET lanes = ?, changed_at = CURRENT_TIMESTAMP WHERE id = 1")
			.param(configured)
			.update();
		int moved = moveFrom(0, configured);
		if (stored == 0) {
			log.info("Ingestion inbox: {} lanes, {} waiting event(s) moved to their lanes", configured, moved);
		}
		else {
			log.warn("Ingestion inbox: {} lanes for every node (this node's callbridge.ingestion.lanes), {} before; "
					+ "{} waiting event(s) moved to their lanes", configured, stored, moved);
		}
	}

	/**
	 * Takes the count another node set (the caller starts the lanes it adds), and moves
	 * to their lanes events found in a lane beyond it (stored by a node of an older
	 * version). Run by each node once per poll interval: two statements when nothing
	 * changed.
	 * @return the count to run
	 */
	int refresh() {
		int stored = this.jdbc.sql("SELECT COALESCE(lanes, 0) FROM call_event_inbox_layout WHERE id = 1")
			.query(Integer.class)
			.single();
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
		// The count bound as a value: compared with a column of the same row, the planner
		// expected a third of the table to match and read all of it.
		if (this.rows.anyInLaneFrom(stored)) {
			moveStrays();
		}
		return stored;
	}

	private void moveStrays() {
		try {
			this.transactions.executeWithoutResult((status) -> {
				takeAllLanes();
				// Read after the lanes are held: a node changing the count holds them
				// too,
				// so this is the count until the commit (its row is not locked here,
				// which
				// a node changing the count locks before the lanes).
				int count = this.jdbc.sql("SELECT lanes FROM call_event_inbox_layout WHERE id = 1")
					.query(Integer.class)
					.single();
				int moved = moveFrom(count, count);
				log.warn("Ingestion inbox: {} event(s) found in a lane beyond the {} lanes (stored by a node of an "
						+ "older version?) moved to their lanes", moved, count);
			});
		}
		catch (PessimisticLockingFailureException ex) {
			log.warn("Ingestion inbox: events wait in a lane beyond the count; moving them at the next look ({})",
					ex.getMostSpecificCause().toString());
		}
	}

	private void takeAllLanes() {
		this.locks.atOnce(() -> {
			this.rows.takeLanes(IngestionProperties.MAX_LANES, LANES_WAIT);
			return null;
		});
	}

	/**
	 * Moves every waiting event in a lane from the given one up to its lane under the
	 * count, page by page of ids.
	 * @return how many moved
	 */
	private int moveFrom(int fromLane, int count) {
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
		while (page.size() == PAGE);
		return moved;
	}

}
