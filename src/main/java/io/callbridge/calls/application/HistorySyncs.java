package io.callbridge.calls.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import io.callbridge.telephony.StoredText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reconciliation state of each account, and its schedule: a scheduled run is a
 * {@link Leases lease} ({@code history-sync:<account>}) on the database's clock, held
 * while the run lasts and then until the next run is due, so one node at a time
 * reconciles an account and each run happens once per interval whatever the nodes' clocks
 * say. Every time written here is the database's.
 */
@Repository
class HistorySyncs {

	/** How long a claimed run may last before another node may take over. */
	static final Duration LEASE = Duration.ofMinutes(10);

	// The width of the last_error column (widened by V75).
	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	private final Leases leases;

	private final DatabaseClock clock;

	HistorySyncs(JdbcClient jdbc, Leases leases, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.leases = leases;
		this.clock = clock;
	}

	/** The name of the lease of an account's scheduled runs. */
	static String leaseName(long accountId) {
		return "history-sync:" + accountId;
	}

	Optional<HistorySyncState> find(long accountId) {
		return this.jdbc.sql("SELECT * FROM call_history_syncs WHERE account_id = ?")
			.param(accountId)
			.query(HistorySyncs::map)
			.optional();
	}

	/**
	 * Takes the account's scheduled run if it is due, unless another node did first; the
	 * stored next run then reads as the lease's end.
	 * @return the lease, whose {@link Lease#acquiredAt()} is the run's "now"
	 */
	Optional<Lease> claimIfDue(long accountId) {
		Optional<Lease> lease = this.leases.acquire(leaseName(accountId), LEASE);
		lease.ifPresent((held) -> nextRunAt(accountId, held.heldUntil()));
		return lease;
	}

	/** Gives a claimed run back unused: the account may be claimed again at once. */
	void abandon(Lease lease) {
		this.leases.release(lease, Duration.ZERO);
	}

	/**
	 * Records a scheduled run's success: the period is reconciled up to {@code until},
	 * and the next run is due at {@code nextRunAt}.
	 */
	void succeeded(long accountId, Lease lease, Instant until, ReconciliationReport report, Instant nextRunAt) {
		this.jdbc.sql("""
				UPDATE call_history_syncs SET synced_until = ?, next_run_at = ?, last_run_at = ?, last_checked = ?,
				    last_added = ?, last_completed = ?, last_error = NULL
				WHERE account_id = ?""")
			.params(Jdbc.ts(until), Jdbc.ts(nextRunAt), Jdbc.ts(this.clock.now()), report.checked(), report.added(),
					report.completed(), accountId)
			.update();
		this.leases.releaseAt(lease, nextRunAt);
	}

	/**
	 * Records a failed run; the period stays unreconciled and is tried again at
	 * {@code nextRunAt}.
	 */
	void failed(long accountId, Lease lease, Text error, Instant nextRunAt) {
		this.jdbc.sql("""
				UPDATE call_history_syncs SET next_run_at = ?, last_run_at = ?, last_error = ?
				WHERE account_id = ?""")
			.params(Jdbc.ts(nextRunAt), Jdbc.ts(this.clock.now()), StoredText.store(error, MAX_ERROR), accountId)
			.update();
		this.leases.releaseAt(lease, nextRunAt);
	}

	// The lease is this node's: no other node writes the row until it ends.
	private void nextRunAt(long accountId, Instant nextRunAt) {
		int updated = this.jdbc.sql("UPDATE call_history_syncs SET next_run_at = ? WHERE account_id = ?")
			.params(Jdbc.ts(nextRunAt), accountId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO call_history_syncs (account_id, next_run_at) VALUES (?, ?)")
				.params(accountId, Jdbc.ts(nextRunAt))
				.update();
		}
	}

	private static HistorySyncState map(ResultSet rs, int row) throws SQLException {
		Instant next = Jdbc.instant(rs, "next_run_at");
		return new HistorySyncState(rs.getLong("account_id"), Jdbc.instant(rs, "synced_until"),
				(next != null) ? next : Instant.EPOCH, Jdbc.instant(rs, "last_run_at"),
				Jdbc.intOrNull(rs, "last_checked"), Jdbc.intOrNull(rs, "last_added"),
				Jdbc.intOrNull(rs, "last_completed"), StoredText.read(rs.getString("last_error")));
	}

}
