package io.callbridge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own for a test class that must be the only node of its database: on
 * PostgreSQL the suite's cached application contexts share one database and act as nodes
 * of one cluster (they share the ingestion lanes, for one). Created afresh next to the
 * suite's database (same server, its name with a suffix); on H2 every context has its own
 * in-memory database already, so nothing is done.
 */
public final class OwnDatabase {

	private OwnDatabase() {
	}

	/**
	 * Points the class's context at a new PostgreSQL database named after the suite's
	 * with the suffix (dropped first if a run before left it): call from a
	 * {@code @DynamicPropertySource} method.
	 */
	public static void onPostgres(DynamicPropertyRegistry registry, String suffix) {
		if (!"postgres".equals(System.getProperty("callbridge.test.database"))) {
			return;
		}
		String url = System.getenv()
			.getOrDefault("CALLBRIDGE_TEST_DB_URL", "jdbc:postgresql://localhost:5432/callbridge_test");
		String user = System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_USER", "postgres");
		String password = System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_PASSWORD", "");
		int slash = url.lastIndexOf('/');
		int query = url.indexOf('?', slash);
		String name = ((query < 0) ? url.substring(slash + 1) : url.substring(slash + 1, query)) + "_" + suffix;
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			// Quoted: the URL names it exactly, case and all.
			String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
			statement.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + quoted);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database " + name, ex);
		}
		String own = url.substring(0, slash + 1) + name + ((query < 0) ? "" : url.substring(query));
		registry.add("spring.datasource.url", () -> own);
	}

}
