package io.callbridge.followups;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The retry state of incomplete event publications ({@code followup_retries}, one row per
 * publication of {@code event_publication}), shared by every node. Every decision is
 * taken on the database's clock: "due", "expired" and "now" are {@code CURRENT_TIMESTAMP}
 * in the statement, and the instants written are the database's time plus a wait. A retry
 * starts only for the node whose conditional update claims it: the publication has failed
 * and no other attempt is running ({@code running_until} past or empty), so one
 * publication is never retried twice at once, whichever nodes or people ask.
 */
@Repository
class PublicationRetries {

	private static final int MAX_ERROR = 1000;

	private static final String JOIN = """
			FROM followup_retries r JOIN event_publication p ON p.id = r.publication_id
			WHERE p.listener_id IN (:listeners) AND p.completion_date IS NULL""";

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	PublicationRetries(JdbcClient jdbc, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The database's current time. */
	Instant now() {
		return this.clock.now();
	}

	/** Drops the rows of publications that completed (the registry deleted them). */
	int forgetCompleted() {
		return this.jdbc.sql("""
				DELETE FROM followup_retries WHERE NOT EXISTS (SELECT 1 FROM event_publication p
				    WHERE p.id = followup_retries.publication_id AND p.completion_date IS NULL)""").update();
	}

	/**
	 * Starts tracking the incomplete publications of these listeners that have no row
	 * yet; a running one may run until {@code runningUntil}.
	 * @throws DuplicateKeyException when a failing listener added a row at the same
	 * moment
	 */
	int registerNew(Collection<String> listeners, Instant runningUntil) {
		return this.jdbc.sql("""
				INSERT INTO followup_retries (publication_id, first_seen_at, attempts, running_until, stalled)
				SELECT p.id, CURRENT_TIMESTAMP, 0,
				    CASE WHEN p.status = 'FAILED' THEN NULL ELSE CAST(:until AS TIMESTAMP WITH TIME ZONE) END, FALSE
				FROM event_publication p
				WHERE p.listener_id IN (:listeners) AND p.completion_date IS NULL
				  AND NOT EXISTS (SELECT 1 FROM followup_retries r WHERE r.publication_id = p.id)""")
			.param("until", Jdbc.ts(runningUntil))
			.param("listeners", listeners)
			.update();
	}

	/** Starts tracking one publication if it is not tracked yet. */
	void register(UUID id) {
		try {
			this.jdbc.sql("""
					INSERT INTO followup_retries (publication_id, first_seen_at, attempts, stalled)
					SELECT p.id, CURRENT_TIMESTAMP, 0, FALSE FROM event_publication p
					WHERE p.id = :id AND NOT EXISTS (SELECT 1 FROM followup_retries r WHERE r.publication_id = p.id)""")
				.param("id", id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Tracked by someone else in the meantime: that is all this wanted.
		}
	}

	/**
	 * Running publications whose run has outlived its time (or has no time yet because
	 * the run was not started by a claim, e.g. by another component).
	 */
	List<Overdue> overdueRuns(Collection<String> listeners) {
		return this.jdbc
			.sql("SELECT r.publication_id, r.running_until " + JOIN + " AND p.status IN "
					+ PublicationStatus.RUNNING_SQL
					+ " AND (r.running_until IS NULL OR r.running_until < CURRENT_TIMESTAMP)")
			.param("listeners", listeners)
			.query((rs, n) -> new Overdue(rs.getObject("publication_id", UUID.class),
					Jdbc.instant(rs, "running_until")))
			.list();
	}

	/** Gives a run found without a time limit one, counted from now. */
	void limitRun(UUID id, Instant runningUntil) {
		this.jdbc
			.sql("UPDATE followup_retries SET running_until = ? WHERE publication_id = ? AND running_until IS NULL")
			.params(Jdbc.ts(runningUntil), id)
			.update();
	}

	/**
	 * Records that a run was lost (no outcome in time), unless someone claimed the
	 * publication since it was seen overdue.
	 */
	boolean markStalled(UUID id, Instant runningUntil) {
		return this.jdbc.sql("""
				UPDATE followup_retries SET failed_at = CURRENT_TIMESTAMP, running_until = NULL, next_attempt_at = NULL,
				    stalled = TRUE
				WHERE publication_id = ? AND running_until = ?""").params(id, Jdbc.ts(runningUntil)).update() == 1;
	}

	/** Failed publications with retries left and no retry scheduled yet. */
	List<Unscheduled> unscheduled(Collection<String> listeners, int maxRetries) {
		return this.jdbc
			.sql("SELECT r.publication_id, r.attempts, r.failed_at " + JOIN
					+ " AND p.status = 'FAILED' AND r.next_attempt_at IS NULL AND r.attempts < :max")
			.param("listeners", listeners)
			.param("max", maxRetries)
			.query((rs, n) -> new Unscheduled(rs.getObject("publication_id", UUID.class), rs.getInt("attempts"),
					Jdbc.instant(rs, "failed_at")))
			.list();
	}

	/**
	 * Schedules the next automatic retry, unless one was scheduled or started meanwhile.
	 */
	void schedule(UUID id, int attempts, Instant at) {
		this.jdbc.sql("""
				UPDATE followup_retries SET next_attempt_at = ?
				WHERE publication_id = ? AND next_attempt_at IS NULL AND attempts = ?""")
			.params(Jdbc.ts(at), id, attempts)
			.update();
	}

	/** Failed publications whose automatic retry is due, the longest waiting first. */
	List<UUID> due(Collection<String> listeners, int limit) {
		return this.jdbc.sql("SELECT r.publication_id " + JOIN + """
				 AND p.status = 'FAILED' AND r.next_attempt_at <= CURRENT_TIMESTAMP
				  AND (r.running_until IS NULL OR r.running_until < CURRENT_TIMESTAMP)
				ORDER BY r.next_attempt_at LIMIT :limit""")
			.param("listeners", listeners)
			.param("limit", limit)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
	}

	/**
	 * Claims the next run of a failed publication: it may run until {@code runningUntil}
	 * and counts as one more retry.
	 * @param dueOnly only if its automatic retry is due (otherwise: retry by hand)
	 * @return whether this caller won the claim
	 */
	boolean claim(UUID id, Instant runningUntil, boolean dueOnly) {
		return this.jdbc
			.sql("""
					UPDATE followup_retries SET attempts = attempts + 1, attempt_started_at = CURRENT_TIMESTAMP,
					    running_until = :until, next_attempt_at = NULL, failed_at = NULL
					WHERE publication_id = :id AND (running_until IS NULL OR running_until < CURRENT_TIMESTAMP)
					  AND EXISTS (SELECT 1 FROM event_publication p WHERE p.id = :id AND p.status = 'FAILED')"""
					+ (dueOnly ? " AND next_attempt_at <= CURRENT_TIMESTAMP" : ""))
			.param("until", Jdbc.ts(runningUntil))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Records a failure of a listener for an event (the publications of that listener
	 * with that serialized event): when, and the error; the run is over.
	 */
	void recordFailure(String listenerId, String serializedEvent, String error) {
		String trimmed = (error.length() > MAX_ERROR) ? error.substring(0, MAX_ERROR) : error;
		if (updateFailure(listenerId, serializedEvent, trimmed) > 0) {
			return;
		}
		try {
			this.jdbc
				.sql("""
						INSERT INTO followup_retries (publication_id, first_seen_at, attempts, failed_at, last_error, stalled)
						SELECT p.id, CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP, :error, FALSE FROM event_publication p
						WHERE p.listener_id = :listener AND p.serialized_event = :event AND p.completion_date IS NULL
						  AND NOT EXISTS (SELECT 1 FROM followup_retries r WHERE r.publication_id = p.id)""")
				.param("error", trimmed)
				.param("listener", listenerId)
				.param("event", serializedEvent)
				.update();
		}
		catch (DuplicateKeyException ex) {
			updateFailure(listenerId, serializedEvent, trimmed);
		}
	}

	private int updateFailure(String listenerId, String serializedEvent, String error) {
		return this.jdbc.sql("""
				UPDATE followup_retries SET failed_at = CURRENT_TIMESTAMP, running_until = NULL, next_attempt_at = NULL,
				    last_error = :error, stalled = FALSE
				WHERE publication_id IN (SELECT p.id FROM event_publication p
				    WHERE p.listener_id = :listener AND p.serialized_event = :event AND p.completion_date IS NULL)""")
			.param("error", error)
			.param("listener", listenerId)
			.param("event", serializedEvent)
			.update();
	}

	/**
	 * A run seen past its time.
	 *
	 * @param id the publication
	 * @param runningUntil its time limit as seen, {@code null} if it had none
	 */
	record Overdue(UUID id, @Nullable Instant runningUntil) {
	}

	/**
	 * A failed publication without a scheduled retry.
	 *
	 * @param id the publication
	 * @param attempts retries started so far
	 * @param failedAt when it last failed, if its listener's failure was recorded
	 */
	record Unscheduled(UUID id, int attempts, @Nullable Instant failedAt) {
	}

}
