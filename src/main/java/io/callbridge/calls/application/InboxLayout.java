package io.callbridge.calls.application;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many lanes the inbox's events are spread over: one count for every node, kept in
 * the database (table {@code call_event_inbox_layout}), so that all nodes put a call's
 * events in the same lane and their lanes claim the same events.
 * <p>
 * A node starting with another count ({@code callbridge.ingestion.lanes}) makes it the
 * count of every node and moves the waiting events to their lanes under it, while it
 * holds every lane; the nodes already running take the new count within a poll interval
 * and move what they stored meanwhile. Why: with each node's own count, a node restarted
 * with fewer lanes left the events stored in the others waiting for good (acknowledged,
 * never applied), and nodes of different counts put one call's events in two lanes,
 * applied concurrently and out of order.
 */
@Component
class InboxLayout {

	private static final Logger log = LoggerFactory.getLogger(InboxLayout.class);

	/** How many waiting events are looked at per statement when they are moved. */
	private static final int PAGE = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final InboxRows rows;

	private final TransactionTemplate transactions;

	private final IngestionProperties properties;

	/** The count in use: the configured one until {@link #settle} has run. */
	private volatile int lanes;

	/** A waiting event, where it is. */
	private record Waiting(long id, long accountId, String providerCallId, int lane) {
	}

	/** The stored count, and whether events wait in a lane beyond it. */
	private record Stored(int lanes, boolean strays) {
	}

	InboxLayout(JdbcClient jdbc, JdbcTemplate jdbcTemplate, InboxRows rows, TransactionTemplate transactions,
			IngestionProperties properties) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.rows = rows;
		this.transactions = transactions;
		this.properties = properties;
		this.lanes = properties.lanes();
	}

	/** How many lanes every node runs. */
	int lanes() {
		return this.lanes;
	}

	/** The lane of a call: the same for every event of it, on every node. */
	int laneOf(long accountId, String providerCallId) {
		return laneOf(accountId, providerCallId, this.lanes);
	}

	static int laneOf(long accountId, String providerCallId, int lanes) {
		return Math.floorMod(31 * Long.hashCode(accountId) + providerCallId.hashCode(), lanes);
	}

	/**
	 * Makes the configured count the count of every node (a node's start): when it
	 * differs from the stored one, the waiting events are moved to their lanes under it,
	 * every lane of every node held meanwhile.
	 */
	void settle() {
		int configured = this.properties.lanes();
		this.transactions.executeWithoutResult((status) -> {
			// Locked first: nodes starting together change the count one after the other.
			int stored = this.jdbc.sql("SELECT COALESCE(lanes, 0) FROM call_event_inbox_layout WHERE id = 1 FOR UPDATE")
				.query(Integer.class)
				.single();
			if (stored == configured) {
				return;
			}
			this.rows.takeLanes(IngestionProperties.MAX_LANES);
			this.jdbc.sql("UPDATE call_event_inbox_layout SET lanes = ?, changed_at = CURRENT_TIMESTAMP WHERE id = 1")
				.param(configured)
				.update();
			int moved = moveTo(configured);
			if (stored == 0) {
				log.info("Ingestion inbox: {} lanes", configured);
			}
			else {
				log.warn("Ingestion inbox: {} lanes for every node (callbridge.ingestion.lanes), {} before; "
						+ "{} waiting event(s) moved to their lanes", configured, stored, moved);
			}
		});
		this.lanes = configured;
	}

	/**
	 * Takes the count another node set, and moves to their lanes the events stored in a
	 * lane beyond it (by a node still on an older count) or by this node under the count
	 * it replaces. Run by each node once per poll interval: one statement when nothing
	 * changed.
	 * @return the count in use
	 */
	int refresh() {
		Stored stored = this.jdbc.sql("""
				SELECT COALESCE(l.lanes, 0) AS lanes, CASE WHEN EXISTS (SELECT 1 FROM call_event_inbox i
				WHERE i.lane >= COALESCE(l.lanes, 0)) THEN 1 ELSE 0 END AS strays
				FROM call_event_inbox_layout l WHERE l.id = 1""")
			.query((rs, row) -> new Stored(rs.getInt("lanes"), rs.getInt("strays") == 1))
			.single();
		if (stored.lanes() == 0) {
			return this.lanes;
		}
		boolean changed = stored.lanes() != this.lanes;
		if (changed) {
			log.warn("Ingestion inbox: another node changed the lanes to {} (this node was configured with {})",
					stored.lanes(), this.properties.lanes());
			this.lanes = stored.lanes();
		}
		if (changed || stored.strays()) {
			this.transactions.executeWithoutResult((status) -> {
				this.rows.takeLanes(IngestionProperties.MAX_LANES);
				int moved = moveTo(this.jdbc.sql("SELECT lanes FROM call_event_inbox_layout WHERE id = 1")
					.query(Integer.class)
					.single());
				if (moved > 0) {
					log.info("Ingestion inbox: {} waiting event(s) moved to their lanes", moved);
				}
			});
		}
		return this.lanes;
	}

	/**
	 * Moves every waiting event to its lane under the count, page by page of ids.
	 * @return how many moved
	 */
	private int moveTo(int count) {
		int moved = 0;
		long after = 0;
		List<Waiting> page;
		do {
			page = this.jdbc.sql("""
					SELECT id, account_id, provider_call_id, lane FROM call_event_inbox WHERE id > ?
					ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(PAGE))
				.param(after)
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
