package io.callbridge.uis.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import io.callbridge.telephony.StoredText;
import io.callbridge.uis.UisSessionFetches;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable queue of finished call sessions whose details are still to be read from the
 * Data API ({@code uis_session_fetches}), on the database's clock: a session asked for
 * twice is queued once, an attempt that finds nothing yet is due again after the next
 * wait, and after the give-up time the session is left to reconciliation with the last
 * error kept.
 */
@Repository
class UisSessionFetchQueue implements UisSessionFetches {

	private static final String PENDING = "PENDING";

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	private final UisProperties properties;

	UisSessionFetchQueue(JdbcClient jdbc, DatabaseClock clock, UisProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void fetchAfterEnd(long accountId, String callSessionId) {
		String session = callSessionId.strip();
		if (session.isEmpty() || session.length() > 40) {
			throw new IllegalArgumentException("A UIS call_session_id has 1 to 40 characters");
		}
		Instant now = this.clock.now();
		if (find(accountId, session).isPresent()) {
			return;
		}
		try {
			this.jdbc.sql("""
					INSERT INTO uis_session_fetches (account_id, call_session_id, status, due_at, attempts, created_at,
					    updated_at)
					VALUES (?, ?, 'PENDING', ?, 0, ?, ?)""")
				.params(accountId, session, Jdbc.ts(now.plus(this.properties.sessionFetchDelays().get(0))),
						Jdbc.ts(now), Jdbc.ts(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another delivery of the same notification queued it first.
		}
	}

	/** Whether any fetch is due now (database time). */
	boolean anyDue() {
		return this.jdbc
			.sql("SELECT 1 FROM uis_session_fetches WHERE status = 'PENDING' AND due_at <= ? FETCH FIRST 1 ROWS ONLY")
			.param(Jdbc.ts(this.clock.now()))
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** The fetches due now (database time), oldest first. */
	List<Fetch> due(int limit) {
		return this.jdbc.sql("""
				SELECT * FROM uis_session_fetches WHERE status = 'PENDING' AND due_at <= ?
				ORDER BY due_at FETCH FIRST ? ROWS ONLY""")
			.params(Jdbc.ts(this.clock.now()), limit)
			.query(UisSessionFetchQueue::map)
			.list();
	}

	Optional<Fetch> find(long accountId, String callSessionId) {
		return this.jdbc.sql("SELECT * FROM uis_session_fetches WHERE account_id = ? AND call_session_id = ?")
			.params(accountId, callSessionId)
			.query(UisSessionFetchQueue::map)
			.optional();
	}

	/** The session's details were applied. */
	void done(Fetch fetch) {
		finish(fetch, "DONE", null);
	}

	/**
	 * The attempt found nothing yet or failed: due again after the next wait, or given up
	 * (the error kept) once the give-up time has passed.
	 * @return whether it will be tried again
	 */
	boolean retry(Fetch fetch, Text error) {
		Instant now = this.clock.now();
		int attempts = fetch.attempts() + 1;
		List<Duration> delays = this.properties.sessionFetchDelays();
		Instant next = now.plus(delays.get(Math.min(attempts, delays.size() - 1)));
		if (!next.isBefore(fetch.createdAt().plus(this.properties.sessionFetchGiveUpAfter()))) {
			finish(fetch, "GAVE_UP", error);
			return false;
		}
		this.jdbc.sql("""
				UPDATE uis_session_fetches SET attempts = ?, due_at = ?, last_error = ?, updated_at = ?
				WHERE account_id = ? AND call_session_id = ? AND status = 'PENDING'""")
			.params(attempts, Jdbc.ts(next), StoredText.store(error, 1000), Jdbc.ts(now), fetch.accountId(),
					fetch.callSessionId())
			.update();
		return true;
	}

	/** Gives up at once: the account cannot be asked (disabled, no credentials). */
	void giveUp(Fetch fetch, Text error) {
		finish(fetch, "GAVE_UP", error);
	}

	private void finish(Fetch fetch, String status, @Nullable Text error) {
		this.jdbc.sql("""
				UPDATE uis_session_fetches SET status = ?, attempts = attempts + 1, due_at = NULL, last_error = ?,
				    updated_at = ?
				WHERE account_id = ? AND call_session_id = ? AND status = ?""")
			.params(status, (error != null) ? StoredText.store(error, 1000) : null, Jdbc.ts(this.clock.now()),
					fetch.accountId(), fetch.callSessionId(), PENDING)
			.update();
	}

	private static Fetch map(ResultSet rs, int n) throws SQLException {
		return new Fetch(rs.getLong("account_id"), rs.getString("call_session_id"), rs.getString("status"),
				rs.getInt("attempts"), StoredText.read(rs.getString("last_error")), Jdbc.instant(rs, "created_at"));
	}

	/**
	 * One queued session.
	 *
	 * @param accountId the telephony account
	 * @param callSessionId UIS's {@code call_session_id}
	 * @param status {@code PENDING}, {@code DONE} or {@code GAVE_UP}
	 * @param attempts the attempts made
	 * @param lastError the last attempt's error, if any
	 * @param createdAt when the call's end was reported (database time)
	 */
	record Fetch(long accountId, String callSessionId, String status, int attempts, @Nullable Text lastError,
			Instant createdAt) {
	}

}
