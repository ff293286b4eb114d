package io.callbridge.shared;

import java.util.Collection;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Builds the query that reads a table's rows by many keys (a batch's calls) as one index
 * probe per key, whatever the planner knows of the table.
 * <p>
 * Why: PostgreSQL prices {@code key IN (…500 keys…)} as 500 random index probes against
 * one sequential scan, and chose the scan for every batch while the table held fewer than
 * about 150,000 narrow rows — with statistics or without (call facts of a 100,000-call
 * history sync: 8–37 ms a batch read the whole table, 0.1 ms per 50 keys through the
 * primary key). On PostgreSQL the keys are therefore unnested and each probed by a
 * lateral subquery ({@code OFFSET 0} keeps it from being flattened into a join the
 * planner could hash); H2, which has no {@code LATERAL}, probes its index for
 * {@code = ANY(?)} by itself. The keys are one array parameter on both.
 */
@Component
public class KeyedReads {

	private final boolean postgres;

	KeyedReads(DataSource dataSource) {
		this.postgres = Databases.isPostgres(dataSource);
	}

	/**
	 * The query for rows of {@code table} whose {@code key} is among the keys given as
	 * its first parameter ({@link #keys}); a key without a row gives no row.
	 * @param columns the columns read, each qualified by the alias {@code k} (e.g.
	 * {@code "k.call_id, k.result"})
	 * @param table the table
	 * @param key its key column (a {@code BIGINT} that an index leads with)
	 * @return the SQL, with one {@code ?}
	 */
	public String select(String columns, String table, String key) {
		return select(columns, table, key, null);
	}

	/**
	 * The same, of the rows that also meet a condition.
	 * @param columns the columns read, each qualified by the alias {@code k}
	 * @param table the table
	 * @param key its key column (a {@code BIGINT} that an index leads with)
	 * @param condition a condition on the table's columns, unqualified (e.g.
	 * {@code "tenant_id = ?"}); its parameters follow the keys
	 * @return the SQL, to which an {@code ORDER BY} of {@code k}'s columns may be added
	 */
	public String select(String columns, String table, String key, @Nullable String condition) {
		String and = (condition != null) ? " AND " + condition : "";
		if (this.postgres) {
			return "SELECT " + columns + " FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS keys (id) CROSS JOIN LATERAL "
					+ "(SELECT * FROM " + table + " WHERE " + key + " = keys.id" + and + " OFFSET 0) AS k";
		}
		return "SELECT " + columns + " FROM " + table + " k WHERE k." + key + " = ANY(CAST(? AS BIGINT ARRAY))" + and;
	}

	/**
	 * Whether this database probes each key through a lateral subquery (PostgreSQL): then
	 * a query by keys other than one {@code BIGINT} should be written that way too (see
	 * the class comment).
	 * @return true on PostgreSQL
	 */
	public boolean lateral() {
		return this.postgres;
	}

	/**
	 * The parameter of a {@link #select} query: each key once, so that a key given twice
	 * gives its row once on either database.
	 * @param keys the keys
	 * @return them as the array parameter
	 */
	public static Long[] keys(Collection<Long> keys) {
		return keys.stream().distinct().toArray(Long[]::new);
	}

}
