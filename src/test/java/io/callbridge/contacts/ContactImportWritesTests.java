package io.callbridge.contacts;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.shared.Problems;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an import writes, on H2 (multi-row inserts) and on PostgreSQL ({@code COPY}):
 * every character of the file's values stored as it was, blanks as {@code NULL}, ids and
 * the change feed in file order, PostgreSQL's plan setting confined to the import's
 * transaction; and all or nothing over a file of many batches, where earlier batches were
 * already written when the bad row is read.
 */
@IntegrationTest
class ContactImportWritesTests {

	private static final boolean POSTGRES = "postgres".equals(System.getProperty("callbridge.test.database"));

	@Autowired
	ContactImportJobs jobs;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ContactInserts inserts;

	@Autowired
	PlatformTransactionManager transactions;

	private long tenant;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
	}

	@Test
	void storesTabsNewlinesBackslashesQuotesAndUnicodeAsTheyWere() {
		String notes = "Line 1\nLine 2\r\nTab\there, back\\slash, \\N, \\t and \"quotes\"";
		String csv = "name,company,email,phones,tags,notes,external_id\n"
				+ "\"Ana \"\"la jefa\"\" O'Neil\",\"ACME, S.L.\",ana@example.com,612 100 001,VIP;Zürich,\""
				+ notes.replace("\"", "\"\"") + "\",K\\1\n" + "\"José\t李 😀 Ñandú\",\\N,,,,,\n"
				+ "Back\\slash,,,612 100 002|+34 612 100 003,,,\n";

		ContactImport done = run(csv, ImportMode.CREATE);

		assertThat(done.state()).isEqualTo(ContactImport.State.DONE);
		List<Map<String, Object>> rows = this.jdbc.sql("""
				SELECT id, name, company, email, notes, external_id, responsible_id, search_text, created_at,
				  updated_at FROM contacts WHERE tenant_id = ? ORDER BY id""").param(this.tenant).query().listOfRows();
		assertThat(rows).hasSize(3);
		assertThat(values(rows.get(0))).containsExactly("Ana \"la jefa\" O'Neil", "ACME, S.L.", "ana@example.com",
				notes, "K\\1", null);
		assertThat(value(rows.get(0), "search_text")).isEqualTo(ContactSearchText.of("Ana \"la jefa\" O'Neil",
				"ACME, S.L.", "ana@example.com", List.of("vip", "zürich")));
		assertThat(values(rows.get(1))).containsExactly("José\t李 😀 Ñandú", "\\N", null, null, null, null);
		assertThat(values(rows.get(2))).containsExactly("Back\\slash", null, null, null, null, null);
		assertThat(time(rows.get(0), "created_at")).isEqualTo(time(rows.get(0), "updated_at"))
			.isEqualTo(time(rows.get(2), "created_at"));
		assertThat(numbers(id(rows.get(0)))).containsExactly("+34612100001");
		assertThat(numbers(id(rows.get(1)))).isEmpty();
		assertThat(numbers(id(rows.get(2)))).containsExactly("+34612100002", "+34612100003");
		assertThat(this.jdbc.sql("SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag")
			.param(id(rows.get(0)))
			.query(String.class)
			.list()).containsExactly("vip", "zürich");
	}

	@Test
	void insertsWithCopyOnPostgresqlAndMultiRowInsertsElsewhere() {
		assertThat(this.inserts).isInstanceOf(POSTGRES ? PostgresContactInserts.class : PortableContactInserts.class);
	}

	@Test
	void theImportsTransactionPlansWithTheServersDefaultModeAndOnlyIt() {
		assumeTrue(POSTGRES, "a setting of PostgreSQL");
		String inside = new TransactionTemplate(this.transactions).execute((status) -> {
			this.inserts.prepareTransaction();
			return planCacheMode();
		});

		assertThat(inside).isEqualTo("auto");
		assertThat(planCacheMode()).isEqualTo("force_custom_plan");
	}

	@Test
	void givesIdsAndChangeNumbersInFileOrderAcrossBatches() {
		int count = 2 * ContactImporter.BATCH + 500;
		StringBuilder csv = new StringBuilder("name,phones\n");
		for (int i = 1; i <= count; i++) {
			csv.append("Row ").append(i).append(',').append(phone(i)).append('\n');
		}

		ContactImport done = run(csv.toString(), ImportMode.CREATE);

		assertThat(done.state()).isEqualTo(ContactImport.State.DONE);
		List<String> byId = this.jdbc.sql("SELECT name FROM contacts WHERE tenant_id = ? ORDER BY id")
			.param(this.tenant)
			.query(String.class)
			.list();
		List<String> byChange = this.jdbc.sql("""
				SELECT c.name FROM record_changes r JOIN contacts c ON c.id = r.record_id
				WHERE r.tenant_id = ? AND r.record_type = 'CUSTOMER' AND r.change_kind = 'CREATED' ORDER BY r.seq""")
			.param(this.tenant)
			.query(String.class)
			.list();
		assertThat(byId).hasSize(count).startsWith("Row 1", "Row 2").endsWith("Row " + count);
		assertThat(byChange).isEqualTo(byId);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM contact_phones WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single()).isEqualTo(count);
	}

	@Test
	void aBadRowNearTheEndOfAFileOfManyBatchesKeepsNothing() {
		run("name,external_id,phones\nKept As It Was,U-1,612 200 001\n", ImportMode.CREATE);
		List<Long> before = counts();
		int count = 12 * ContactImporter.BATCH;
		StringBuilder csv = new StringBuilder("name,email,phones,tags,external_id\n");
		for (int i = 1; i <= count; i++) {
			String email = (i == count - 5) ? "not-an-email" : "r" + i + "@example.com";
			String externalId = (i == 1) ? "U-1" : "N-" + i;
			csv.append("Row ")
				.append(i)
				.append(',')
				.append(email)
				.append(',')
				.append(phone(i))
				.append(",t1;t2,")
				.append(externalId)
				.append('\n');
		}

		ContactImport refused = run(csv.toString(), ImportMode.UPSERT);

		assertThat(refused.state()).isEqualTo(ContactImport.State.REFUSED);
		assertThat(refused.errorRows()).isEqualTo(1);
		assertThat(refused.rowsTotal()).isEqualTo(count);
		assertThat(refused.errors()).singleElement().satisfies((error) -> {
			assertThat(error.line()).isEqualTo(count - 5 + 1);
			assertThat(error.column()).isEqualTo("email");
		});
		assertThat(counts()).isEqualTo(before);
		assertThat(this.jdbc.sql("SELECT name FROM contacts WHERE tenant_id = ? AND external_id = 'U-1'")
			.param(this.tenant)
			.query(String.class)
			.single()).isEqualTo("Kept As It Was");
	}

	// PostgreSQL refuses the NUL character in text, H2 stores it: on PostgreSQL a file
	// holding one fails in the database, late, after batches were written and while the
	// file is still being read.
	@Test
	void aValueTheDatabaseRefusesFailsTheImportAndKeepsNothing() {
		// A row the checks let through and PostgreSQL refuses while the batches are
		// written (a NUL did this until the reader refused it): a trigger of this test
		// refuses it as a check violation would.
		assumeTrue(POSTGRES, "the refusing trigger is PostgreSQL's");
		List<Long> before = counts();
		int count = 10 * ContactImporter.BATCH;
		String refused = "Row " + (5 * ContactImporter.BATCH + 3);
		StringBuilder csv = new StringBuilder("name,phones\n");
		for (int i = 1; i <= count; i++) {
			csv.append("Row ").append(i).append(',').append(phone(i)).append('\n');
		}
		String name = "cb_test_refuse_" + this.tenant;
		this.jdbc
			.sql("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS "
					+ "$$ BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $$")
			.update();
		this.jdbc
			.sql("CREATE TRIGGER " + name + " BEFORE INSERT ON contacts FOR EACH ROW WHEN (NEW.tenant_id = "
					+ this.tenant + " AND NEW.name = '" + refused + "') EXECUTE FUNCTION " + name + "()")
			.update();
		try {
			assertThatThrownBy(() -> run(csv.toString(), ImportMode.CREATE)).isInstanceOf(Problems.Conflict.class);
		}
		finally {
			this.jdbc.sql("DROP TRIGGER " + name + " ON contacts").update();
			this.jdbc.sql("DROP FUNCTION " + name + "()").update();
		}

		assertThat(counts()).isEqualTo(before);
		assertThat(this.jdbc.sql("SELECT state FROM contact_imports WHERE tenant_id = ?")
			.param(this.tenant)
			.query(String.class)
			.single()).isEqualTo("FAILED");
	}

	private ContactImport run(String csv, ImportMode mode) {
		return this.jobs.run(this.tenant, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv",
				StandardCharsets.UTF_8, mode);
	}

	private String planCacheMode() {
		return this.jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
	}

	private static List<Object> values(Map<String, Object> row) {
		return Arrays.asList(value(row, "name"), value(row, "company"), value(row, "email"), value(row, "notes"),
				value(row, "external_id"), value(row, "responsible_id"));
	}

	// H2 names result columns in upper case, PostgreSQL in lower case.
	private static Object value(Map<String, Object> row, String column) {
		return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase(Locale.ROOT));
	}

	private static long id(Map<String, Object> row) {
		return ((Number) value(row, "id")).longValue();
	}

	private static Object time(Map<String, Object> row, String column) {
		Object value = value(row, column);
		return (value instanceof OffsetDateTime offset) ? offset.toInstant() : value;
	}

	private List<String> numbers(long contactId) {
		return this.jdbc.sql("SELECT e164 FROM contact_phones WHERE contact_id = ? ORDER BY position")
			.param(contactId)
			.query(String.class)
			.list();
	}

	private static String phone(int i) {
		return String.format(Locale.ROOT, "6%02d %03d %03d", 20 + i / 1_000_000, (i / 1000) % 1000, i % 1000);
	}

	// Contacts, numbers, tags and change-feed rows of the tenant.
	private List<Long> counts() {
		return List.of(count("SELECT COUNT(*) FROM contacts WHERE tenant_id = ?"),
				count("SELECT COUNT(*) FROM contact_phones WHERE tenant_id = ?"),
				count("SELECT COUNT(*) FROM contact_tags t JOIN contacts c ON c.id = t.contact_id WHERE c.tenant_id = ?"),
				count("SELECT COUNT(*) FROM record_changes WHERE tenant_id = ?"));
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).param(this.tenant).query(Long.class).single();
	}

}
