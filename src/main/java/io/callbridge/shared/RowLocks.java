package io.callbridge.shared;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * The row lock a transaction takes on rows it is about to update without changing their
 * keys: the clause to end a {@code SELECT} with.
 * <p>
 * Why: on PostgreSQL every insert into a table with a foreign key share-locks the row it
 * refers to ({@code FOR KEY SHARE}), and {@code FOR UPDATE} waits for that lock — so an
 * ingestion lane locking its calls {@code FOR UPDATE} and the statistics writer inserting
 * the facts of some of the same calls (a late event of an ended call) waited for each
 * other in opposite orders and deadlocked (a benchmark with the answers not waiting for
 * the apply: 1–3 deadlocks per 20,000 events, each batch then applied call by call).
 * {@code FOR NO KEY UPDATE}, the lock PostgreSQL's own {@code UPDATE} takes when no key
 * column changes, excludes every other writer of the row but not a referring insert. H2
 * has only {@code FOR UPDATE}, and its foreign-key checks take no row lock.
 */
@Component
public class RowLocks {

	private final String forUpdate;

	RowLocks(DataSource dataSource) {
		this.forUpdate = Databases.isPostgres(dataSource) ? " FOR NO KEY UPDATE" : " FOR UPDATE";
	}

	/**
	 * The clause (with a leading space) that locks the selected rows against every other
	 * writer, not against inserts into tables that refer to them.
	 */
	public String forUpdate() {
		return this.forUpdate;
	}

}
