package io.callbridge.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rows read by many keys: exactly the rows of the keys given, each once, on H2 and
 * PostgreSQL; and on PostgreSQL one primary-key probe per key on a table that was never
 * analysed and is small enough for {@code id IN (…)} to be planned as a sequential scan.
 */
@IntegrationTest
class KeyedReadsTests {

	private static final boolean POSTGRES = "postgres".equals(System.getProperty("callbridge.test.database"));

	private static final String TABLE = "keyed_reads_probe";

	private static final int ROWS = 20_000;

	@Autowired
	KeyedReads keyed;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate batches;

	@BeforeEach
	void createTable() {
		this.jdbc.sql("CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, label VARCHAR(20) NOT NULL)").update();
		List<Object[]> rows = new ArrayList<>();
		for (long id = 1; id <= ROWS; id++) {
			rows.add(new Object[] { id, "row " + id });
		}
		this.batches.batchUpdate("INSERT INTO " + TABLE + " (id, label) VALUES (?, ?)", rows);
	}

	@AfterEach
	void dropTable() {
		this.jdbc.sql("DROP TABLE " + TABLE).update();
	}

	@Test
	void readsTheRowsOfTheKeysGivenEachOnceAndNothingForAKeyWithoutARow() {
		List<Long> keys = List.of(7L, 19_999L, 7L, 40_000L, 1L);

		List<String> labels = this.jdbc.sql(this.keyed.select("k.id, k.label", TABLE, "id"))
			.param(KeyedReads.keys(keys))
			.query((rs, n) -> rs.getLong("id") + "=" + rs.getString("label"))
			.list();

		assertThat(labels).containsExactlyInAnyOrder("7=row 7", "19999=row 19999", "1=row 1");
	}

	@Test
	void noKeysReadNoRows() {
		assertThat(this.jdbc.sql(this.keyed.select("k.id", TABLE, "id"))
			.param(KeyedReads.keys(List.of()))
			.query(Long.class)
			.list()).isEmpty();
	}

	@Test
	void postgresProbesThePrimaryKeyForEachKeyOfABatchWithoutStatistics() {
		assumeTrue(POSTGRES, "PostgreSQL's plan");
		Long[] batch = LongStream.rangeClosed(1, 500).map((i) -> i * 37).boxed().toArray(Long[]::new);

		String plan = String.join("\n",
				this.jdbc.sql("EXPLAIN " + this.keyed.select("k.id, k.label", TABLE, "id"))
					.param(batch)
					.query(String.class)
					.list());

		assertThat(plan).doesNotContain("Seq Scan").contains("Index Scan using " + TABLE + "_pkey");
	}

}
