package io.callbridge.calls.application;

import java.util.Objects;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chooses how a new call's row is inserted for the database in use: skipped on conflict
 * by PostgreSQL itself, in a savepoint elsewhere.
 */
@Configuration(proxyBeanMethods = false)
class NewCallRowsConfiguration {

	@Bean
	NewCallRows newCallRows(DataSource dataSource, CallRecords records, TransactionTemplate transactions) {
		return Databases.isPostgres(dataSource) ? new PostgresNewCallRows(records)
				: new SavepointNewCallRows(records, Objects.requireNonNull(transactions.getTransactionManager()));
	}

}
