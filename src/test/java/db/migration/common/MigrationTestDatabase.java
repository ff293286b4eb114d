package db.migration.common;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database of its own for a migration test: an H2 in-memory database, or a schema of
 * its own on the test PostgreSQL (dropped on {@link #close()}), migrated to a chosen
 * version so that a test can put an older installation's rows in before migrating on.
 */
final class MigrationTestDatabase implements AutoCloseable {

	private final boolean postgres = "postgres".equals(System.getProperty("callbridge.test.database"));

	private final String schema = "m_" + UUID.randomUUID().toString().substring(0, 8);

	private final Connection connection;

	MigrationTestDatabase() throws SQLException {
		this.connection = this.postgres
				? DriverManager.getConnection(
						System.getenv()
							.getOrDefault("CALLBRIDGE_TEST_DB_URL", "jdbc:postgresql://localhost:5432/callbridge_test"),
						System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_USER", "postgres"),
						System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_PASSWORD", ""))
				: DriverManager.getConnection("jdbc:h2:mem:" + this.schema + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	/** Migrates to {@code version}, or to the latest when null. */
	void migrateTo(String version) {
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(new SingleConnectionDataSource(this.connection, true))
			.locations("classpath:db/migration/common",
					"classpath:db/migration/" + (this.postgres ? "postgresql" : "h2"))
			.schemas(this.postgres ? this.schema : "PUBLIC")
			.createSchemas(true);
		((version != null) ? configuration.target(version) : configuration).load().migrate();
	}

	/** Runs a statement; {@code %s} stands for the schema. */
	void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(qualified(sql));
		}
	}

	/** The first column of the first row a query answers; {@code %s} is the schema. */
	String queryString(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement.executeQuery(qualified(sql))) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

	/** Inserts a tenant and a telephony account of {@code provider}; returns its id. */
	long insertAccount(String provider, String settings) throws SQLException {
		String token = UUID.randomUUID().toString();
		execute("INSERT INTO %s.tenants (slug, name, default_region, time_zone, currency, created_at) VALUES ('" + token
				+ "', 'T', 'ES', 'Europe/Madrid', 'EUR', CURRENT_TIMESTAMP)");
		execute("INSERT INTO %s.telephony_accounts (tenant_id, provider, name, settings, webhook_token, enabled, "
				+ "created_at) SELECT id, '" + provider + "', 'A', '" + settings + "', '" + token
				+ "', TRUE, CURRENT_TIMESTAMP FROM %s.tenants WHERE slug = '" + token + "'");
		return Long
			.parseLong(queryString("SELECT id FROM %s.telephony_accounts WHERE webhook_token = '" + token + "'"));
	}

	private String qualified(String sql) {
		return sql.replace("%s", this.postgres ? this.schema : "PUBLIC");
	}

	@Override
	public void close() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(this.postgres ? "DROP SCHEMA " + this.schema + " CASCADE" : "SHUTDOWN");
		}
		finally {
			this.connection.close();
		}
	}

}
