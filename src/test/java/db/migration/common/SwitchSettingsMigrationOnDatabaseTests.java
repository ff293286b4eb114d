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
 * An installation from before typed settings migrates: accounts stored with switches such
 * as {@code yes} or {@code 0} read as meant after V90, on H2 and on PostgreSQL (in a
 * schema of its own, dropped afterwards).
 */
@Tag("integration")
@ExtendWith(PostgresAvailability.class)
class SwitchSettingsMigrationOnDatabaseTests {

	private MigrationTestDatabase database;

	@BeforeEach
	void databaseAtTheVersionBeforeTypedSettings() throws SQLException {
		this.database = new MigrationTestDatabase();
		this.database.migrateTo("80");
	}

	@AfterEach
	void dropIt() throws SQLException {
		this.database.close();
	}

	@Test
	void switchesStoredAsYesOrZeroReadAsMeantAfterTheMigration() throws SQLException {
		long account = this.database.insertAccount("zadarma",
				"{\"createLeads\":\"yes\",\"reconcile\":\"0\",\"blacklist\":\"maybe\"}");
		long untouched = this.database.insertAccount("zadarma", "{\"extensions\":\"100-119\"}");

		this.database.migrateTo(null);

		assertThat(settingsOf(account))
			.isEqualTo("{\"createLeads\":\"true\",\"reconcile\":\"false\",\"blacklist\":\"maybe\"}");
		assertThat(settingsOf(untouched)).isEqualTo("{\"extensions\":\"100-119\"}");
	}

	private String settingsOf(long account) throws SQLException {
		return this.database.queryString("SELECT settings FROM %s.telephony_accounts WHERE id = " + account);
	}

}
