package io.callbridge.screenpop;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Chooses the console fan-out for the database in use: PostgreSQL notifications, which
 * reach every node sharing the database, or local delivery on the single-node H2 default.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleFanOutConfiguration {

	@Bean
	ConsoleFanOut consoleFanOut(DataSource dataSource, JdbcClient jdbc, ConsoleDelivery delivery) {
		return isPostgres(dataSource) ? new PostgresConsoleFanOut(dataSource, jdbc, delivery)
				: new LocalConsoleFanOut(delivery);
	}

	private static boolean isPostgres(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return "PostgreSQL".equals(product);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database the console fan-out runs on", ex);
		}
	}

}
