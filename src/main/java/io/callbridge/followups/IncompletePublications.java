package io.callbridge.followups;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the incomplete event publications with their retry state, for admins and the
 * metric. Reads only: retries are decided in {@link PublicationRetries}.
 */
@Repository
class IncompletePublications {

	private static final String SELECT = """
			SELECT p.id, p.listener_id, p.event_type, p.serialized_event, p.publication_date, p.status,
			       p.completion_attempts, r.attempts, r.next_attempt_at, r.last_error, r.stalled,
			       CASE WHEN r.running_until > CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS claimed
			FROM event_publication p LEFT JOIN followup_retries r ON r.publication_id = p.id
			WHERE p.completion_date IS NULL""";

	private final JdbcClient jdbc;

	IncompletePublications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Row> find(UUID id) {
		return this.jdbc.sql(SELECT + " AND p.id = ?").param(id).query(IncompletePublications::map).optional();
	}

	/**
	 * Visits the incomplete publications, the oldest first, until the visitor says stop.
	 * @param visitor gets each row; returns {@code false} to stop
	 */
	void visit(Predicate<Row> visitor) {
		boolean[] going = { true };
		this.jdbc.sql(SELECT + " ORDER BY p.publication_date, p.id").query((ResultSet rs) -> {
			if (going[0]) {
				going[0] = visitor.test(map(rs, 0));
			}
		});
	}

	/** How many incomplete publications are in each state, over all tenants. */
	Map<FollowUpState, Long> counts(int maxRetries) {
		Map<FollowUpState, Long> counts = new EnumMap<>(FollowUpState.class);
		for (FollowUpState state : FollowUpState.values()) {
			counts.put(state, 0L);
		}
		this.jdbc.sql("""
				SELECT s.state, COUNT(*) AS n FROM (
				    SELECT CASE WHEN p.status <> 'FAILED' OR p.status IS NULL
				                  OR r.running_until > CURRENT_TIMESTAMP THEN 'RUNNING'
				                WHEN COALESCE(r.attempts, 0) < :max THEN 'RETRYING' ELSE 'FAILED' END AS state
				    FROM event_publication p LEFT JOIN followup_retries r ON r.publication_id = p.id
				    WHERE p.completion_date IS NULL) s
				GROUP BY s.state""").param("max", maxRetries).query((ResultSet rs) -> {
			counts.put(FollowUpState.valueOf(rs.getString("state")), rs.getLong("n"));
		});
		return counts;
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		Integer retries = Jdbc.intOrNull(rs, "attempts");
		return new Row(rs.getObject("id", UUID.class), rs.getString("listener_id"), rs.getString("event_type"),
				rs.getString("serialized_event"), Jdbc.instant(rs, "publication_date"),
				String.valueOf(rs.getString("status")), rs.getInt("completion_attempts"),
				(retries != null) ? retries : 0, Jdbc.instant(rs, "next_attempt_at"), rs.getString("last_error"),
				rs.getBoolean("stalled"), rs.getInt("claimed") == 1);
	}

	/**
	 * An incomplete publication with its retry state.
	 *
	 * @param id the publication
	 * @param listenerId the listener it is for, as the registry names it
	 * @param eventType the event's class name
	 * @param serializedEvent the event as stored (JSON)
	 * @param publishedAt when the event was published
	 * @param status the registry's status
	 * @param runs how often the listener was started for it (first run included)
	 * @param retries retries started by this module
	 * @param nextAttemptAt the next automatic retry
	 * @param lastError the last failure's error
	 * @param stalled whether the last run was lost (no outcome in time)
	 * @param claimed whether a retry was claimed and may still be starting or running (by
	 * the database's clock): the registry still says FAILED until the retry has
	 * resubmitted the event
	 */
	record Row(UUID id, String listenerId, String eventType, String serializedEvent, @Nullable Instant publishedAt,
			String status, int runs, int retries, @Nullable Instant nextAttemptAt, @Nullable String lastError,
			boolean stalled, boolean claimed) {
	}

}
