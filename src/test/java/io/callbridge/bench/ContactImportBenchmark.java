package io.callbridge.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactImport;
import io.callbridge.contacts.ContactImportJobs;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the contacts CSV import ({@link ContactImportJobs#run}, the same path as the
 * API and the page) against the database's own bulk load of the same rows in the same
 * run: PostgreSQL's {@code COPY} (through the driver's CopyManager) or H2's
 * {@code CSVREAD}, into a plain table shaped like {@code contacts}. The tenant already
 * has {@code bench.existing} contacts, and on PostgreSQL the contact tables are never
 * analysed (autovacuum off for them during the run): the import's lookups must not need
 * statistics. The plans of its statements are logged, as EXPLAIN shows them then.
 */
@Benchmark
class ContactImportBenchmark {

	private static final boolean POSTGRES = "postgres".equals(System.getProperty("callbridge.test.database"));

	private final int rows = Integer.getInteger("bench.rows", POSTGRES ? 1_000_000 : 100_000);

	private final int existing = Integer.getInteger("bench.existing", POSTGRES ? 1_000_000 : 100_000);

	private static final String[] TABLES = { "contacts", "contact_phones", "contact_tags", "record_changes" };

	@Autowired
	TestData data;

	@Autowired
	ContactImportJobs jobs;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	@Timeout(value = 60, unit = TimeUnit.MINUTES)
	void importAgainstBulkLoad() throws Exception {
		long tenant = this.data.anyTenant();
		if (POSTGRES) {
			for (String table : TABLES) {
				this.jdbc.sql("ALTER TABLE " + table + " SET (autovacuum_enabled = false)").update();
			}
		}
		try {
			seed(tenant);
			Path warmup = csv(5_000, "W");
			this.jobs.run(tenant, Files.newInputStream(warmup), "warmup.csv", StandardCharsets.UTF_8,
					ImportMode.CREATE);
			Path file = csv(this.rows, "M");
			List<String> plans = plans(tenant);
			String statistics = statistics();

			long bulkNanos = bulkLoad(file);
			long start = System.nanoTime();
			ContactImport done = this.jobs.run(tenant, Files.newInputStream(file), "bench.csv", StandardCharsets.UTF_8,
					ImportMode.CREATE);
			long importNanos = System.nanoTime() - start;
			long bulkAgainNanos = bulkLoad(file);

			assertThat(done.state()).isEqualTo(ContactImport.State.DONE);
			assertThat(done.created()).isEqualTo(this.rows);
			report(file, importNanos, bulkNanos, bulkAgainNanos, plans, statistics);
			Files.deleteIfExists(file);
			Files.deleteIfExists(warmup);
		}
		finally {
			if (POSTGRES) {
				for (String table : TABLES) {
					this.jdbc.sql("ALTER TABLE " + table + " RESET (autovacuum_enabled)").update();
				}
			}
		}
	}

	// The contacts already there, with a number each, loaded by SQL (not measured).
	private void seed(long tenant) {
		String numbers = POSTGRES ? "generate_series(1, " + this.existing + ") AS s(x)"
				: "SYSTEM_RANGE(1, " + this.existing + ") AS s(x)";
		this.jdbc
			.sql("INSERT INTO contacts (tenant_id, name, external_id, created_at, updated_at, search_text) " + "SELECT "
					+ tenant + ", 'Existing ' || x, 'E-' || x, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
					+ "'existing ' || x FROM " + numbers)
			.update();
		this.jdbc
			.sql("INSERT INTO contact_phones (tenant_id, contact_id, e164, position) "
					+ "SELECT tenant_id, id, '+3491' || LPAD(CAST(id AS VARCHAR), 7, '0'), 0 FROM contacts "
					+ "WHERE tenant_id = " + tenant)
			.update();
	}

	// name, company, email, phones (a valid Spanish mobile each, two for every tenth
	// row), tags, notes, external_id.
	private static Path csv(int count, String prefix) throws IOException {
		Path file = Files.createTempFile("contact-import-bench-", ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("name,company,email,phones,tags,notes,external_id\n");
			for (int i = 0; i < count; i++) {
				String phone = String.format(Locale.ROOT, "6%02d %03d %03d", (i / 1_000_000) % 100, (i / 1000) % 1000,
						i % 1000);
				String phones = (i % 10 == 0) ? phone + ";+34 69" + phone.substring(2) : phone;
				out.write(
						String.format(Locale.ROOT, "Contacto %s%d Pérez,Empresa %d,c%s%d@example.com,%s,%s,%s,%s-%d%n",
								prefix, i, i % 500, prefix, i, phones, (i % 3 == 0) ? "vip;madrid" : "",
								(i % 7 == 0) ? "Prefiere mañanas" : "", prefix, i));
			}
		}
		return file;
	}

	// The same rows, as the columns of contacts they fill, into a plain table of the
	// same shape: COPY on PostgreSQL, CSVREAD on H2.
	private long bulkLoad(Path file) throws Exception {
		this.jdbc.sql("DROP TABLE IF EXISTS bench_contacts_copy").update();
		this.jdbc.sql("CREATE TABLE bench_contacts_copy (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
				+ "tenant_id BIGINT, name VARCHAR(200), company VARCHAR(200), email VARCHAR(200), phones VARCHAR(400), "
				+ "tags VARCHAR(400), notes VARCHAR(4000), external_id VARCHAR(100))")
			.update();
		String columns = "name, company, email, phones, tags, notes, external_id";
		long start = System.nanoTime();
		if (POSTGRES) {
			try (Connection connection = this.dataSource.getConnection(); InputStream in = Files.newInputStream(file)) {
				PGConnection pg = connection.unwrap(PGConnection.class);
				long copied = pg.getCopyAPI()
					.copyIn("COPY bench_contacts_copy (" + columns + ") FROM STDIN WITH (FORMAT csv, HEADER true)", in);
				assertThat(copied).isEqualTo(this.rows);
			}
		}
		else {
			this.jdbc
				.sql("INSERT INTO bench_contacts_copy (" + columns + ") SELECT * FROM CSVREAD('" + file.toAbsolutePath()
						+ "', NULL, 'charset=UTF-8')")
				.update();
		}
		return System.nanoTime() - start;
	}

	// The plans of the import's lookups on the tables as they are now (on PostgreSQL:
	// never analysed).
	private List<String> plans(long tenant) {
		List<String> plans = new ArrayList<>();
		String values = String.join(", ", Collections.nCopies(1000, "(CAST('E-1' AS VARCHAR(100)))"));
		plans.add(explain("SELECT v.x, (SELECT c.id FROM contacts c WHERE c.tenant_id = " + tenant
				+ " AND c.external_id = v.x) FROM (VALUES " + values + ") AS v(x)"));
		plans.add(explain("DELETE FROM contact_phones WHERE contact_id = 1"));
		plans.add(explain("DELETE FROM contact_tags WHERE contact_id = 1"));
		return plans;
	}

	private String explain(String sql) {
		List<String> lines = this.jdbc.sql("EXPLAIN " + sql).query((rs, n) -> rs.getString(1)).list();
		String plan = String.join(" / ", lines).replaceAll("\\s+", " ");
		return (plan.length() > 400) ? plan.substring(0, 400) + "…" : plan;
	}

	private String statistics() {
		if (!POSTGRES) {
			return "H2 (no planner statistics kept)";
		}
		return this.jdbc
			.sql("SELECT relname, n_live_tup, last_analyze, last_autoanalyze FROM pg_stat_user_tables "
					+ "WHERE relname IN ('contacts', 'contact_phones') ORDER BY relname")
			.query((rs, n) -> rs.getString(1) + ": live " + rs.getLong(2) + ", last_analyze " + rs.getString(3)
					+ ", last_autoanalyze " + rs.getString(4))
			.list()
			.toString();
	}

	private void report(Path file, long importNanos, long bulkNanos, long bulkAgainNanos, List<String> plans,
			String statistics) throws IOException {
		double importRate = this.rows / (importNanos / 1e9);
		double bulkRate = this.rows / (bulkNanos / 1e9);
		double bulkAgainRate = this.rows / (bulkAgainNanos / 1e9);
		BenchmarkReport report = new BenchmarkReport(
				"contact-import-" + System.getProperty("callbridge.test.database", "h2"),
				"Contact CSV import against " + (POSTGRES ? "COPY" : "CSVREAD") + " of the same rows",
				BenchmarkReport.database());
		report
			.line(String.format(Locale.ROOT,
					"%,d rows (%,d bytes; 10%% with two numbers, a third with tags) imported in create mode by "
							+ "ContactImportJobs.run into a tenant with %,d contacts; the bulk load of the same file "
							+ "into a plain table of the same shape ran before and after the import.",
					this.rows, Files.size(file), this.existing))
			.line("")
			.table("what", "seconds", "rows/s", "import ÷ bulk load")
			.row("contact import", importNanos / 1e9, importRate, "")
			.row((POSTGRES ? "COPY" : "CSVREAD") + " before", bulkNanos / 1e9, bulkRate,
					String.format(Locale.ROOT, "%.3f", importRate / bulkRate))
			.row((POSTGRES ? "COPY" : "CSVREAD") + " after", bulkAgainNanos / 1e9, bulkAgainRate,
					String.format(Locale.ROOT, "%.3f", importRate / bulkAgainRate))
			.line("")
			.line("Statistics before the import: " + statistics)
			.line("");
		plans.forEach((plan) -> report.line("- plan: `" + plan + "`"));
		report.publish();
	}

}
