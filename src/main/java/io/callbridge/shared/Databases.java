package io.callbridge.shared;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database Callbridge runs on, for the few parts that choose a strategy per vendor
 * when they are built (never per statement).
 */
public final class Databases {

	private Databases() {
	}

	/**
	 * Whether the data source is a PostgreSQL database (else the embedded H2 default).
	 */
	public static boolean isPostgres(DataSource dataSource) {
		try {
			return "PostgreSQL".equalsIgnoreCase(
					JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database Callbridge runs on", ex);
		}
	}

}
