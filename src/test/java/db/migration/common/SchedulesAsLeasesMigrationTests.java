package db.migration.common;

import java.sql.SQLException;

import io.callbridge.support.PostgresAvailability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation whose polls and history syncs were scheduled in their own rows keeps
 * its schedule when they become leases (V81): each next run becomes the end of its lease,
 * so the upgrade neither skips nor repeats a run. On H2 and on PostgreSQL.
 */
@Tag("integration")
@ExtendWith(PostgresAvailability.class)
class SchedulesAsLeasesMigrationTests {

	private MigrationTestDatabase database;

	@BeforeEach
	void databaseWithSchedulesInTheirOwnRows() throws SQLException {
		this.database = new MigrationTestDatabase();
		this.database.migrateTo("80");
	}

	@AfterEach
	void dropIt() throws SQLException {
		this.database.close();
	}

	@Test
	void eachScheduledPollAndSyncBecomesALeaseEndingAtItsNextRun() throws SQLException {
		long account = this.database.insertAccount("callmyway", "{}");
		this.database.execute("INSERT INTO %s.provider_polls (account_id, kind, next_poll_at, interval_ms, "
				+ "last_started_at) VALUES (" + account + ", 'live', TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:04+00',"
				+ " 4000, TIMESTAMP WITH TIME ZONE '2026-12-01 10:00:00+00')");
		this.database.execute("INSERT INTO %s.call_history_syncs (account_id, next_run_at) VALUES (" + account
				+ ", TIMESTAMP WITH TIME ZONE '2026-12-01 10:15:00+00')");

		this.database.migrateTo(null);

		assertThat(heldUntil("poll:live:" + account)).startsWith("2026-12-01 10:00:04");
		assertThat(heldUntil("history-sync:" + account)).startsWith("2026-12-01 10:15:00");
	}

	private String heldUntil(String lease) throws SQLException {
		return this.database.queryString("SELECT CAST(held_until AT TIME ZONE 'UTC' AS VARCHAR(40)) FROM "
				+ "%s.coordination_leases WHERE name = '" + lease + "'");
	}

}
