package io.callbridge.calls.application;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;
import io.callbridge.shared.Jdbc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The ingestion inbox's table: events stored before their webhook is answered, claimed by
 * their lane in the order they arrived, deleted when applied.
 */
@Repository
class InboxRows {

	// NULL while waiting events are moved between lanes (InboxLayout): nothing is
	// claimed.
	private static final String GENERATION = "(SELECT CASE WHEN moving THEN NULL ELSE generation END "
			+ "FROM call_event_inbox_layout WHERE id = 1)";

	private static final String COLUMNS = "SELECT id, account_id, provider_call_id, event, received_at, attempts, "
			+ GENERATION + " AS generation FROM call_event_inbox ";

	// After the given id, unless events were moved between lanes since the generation
	// the lane saw last (InboxLayout): those may sit below it, so from the start.
	// None while events are being moved (the generation is NULL, and so the bound).
	private static final String CLAIM = "lane = ? AND id > CASE WHEN " + GENERATION + " = ? THEN ? WHEN " + GENERATION
			+ """
					 IS NOT NULL THEN 0 END
					AND (not_before IS NULL OR not_before <= CURRENT_TIMESTAMP) AND attempts < ?
					ORDER BY id LIMIT ? FOR UPDATE""";

	// Events not tried yet, or being applied. A row without a tenant was stored by an
	// older version during an upgrade: it may be anyone's. Each side of such a read is
	// one
	// range of the index on (tenant_id, id).
	private static final String UNTRIED = "AND attempts = 0";

	/** The first key of the lanes' advisory locks on PostgreSQL ("CBLN"). */
	private static final int LANE_LOCKS = 0x43424C4E;

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final String claim;

	private final String skipLocked;

	private final boolean lanesShared;

	private final Timer laneWaits;

	InboxRows(JdbcTemplate jdbcTemplate, JdbcClient jdbc, DataSource dataSource, MeterRegistry meters) {
		this.laneWaits = Timer.builder("callbridge.ingestion.inbox.lane.wait")
			.description("How long a lane transaction waited for its lane, held by another node's transaction of "
					+ "the lane (PostgreSQL; taken at once when free)")
			.register(meters);
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = jdbc;
		this.lanesShared = Databases.isPostgres(dataSource);
		// Nodes share the lanes on PostgreSQL: one skips the rows another has claimed
		// instead of waiting for them. H2 (the embedded default) runs one node, whose
		// lanes never claim the same rows.
		this.skipLocked = this.lanesShared ? " SKIP LOCKED" : "";
		// On PostgreSQL the claim itself tries to take the lane (takeLane), with no round
		// trip of its own: the try is a one-time filter of the plan, evaluated before the
		// scan reads a row, and the claim finds nothing when another node holds the lane.
		// It does not wait there: its snapshot was taken when it started, and would miss
		// what this node's writer commits during the wait below the ids it then claims.
		this.claim = this.lanesShared
				? "WITH lane_turn AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(" + LANE_LOCKS + ", ?) AS taken) "
						+ COLUMNS + "WHERE EXISTS (SELECT 1 FROM lane_turn WHERE taken) AND " + CLAIM + this.skipLocked
				: COLUMNS + "WHERE " + CLAIM;
	}

	/** The lane stayed held by another node's transaction for as long as one waits. */
	static final class LaneHeld extends CannotAcquireLockException {

		LaneHeld(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** An event to store, of the tenant that owns its account. */
	record NewEntry(long tenantId, long accountId, String providerCallId, String event, Instant receivedAt) {
	}

	/**
	 * A stored event claimed by its lane, with the generation of the lanes' layout when
	 * it was claimed.
	 */
	record Claimed(long id, long accountId, String providerCallId, String event, Instant receivedAt, int attempts,
			long generation) {
	}

	/**
	 * Stores the events with one batched statement (the caller commits them at once).
	 * @param lanes each event's lane
	 * @return their ids, in the order given
	 */
	List<Long> insert(List<NewEntry> entries, int[] lanes) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbcTemplate.batchUpdate(
				(connection) -> connection.prepareStatement(
						"INSERT INTO call_event_inbox (tenant_id, account_id, provider_call_id, lane, event, "
								+ "received_at) VALUES (?, ?, ?, ?, ?, ?)",
						new String[] { "id" }),
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						NewEntry entry = entries.get(i);
						ps.setLong(1, entry.tenantId());
						ps.setLong(2, entry.accountId());
						ps.setString(3, entry.providerCallId());
						ps.setInt(4, lanes[i]);
						ps.setString(5, entry.event());
						ps.setObject(6, Jdbc.ts(entry.receivedAt()));
					}

					@Override
					public int getBatchSize() {
						return entries.size();
					}

				}, keys);
		List<Long> ids = new ArrayList<>(entries.size());
		keys.getKeyList().forEach((row) -> ids.add(((Number) row.values().iterator().next()).longValue()));
		if (ids.size() != entries.size()) {
			throw new IllegalStateException(
					"The database returned " + ids.size() + " ids for " + entries.size() + " stored events");
		}
		return ids;
	}

	/**
	 * Takes the lane for the caller's transaction, waiting while a transaction of the
	 * same lane on another node runs: on PostgreSQL, where nodes share the inbox, one
	 * transaction per lane at a time (a transaction-scoped advisory lock, released by its
	 * commit or rollback). Nodes without it applied a call's successive events in
	 * concurrent transactions (events of one call sent to several nodes by a load
	 * balancer without stickiness), waiting for each other's call rows in the order of
	 * arrival rather than of keys. H2 runs one node.
	 */
	void takeLane(int lane) {
		if (this.lanesShared) {
			this.laneWaits.record(() -> this.jdbc.sql("SELECT pg_advisory_xact_lock(" + LANE_LOCKS + ", ?)")
				.param(lane)
				.query((rs) -> {
				}));
		}
	}

	/**
	 * Takes the lane for the caller's transaction ({@link #takeLane(int)}), waiting at
	 * most the given time: a lane waiting for its turn holds a connection and one of its
	 * node's turns to apply ({@code InboxLanes}), which must not stay taken for as long
	 * as another node's transaction of the lane (a node that stopped answering) lasts.
	 * @throws LaneHeld when the time is up (the transaction is then aborted)
	 */
	void takeLane(int lane, Duration atMost) {
		if (!this.lanesShared) {
			return;
		}
		waitAtMost("lock_timeout", atMost, "55P03", () -> takeLane(lane),
				(ex) -> new LaneHeld("Ingestion lane " + lane + " stayed held for " + atMost, ex));
	}

	/**
	 * Takes every lane below the count for the caller's transaction ({@link #takeLane}),
	 * in ascending order as each lane transaction takes its own: waits for the lanes'
	 * running transactions on every node and keeps new ones from starting until the
	 * caller's commit. Meanwhile the lanes already taken are held up on every node, so it
	 * waits at most the given time in all.
	 * @throws CannotAcquireLockException when the time is up (the transaction is then
	 * aborted)
	 */
	void takeLanes(int count, Duration atMost) {
		if (!this.lanesShared) {
			return;
		}
		waitAtMost("statement_timeout", atMost, "57014",
				() -> this.jdbc
					.sql("SELECT COUNT(pg_advisory_xact_lock(" + LANE_LOCKS + ", l)) FROM generate_series(0, ?) AS l")
					.param(count - 1)
					.query(Long.class)
					.single(),
				(ex) -> new CannotAcquireLockException("The ingestion lanes were not all free within " + atMost, ex));
	}

	/**
	 * Runs a wait of the caller's transaction under a PostgreSQL timeout set for the
	 * transaction and back to its default after; the timeout's error (its SQLState)
	 * becomes the given exception, the transaction then aborted.
	 */
	private void waitAtMost(String setting, Duration atMost, String expiredState, Runnable wait,
			Function<DataAccessException, CannotAcquireLockException> expired) {
		this.jdbc.sql("SET LOCAL " + setting + " = '" + atMost.toMillis() + "ms'").update();
		try {
			wait.run();
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause() instanceof SQLException sql && expiredState.equals(sql.getSQLState())) {
				throw expired.apply(ex);
			}
			throw ex;
		}
		this.jdbc.sql("SET LOCAL " + setting + " TO DEFAULT").update();
	}

	/** Whether an event waits in the lane or one above it. */
	boolean anyInLaneFrom(int lane) {
		return this.jdbc
			.sql("SELECT CASE WHEN EXISTS (SELECT 1 FROM call_event_inbox WHERE lane >= ?) THEN 1 ELSE 0 END")
			.param(lane)
			.query(Integer.class)
			.single() == 1;
	}

	/**
	 * The lane's oldest events after the given id that are due, locked until the caller's
	 * transaction ends, the lane taken first ({@link #takeLane}; on PostgreSQL tried by
	 * the claim itself, and waited for only when the claim found nothing).
	 * @param lane the lane
	 * @param afterId only events with a greater id ({@code 0}: all), unless the layout's
	 * generation is not the given one (then all)
	 * @param generation the layout's generation the lane saw last
	 * @param limit at most so many
	 * @param maxAttempts events tried so often are left alone
	 * @param laneWait how long to wait for the lane held by another node's transaction
	 * (PostgreSQL)
	 * @param aroundWait runs that wait (given to it), so that the caller can give back
	 * meanwhile what the wait does not need
	 * @return the events, oldest first
	 * @throws LaneHeld when the lane stays held that long
	 */
	List<Claimed> claim(int lane, long afterId, long generation, int limit, int maxAttempts, Duration laneWait,
			Consumer<Runnable> aroundWait) {
		if (!this.lanesShared) {
			return this.jdbc.sql(this.claim)
				.params(lane, generation, afterId, maxAttempts, limit)
				.query(InboxRows::claimed)
				.list();
		}
		List<Claimed> claimed = claimShared(lane, afterId, generation, limit, maxAttempts);
		if (claimed.isEmpty()) {
			// Nothing to claim, or another node's transaction holds the lane: wait
			// for it, then look again with a snapshot taken after the wait (or after
			// the other transaction ended since the claim).
			takeLane(lane, laneWait, aroundWait);
			claimed = claimShared(lane, afterId, generation, limit, maxAttempts);
		}
		return claimed;
	}

	/**
	 * Takes the lane for the caller's transaction ({@link #takeLane(int, Duration)}): at
	 * once when no other transaction holds it, otherwise through the given wrapper of the
	 * wait, so that the caller waits without what the wait does not need.
	 */
	void takeLane(int lane, Duration atMost, Consumer<Runnable> aroundWait) {
		if (this.lanesShared && !tryTakeLane(lane)) {
			aroundWait.accept(() -> takeLane(lane, atMost));
		}
	}

	// Without waiting; true when this transaction holds it already.
	private boolean tryTakeLane(int lane) {
		return Boolean.TRUE.equals(this.jdbc.sql("SELECT pg_try_advisory_xact_lock(" + LANE_LOCKS + ", ?)")
			.param(lane)
			.query(Boolean.class)
			.single());
	}

	private List<Claimed> claimShared(int lane, long afterId, long generation, int limit, int maxAttempts) {
		return this.jdbc.sql(this.claim)
			.params(lane, lane, generation, afterId, maxAttempts, limit)
			.query(InboxRows::claimed)
			.list();
	}

	/**
	 * These events, those still in the lane and not claimed by another node, locked; none
	 * while events are moved between lanes. (Moved to another lane, they are its events
	 * now, applied there in order with their call's later ones.)
	 */
	List<Claimed> claimIds(int lane, List<Long> ids) {
		String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
		List<Object> params = new ArrayList<>(ids);
		params.add(lane);
		return this.jdbc
			.sql(COLUMNS + "WHERE id IN (" + marks + ") AND lane = ? AND " + GENERATION
					+ " IS NOT NULL ORDER BY id FOR UPDATE" + this.skipLocked)
			.params(params)
			.query(InboxRows::claimed)
			.list();
	}

	private static Claimed claimed(ResultSet rs, int row) throws SQLException {
		return new Claimed(rs.getLong("id"), rs.getLong("account_id"), rs.getString("provider_call_id"),
				rs.getString("event"), Jdbc.instant(rs, "received_at"), rs.getInt("attempts"),
				rs.getLong("generation"));
	}

	/** Removes applied events. */
	void delete(List<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
		this.jdbc.sql("DELETE FROM call_event_inbox WHERE id IN (" + marks + ")").params(new ArrayList<>(ids)).update();
	}

	/**
	 * Notes a failed attempt: the event is not claimed again before {@code notBefore}.
	 */
	void failed(long id, Instant notBefore, String error) {
		this.jdbc
			.sql("UPDATE call_event_inbox SET attempts = attempts + 1, not_before = ?, last_error = ? WHERE id = ?")
			.params(Jdbc.ts(notBefore), (error.length() > 2000) ? error.substring(0, 2000) : error, id)
			.update();
	}

	/** Whether the event is in the inbox (not applied yet, or given up). */
	boolean exists(long id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_event_inbox WHERE id = ?")
			.param(id)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The newest of the tenant's events still to be applied, those whose application
	 * failed left out (they wait for a retry).
	 * @return its id, {@code 0} when there is none
	 */
	long newestUnapplied(long tenantId) {
		return this.jdbc
			.sql("SELECT GREATEST(COALESCE((SELECT MAX(id) FROM call_event_inbox WHERE tenant_id = ? " + UNTRIED
					+ "), 0), COALESCE((SELECT MAX(id) FROM call_event_inbox WHERE tenant_id IS NULL " + UNTRIED
					+ "), 0))")
			.param(tenantId)
			.query(Long.class)
			.single();
	}

	/**
	 * Whether any of the tenant's events up to the given id is still to be applied, those
	 * whose application failed left out.
	 */
	boolean unappliedUpTo(long tenantId, long id) {
		return this.jdbc
			.sql("SELECT CASE WHEN EXISTS (SELECT 1 FROM call_event_inbox WHERE tenant_id = ? AND id <= ? " + UNTRIED
					+ ") OR EXISTS (SELECT 1 FROM call_event_inbox WHERE tenant_id IS NULL AND id <= ? " + UNTRIED
					+ ") THEN 1 ELSE 0 END")
			.params(tenantId, id, id)
			.query(Integer.class)
			.single() == 1;
	}

	/** How many events wait in the inbox, those given up included. */
	long pending() {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_event_inbox").query(Long.class).single();
	}

}
