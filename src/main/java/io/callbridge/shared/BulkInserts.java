package io.callbridge.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs the batched inserts of a bulk writer (a page of the call history, the call facts
 * of many calls) so that PostgreSQL's foreign-key checks are not planned again for every
 * row.
 * <p>
 * Why: the connections run with {@code plan_cache_mode = force_custom_plan}, so that a
 * lookup never keeps a plan made while its table was small (see the {@code postgres}
 * profile). PostgreSQL checks each foreign key of an inserted row with a primary-key
 * lookup it prepares once per connection; under that mode the lookup is planned again for
 * every row, which took more time than the insert itself (a batch of 500 calls with their
 * foreign keys: 92 ms). Inside the given work the transaction uses the server's default
 * mode, under which those lookups keep their plan (an index scan of a primary key,
 * whatever the statistics); the mode is set back afterwards, so the transaction's own
 * lookups that follow are planned as before. H2 has no such setting.
 */
@Component
public class BulkInserts {

	private final JdbcTemplate jdbc;

	private final boolean postgres;

	BulkInserts(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.postgres = Databases.isPostgres(dataSource);
	}

	/**
	 * Whether the database is PostgreSQL, where a bulk writer may {@code COPY} (see
	 * {@link CopyText}).
	 */
	public boolean onPostgres() {
		return this.postgres;
	}

	/**
	 * Runs inserts with the database's default plan cache mode (PostgreSQL, inside a
	 * transaction; otherwise just runs them).
	 * @param inserts the inserts, and nothing that looks rows up by other than a key
	 */
	public void run(Runnable inserts) {
		if (!this.postgres || !TransactionSynchronizationManager.isActualTransactionActive()) {
			inserts.run();
			return;
		}
		// The mode in force, read before it is switched, in one round trip: the
		// materialised CTE's row is produced before the projection over it sets the mode.
		String mode = this.jdbc.queryForObject("""
				WITH before AS MATERIALIZED (SELECT current_setting('plan_cache_mode') AS mode)
				SELECT mode, set_config('plan_cache_mode', 'auto', true) FROM before""",
				(rs, row) -> rs.getString("mode"));
		inserts.run();
		// Not when the inserts failed: the transaction (or savepoint) that fails takes
		// the
		// setting back with it.
		this.jdbc.queryForObject("SELECT set_config('plan_cache_mode', ?, true)", String.class, mode);
	}

	/**
	 * {@link #run(Runnable)} for inserts with a result.
	 * @param <T> the result
	 * @param inserts the inserts
	 * @return their result
	 */
	public <T> T get(Supplier<T> inserts) {
		List<T> result = new ArrayList<>(1);
		run(() -> result.add(inserts.get()));
		return result.get(0);
	}

}
