package io.callbridge.recordings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recordings table: one row per recorded call, doubling as the fetch job's queue. Due
 * times are on the database's clock, and a due fetch is claimed through a {@link Leases
 * lease} ({@code recording:<call>}), so one node at a time asks the provider for a
 * recording whatever the nodes' clocks say.
 */
@Repository
class CallRecordings {

	/** How long a claimed fetch may run before another node may take over. */
	private static final Duration LEASE = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final Leases leases;

	private final DatabaseClock clock;

	private final ApplicationEventPublisher events;

	CallRecordings(JdbcClient jdbc, Leases leases, DatabaseClock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.leases = leases;
		this.clock = clock;
	}

	/** The database's time now, which due times are counted from. */
	Instant now() {
		return this.clock.now();
	}

	Optional<CallRecording> find(long tenantId, long callId) {
		return this.jdbc.sql("SELECT * FROM call_recordings WHERE call_id = ? AND tenant_id = ?")
			.params(callId, tenantId)
			.query(CallRecordings::map)
			.optional();
	}

	/**
	 * Queues a fetch of {@code recordingRef} at {@code dueAt}, unless this very recording
	 * is already known with a final state or due sooner. A new reference restarts the
	 * fetch.
	 */
	void schedule(long tenantId, long callId, long accountId, String recordingRef, Instant dueAt) {
		Instant now = now();
		int updated = this.jdbc.sql("""
				UPDATE call_recordings SET recording_ref = ?, status = 'PENDING', link = NULL, expires_at = NULL,
				    attempts = 0, next_attempt_at = ?, last_error = NULL, updated_at = ?
				WHERE call_id = ? AND recording_ref <> ?""")
			.params(recordingRef, Jdbc.ts(dueAt), Jdbc.ts(now), callId, recordingRef)
			.update();
		updated += this.jdbc.sql("""
				UPDATE call_recordings SET next_attempt_at = ?, updated_at = ?
				WHERE call_id = ? AND recording_ref = ? AND status = 'PENDING' AND next_attempt_at > ?""")
			.params(Jdbc.ts(dueAt), Jdbc.ts(now), callId, recordingRef, Jdbc.ts(dueAt))
			.update();
		if (updated > 0 || exists(callId)) {
			return;
		}
		try {
			this.jdbc.sql("""
					INSERT INTO call_recordings (call_id, tenant_id, account_id, recording_ref, status, attempts,
					    next_attempt_at, updated_at)
					VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
				.params(callId, tenantId, accountId, recordingRef, Jdbc.ts(dueAt), Jdbc.ts(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another delivery of the same event inserted it first: nothing left to do.
		}
	}

	private boolean exists(long callId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_recordings WHERE call_id = ?")
			.param(callId)
			.query(Long.class)
			.single() > 0;
	}

	/** The pending fetches due now (database time), oldest first. */
	List<CallRecording> due(int limit) {
		return this.jdbc.sql("""
				SELECT * FROM call_recordings WHERE status = 'PENDING' AND next_attempt_at <= ?
				ORDER BY next_attempt_at FETCH FIRST ? ROWS ONLY""")
			.params(Jdbc.ts(now()), limit)
			.query(CallRecordings::map)
			.list();
	}

	/**
	 * Takes a fetch for this node: only one node (or thread) holds its lease, and the
	 * fetch is still due once held (another node may have just made its attempt). A
	 * crashed node's lease ends and the fetch, still due, is taken again.
	 * @return the lease, to {@link #release} after the attempt, or empty
	 */
	Optional<Lease> claim(CallRecording recording) {
		Optional<Lease> lease = hold(recording.callId());
		if (lease.isPresent() && !stillDue(recording.callId(), lease.get().acquiredAt())) {
			release(lease.get());
			return Optional.empty();
		}
		return lease;
	}

	/**
	 * Holds the recording for one attempt, due or not (a person playing it), unless a
	 * node is making one now.
	 */
	Optional<Lease> hold(long callId) {
		return this.leases.acquire("recording:" + callId, LEASE);
	}

	/** Ends a claim once its attempt has been recorded. */
	void release(Lease lease) {
		this.leases.release(lease, Duration.ZERO);
	}

	private boolean stillDue(long callId, Instant now) {
		return this.jdbc
			.sql("""
					SELECT COUNT(*) FROM call_recordings WHERE call_id = ? AND status = 'PENDING' AND next_attempt_at <= ?""")
			.params(callId, Jdbc.ts(now))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores a playable link; the first time the recording becomes available (not a
	 * refreshed link) publishes {@link CallRecordingAvailable} in the same transaction.
	 */
	@Transactional
	void available(long callId, String recordingRef, String link, @Nullable Instant expiresAt) {
		Optional<Long> firstTime = this.jdbc.sql("""
				SELECT tenant_id FROM call_recordings WHERE call_id = ? AND recording_ref = ? AND status <> 'AVAILABLE'
				FOR UPDATE""").params(callId, recordingRef).query(Long.class).optional();
		int updated = this.jdbc.sql("""
				UPDATE call_recordings SET status = 'AVAILABLE', link = ?, expires_at = ?, attempts = attempts + 1,
				    next_attempt_at = NULL, last_error = NULL, updated_at = ?
				WHERE call_id = ? AND recording_ref = ?""")
			.params(link, Jdbc.ts(expiresAt), Jdbc.ts(now()), callId, recordingRef)
			.update();
		if (updated > 0 && firstTime.isPresent()) {
			this.events.publishEvent(new CallRecordingAvailable(firstTime.get(), callId));
		}
	}

	void retry(long callId, String recordingRef, String error, Instant nextAttemptAt) {
		this.jdbc.sql("""
				UPDATE call_recordings SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = ?,
				    last_error = ?, updated_at = ?
				WHERE call_id = ? AND recording_ref = ?""")
			.params(Jdbc.ts(nextAttemptAt), truncate(error), Jdbc.ts(now()), callId, recordingRef)
			.update();
	}

	void finish(long callId, String recordingRef, RecordingStatus status, String error) {
		this.jdbc.sql("""
				UPDATE call_recordings SET status = ?, attempts = attempts + 1, next_attempt_at = NULL,
				    last_error = ?, updated_at = ?
				WHERE call_id = ? AND recording_ref = ?""")
			.params(status.name(), truncate(error), Jdbc.ts(now()), callId, recordingRef)
			.update();
	}

	private static String truncate(String error) {
		return (error.length() > 1000) ? error.substring(0, 1000) : error;
	}

	private static CallRecording map(ResultSet rs, int row) throws SQLException {
		return new CallRecording(rs.getLong("call_id"), rs.getLong("tenant_id"), rs.getLong("account_id"),
				rs.getString("recording_ref"), RecordingStatus.valueOf(rs.getString("status")), rs.getString("link"),
				Jdbc.instant(rs, "expires_at"), rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt_at"),
				rs.getString("last_error"), Jdbc.instant(rs, "updated_at"));
	}

}
