package io.callbridge.contacts;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chooses how contact imports insert their rows for the database in use: {@code COPY} on
 * PostgreSQL, multi-row {@code INSERT}s elsewhere.
 */
@Configuration(proxyBeanMethods = false)
class ContactInsertsConfiguration {

	@Bean
	ContactInserts contactInserts(DataSource dataSource, JdbcTemplate jdbc) {
		return Databases.isPostgres(dataSource) ? new PostgresContactInserts(jdbc) : new PortableContactInserts(jdbc);
	}

}
