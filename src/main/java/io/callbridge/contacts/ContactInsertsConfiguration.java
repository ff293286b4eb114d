package io.callbridge.contacts;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Chooses how contact imports insert their rows for the database in use: {@code COPY} on
 * PostgreSQL, multi-row {@code INSERT}s elsewhere.
 */
@Configuration(proxyBeanMethods = false)
class ContactInsertsConfiguration {

	@Bean
	ContactInserts contactInserts(DataSource dataSource, JdbcTemplate jdbc) {
		return isPostgres(dataSource) ? new PostgresContactInserts(jdbc) : new PortableContactInserts(jdbc);
	}

	private static boolean isPostgres(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return "PostgreSQL".equals(product);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database contact imports write to", ex);
		}
	}

}
