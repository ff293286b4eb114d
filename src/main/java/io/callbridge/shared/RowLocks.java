package io.callbridge.shared;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
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

	/**
	 * SQL states of a lock another transaction holds, refused at once ({@code NOWAIT}):
	 * PostgreSQL's lock_not_available, H2's lock timeout.
	 */
	private static final Set<String> LOCKED_ELSEWHERE = Set.of("55P03", "HYT00");

	private final String forUpdate;

	RowLocks(DataSource dataSource) {
		this.forUpdate = Databases.isPostgres(dataSource) ? " FOR NO KEY UPDATE" : " FOR UPDATE";
	}

	/**
	 * {@link #forUpdate()} refused at once when another transaction holds a row, instead
	 * of waiting: run the statement with {@link #atOnce}.
	 */
	public String forUpdateAtOnce() {
		return this.forUpdate + " NOWAIT";
	}

	/**
	 * Runs a statement that locks with {@link #forUpdateAtOnce()}, telling a row held
	 * elsewhere apart from other failures (as the drivers' SQL states say; the exception
	 * Spring's translation gives here need not).
	 * @throws CannotAcquireLockException when another transaction holds a row (the
	 * transaction is then aborted on PostgreSQL)
	 */
	public <T> T atOnce(Supplier<T> statement) {
		try {
			return statement.get();
		}
		catch (DataAccessException ex) {
			if (lockedElsewhere(ex)) {
				throw new CannotAcquireLockException("A row is locked by another transaction", ex);
			}
			throw ex;
		}
	}

	/**
	 * The clause (with a leading space) that locks the selected rows against every other
	 * writer, not against inserts into tables that refer to them.
	 */
	public String forUpdate() {
		return this.forUpdate;
	}

	// The first SQL exception in the chain: H2's own cause below it is not one.
	private static boolean lockedElsewhere(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return LOCKED_ELSEWHERE.contains(sql.getSQLState());
			}
		}
		return false;
	}

}
