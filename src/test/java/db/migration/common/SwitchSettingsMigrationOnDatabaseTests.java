package db.migration.common;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.callbridge.support.PostgresAvailability;
import org.flywaydb.core.Flyway;
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

	private final boolean postgres = "postgres".equals(System.getProperty("callbridge.test.database"));

	private final String schema = "v90_" + UUID.randomUUID().toString().substring(0, 8);

	private Connection connection;

	@BeforeEach
	void databaseAtTheVersionBeforeTypedSettings() throws SQLException {
		this.connection = this.postgres
				? DriverManager.getConnection(
						System.getenv()
							.getOrDefault("CALLBRIDGE_TEST_DB_URL", "jdbc:postgresql://localhost:5432/callbridge_test"),
						System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_USER", "postgres"),
						System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_PASSWORD", ""))
				: DriverManager.getConnection("jdbc:h2:mem:" + this.schema + ";DB_CLOSE_DELAY=-1", "sa", "");
		flyway("80").migrate();
	}

	@AfterEach
	void dropIt() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(this.postgres ? "DROP SCHEMA " + this.schema + " CASCADE" : "SHUTDOWN");
		}
		finally {
			this.connection.close();
		}
	}

	@Test
	void switchesStoredAsYesOrZeroReadAsMeantAfterTheMigration() throws SQLException {
		long account = insertAccount("{\"createLeads\":\"yes\",\"reconcile\":\"0\",\"blacklist\":\"maybe\"}");
		long untouched = insertAccount("{\"extensions\":\"100-119\"}");

		flyway(null).migrate();

		assertThat(settingsOf(account))
			.isEqualTo("{\"createLeads\":\"true\",\"reconcile\":\"false\",\"blacklist\":\"maybe\"}");
		assertThat(settingsOf(untouched)).isEqualTo("{\"extensions\":\"100-119\"}");
	}

	private long insertAccount(String settings) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			String token = UUID.randomUUID().toString();
			statement.execute(qualified("INSERT INTO %s.tenants (slug, name, default_region, time_zone, currency, "
					+ "created_at) VALUES ('" + token + "', 'T', 'ES', 'Europe/Madrid', 'EUR', CURRENT_TIMESTAMP)"));
			statement.execute(qualified("INSERT INTO %s.telephony_accounts (tenant_id, provider, name, settings, "
					+ "webhook_token, enabled, created_at) SELECT id, 'zadarma', 'Z', '" + settings + "', '" + token
					+ "', TRUE, CURRENT_TIMESTAMP FROM %s.tenants WHERE slug = '" + token + "'"));
			try (ResultSet rows = statement.executeQuery(
					qualified("SELECT id FROM %s.telephony_accounts WHERE webhook_token = '" + token + "'"))) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private String settingsOf(long account) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement
					.executeQuery(qualified("SELECT settings FROM %s.telephony_accounts WHERE id = " + account))) {
			rows.next();
			return rows.getString(1);
		}
	}

	private String qualified(String sql) {
		return sql.replace("%s", this.postgres ? this.schema : "PUBLIC");
	}

	private Flyway flyway(String target) {
		var configuration = Flyway.configure()
			.dataSource(new org.springframework.jdbc.datasource.SingleConnectionDataSource(this.connection, true))
			.locations("classpath:db/migration/common",
					"classpath:db/migration/" + (this.postgres ? "postgresql" : "h2"))
			.schemas(this.postgres ? this.schema : "PUBLIC")
			.createSchemas(true);
		return ((target != null) ? configuration.target(target) : configuration).load();
	}

}
