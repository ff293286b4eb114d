package io.callbridge.screenpop;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the console fan-out for the database in use: PostgreSQL notifications, which
 * reach every node sharing the database, or local delivery on the single-node H2 default.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleFanOutConfiguration {

	@Bean
	ConsoleFanOut consoleFanOut(DataSource dataSource, JdbcClient jdbc, ConsoleDelivery delivery) {
		return Databases.isPostgres(dataSource) ? new PostgresConsoleFanOut(dataSource, jdbc, delivery)
				: new LocalConsoleFanOut(delivery);
	}

}
