package io.callbridge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the PostgreSQL run, checks that the server answers. On a developer machine without
 * PostgreSQL the PostgreSQL run is skipped with a clear reason; in CI ({@code CI=true})
 * it fails instead, so the suite can never silently not run there.
 */
public class PostgresAvailability implements ExecutionCondition {

	private static volatile Boolean reachable;

	private static volatile String failure = "";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (!"postgres".equals(System.getProperty("callbridge.test.database"))) {
			return ConditionEvaluationResult.enabled("H2 run");
		}
		if (reachable == null) {
			reachable = check();
		}
		if (reachable) {
			return ConditionEvaluationResult.enabled("PostgreSQL reachable");
		}
		String reason = "PostgreSQL at " + url() + " is not reachable (" + failure + ")";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + ": in CI the PostgreSQL suite must run");
		}
		return ConditionEvaluationResult.disabled(reason + ": PostgreSQL suite skipped");
	}

	private static boolean check() {
		DriverManager.setLoginTimeout(5);
		String user = System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_USER", "postgres");
		String password = System.getenv().getOrDefault("CALLBRIDGE_TEST_DB_PASSWORD", "");
		try (Connection connection = DriverManager.getConnection(url(), user, password)) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			failure = ex.getMessage();
			return false;
		}
	}

	private static String url() {
		return System.getenv()
			.getOrDefault("CALLBRIDGE_TEST_DB_URL", "jdbc:postgresql://localhost:5432/callbridge_test");
	}

}
