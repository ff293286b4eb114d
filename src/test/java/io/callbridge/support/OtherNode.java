package io.callbridge.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.callbridge.CallbridgeApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another node of the test's database: a second application context started on the
 * database the test's own context opened (its test profile would open a new in-memory
 * database otherwise), with the same profiles and fake providers. Close it to stop it.
 */
public final class OtherNode {

	private OtherNode() {
	}

	/**
	 * Starts the node.
	 * @param environment the test context's environment (for its profiles)
	 * @param dataSource the test context's data source (for its URL)
	 * @param arguments further command-line arguments ({@code --name=value})
	 */
	public static ConfigurableApplicationContext start(Environment environment, DataSource dataSource,
			String... arguments) {
		return start(environment, dataSource, List.of(), arguments);
	}

	/**
	 * Starts the node with more beans.
	 * @param environment the test context's environment (for its profiles)
	 * @param dataSource the test context's data source (for its URL)
	 * @param beans classes registered as beans of the node only
	 * @param arguments further command-line arguments ({@code --name=value})
	 */
	public static ConfigurableApplicationContext start(Environment environment, DataSource dataSource,
			List<Class<?>> beans, String... arguments) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url(dataSource)));
		args.addAll(List.of(arguments));
		List<Class<?>> sources = new ArrayList<>(List.of(CallbridgeApplication.class, FakeProviderConfiguration.class));
		sources.addAll(beans);
		// Arguments, not default properties: the test profile's own URL would win over
		// those.
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).profiles(environment.getActiveProfiles())
			.run(args.toArray(String[]::new));
	}

	/** Whether the suite runs on H2 (otherwise PostgreSQL). */
	public static boolean h2() {
		return !"postgres".equals(System.getProperty("callbridge.test.database"));
	}

	// The URL as opened: the test URL names a random in-memory database.
	private static String url(DataSource dataSource) {
		try {
			return dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
