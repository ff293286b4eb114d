package io.callbridge.calls.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import io.callbridge.telephony.StoredText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reconciliation state of each account; its {@code next_run_at} doubles as a lease so
 * that one node at a time reconciles an account.
 */
@Repository
class HistorySyncs {

	// The width of the last_error column (widened by V75).
	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	HistorySyncs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<HistorySyncState> find(long accountId) {
		return this.jdbc.sql("SELECT * FROM call_history_syncs WHERE account_id = ?")
			.param(accountId)
			.query(HistorySyncs::map)
			.optional();
	}

	/**
	 * Takes the account's scheduled run if it is due: moves {@code next_run_at} to
	 * {@code leaseUntil} unless another node did first.
	 */
	boolean claimIfDue(long accountId, Instant now, Instant leaseUntil) {
		Optional<HistorySyncState> state = find(accountId);
		if (state.isEmpty()) {
			return insertClaimed(accountId, leaseUntil);
		}
		if (state.get().nextRunAt().isAfter(now)) {
			return false;
		}
		return this.jdbc.sql("UPDATE call_history_syncs SET next_run_at = ? WHERE account_id = ? AND next_run_at = ?")
			.params(Jdbc.ts(leaseUntil), accountId, Jdbc.ts(state.get().nextRunAt()))
			.update() == 1;
	}

	private boolean insertClaimed(long accountId, Instant leaseUntil) {
		try {
			this.jdbc.sql("INSERT INTO call_history_syncs (account_id, next_run_at) VALUES (?, ?)")
				.params(accountId, Jdbc.ts(leaseUntil))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Records a scheduled run's success: the period is reconciled up to {@code until}.
	 */
	void succeeded(long accountId, Instant until, ReconciliationReport report, Instant nextRunAt) {
		this.jdbc.sql("""
				UPDATE call_history_syncs SET synced_until = ?, next_run_at = ?, last_run_at = ?, last_checked = ?,
				    last_added = ?, last_completed = ?, last_error = NULL
				WHERE account_id = ?""")
			.params(Jdbc.ts(until), Jdbc.ts(nextRunAt), Jdbc.ts(Instant.now()), report.checked(), report.added(),
					report.completed(), accountId)
			.update();
	}

	/**
	 * Records a failed run; the period stays unreconciled and is tried again next time.
	 */
	void failed(long accountId, Text error, Instant nextRunAt) {
		this.jdbc.sql("""
				UPDATE call_history_syncs SET next_run_at = ?, last_run_at = ?, last_error = ?
				WHERE account_id = ?""")
			.params(Jdbc.ts(nextRunAt), Jdbc.ts(Instant.now()), StoredText.store(error, MAX_ERROR), accountId)
			.update();
	}

	private static HistorySyncState map(ResultSet rs, int row) throws SQLException {
		Instant next = Jdbc.instant(rs, "next_run_at");
		return new HistorySyncState(rs.getLong("account_id"), Jdbc.instant(rs, "synced_until"),
				(next != null) ? next : Instant.EPOCH, Jdbc.instant(rs, "last_run_at"),
				Jdbc.intOrNull(rs, "last_checked"), Jdbc.intOrNull(rs, "last_added"),
				Jdbc.intOrNull(rs, "last_completed"), StoredText.read(rs.getString("last_error")));
	}

}
