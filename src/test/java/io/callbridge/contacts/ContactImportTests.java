package io.callbridge.contacts;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests contact imports as jobs over HTTP, on H2 and PostgreSQL: a bad row or a bad byte
 * near the end of a file leaves the database as it was, the progress API follows an
 * import to its end (a file of 20,000 rows, written in batches), an unknown import is a
 * 404 problem, and the import page carries its progress bar and script.
 */
@IntegrationTest
class ContactImportTests {

	private static final String CSV = "text/csv";

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	private long tenant;

	private TestUser admin;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@Test
	void aBadRowNearTheEndOfTheFileLeavesTheDatabaseAsItWas() {
		this.api.as(this.admin.token())
			.post("/api/v1/contacts", java.util.Map.of("name", "Already Here", "phones", List.of("612 000 001")))
			.json(201);
		List<Long> before = counts();
		StringBuilder csv = new StringBuilder("name,phones,external_id\n");
		for (int i = 1; i <= 1000; i++) {
			csv.append("Row ")
				.append(i)
				.append(',')
				.append((i == 999) ? "12ab" : phone(i))
				.append(",X-")
				.append(i)
				.append('\n');
		}

		JsonNode job = follow(start(csv.toString()));

		assertThat(job.path("state").asString()).isEqualTo("REFUSED");
		assertThat(job.path("errorRows").asLong()).isEqualTo(1);
		assertThat(job.path("rowsTotal").asLong()).isEqualTo(1000);
		JsonNode error = job.path("errors").get(0);
		assertThat(error.path("line").asLong()).isEqualTo(1000);
		assertThat(error.path("column").asString()).isEqualTo("phones");
		assertThat(error.path("message").asString()).contains("12ab");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void aByteThatIsNotTextNearTheEndLeavesTheDatabaseAsItWasAndNamesTheLine() {
		List<Long> before = counts();
		StringBuilder csv = new StringBuilder("name,phones\n");
		for (int i = 1; i <= 3000; i++) {
			csv.append("Row ").append(i).append(',').append(phone(i)).append('\n');
		}
		byte[] good = csv.toString().getBytes(StandardCharsets.UTF_8);
		byte[] bad = new byte[good.length + 6];
		System.arraycopy(good, 0, bad, 0, good.length);
		System.arraycopy(new byte[] { 'B', 'a', 'd', (byte) 0xE9, '\n', 'x' }, 0, bad, good.length, 6);

		ApiResponse started = this.api.as(this.admin.token()).post("/api/v1/contacts/imports", CSV, bad);
		JsonNode job = follow(started);

		assertThat(job.path("state").asString()).isEqualTo("REFUSED");
		assertThat(job.path("problem").asString()).contains("line 3002").contains("E9");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void progressApiFollowsALargeFileToItsEnd() {
		int rows = 20_000;
		StringBuilder csv = new StringBuilder("name,company,phones,tags,external_id\n");
		for (int i = 1; i <= rows; i++) {
			csv.append("Contact ")
				.append(i)
				.append(",ACME,")
				.append(phone(i))
				.append(",vip;batch,L-")
				.append(i)
				.append('\n');
		}
		long changesBefore = changes();

		ApiResponse started = start(csv.toString());
		JsonNode first = started.json(202);
		JsonNode job = follow(started);

		assertThat(first.path("state").asString()).isIn("QUEUED", "RUNNING", "DONE");
		assertThat(job.path("state").asString()).isEqualTo("DONE");
		assertThat(job.path("finished").asBoolean()).isTrue();
		assertThat(job.path("percent").asInt()).isEqualTo(100);
		assertThat(job.path("rowsTotal").asLong()).isEqualTo(rows);
		assertThat(job.path("rowsWritten").asLong()).isEqualTo(rows);
		assertThat(job.path("created").asLong()).isEqualTo(rows);
		assertThat(counts().get(0)).isEqualTo(rows);
		assertThat(changes() - changesBefore).isEqualTo(rows);
		JsonNode found = this.api.as(this.admin.token())
			.get("/api/v1/contacts/lookup?number={n}", "+34" + phone(12_345).replace(" ", ""))
			.json(200);
		assertThat(found.get(0).path("name").asString()).isEqualTo("Contact 12345");
		assertThat(found.get(0).path("externalId").asString()).isEqualTo("L-12345");
		assertThat(found.get(0).path("tags").toString()).contains("\"vip\"").contains("\"batch\"");
	}

	@Test
	void anUnknownImportOrOneOfAnotherTenantIsANotFoundProblem() {
		long id = start("name\nSomeone\n").json(202).path("id").asLong();
		TestUser stranger = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		this.api.as(this.admin.token()).get("/api/v1/contacts/imports/{id}", id + 1_000_000).problem(404, "not-found");
		this.api.as(stranger.token()).get("/api/v1/contacts/imports/{id}", id).problem(404, "not-found");
	}

	@Test
	void importPageShowsAProgressBarFollowedByItsScript() {
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		ui.get("/contacts/import");

		HttpResponse<String> started = ui.postFile("/contacts/import", "file", "contacts.csv",
				"name,phones\nPage Row,612 345 678\n");
		String location = started.headers().firstValue("Location").orElseThrow();
		String page = ui.get(java.net.URI.create(location).getPath()).body();
		HttpResponse<String> progress = ui.get(java.net.URI.create(location).getPath() + "/progress");
		String done = ui.awaitImport(started).body();

		assertThat(started.statusCode()).isEqualTo(302);
		assertThat(page).contains("<progress id=\"import-progress\" max=\"100\"")
			.contains("/js/contact-import.js")
			.contains("data-progress-url=\"/contacts/imports/")
			.doesNotContain("<script>");
		assertThat(progress.statusCode()).isEqualTo(200);
		assertThat(progress.body()).contains("\"percent\"").contains("\"rowsRead\"");
		assertThat(done).contains("id=\"import-ok\"").contains("1 contacts imported");
		assertThat(ui.get("/js/contact-import.js").body()).contains("import-progress");
	}

	private ApiResponse start(String csv) {
		return this.api.as(this.admin.token()).post("/api/v1/contacts/imports", CSV, csv);
	}

	private JsonNode follow(ApiResponse started) {
		String location = started.headers().getLocation().getPath();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		JsonNode job = started.json(202);
		while (!job.path("finished").asBoolean() && System.nanoTime() < deadline) {
			sleep();
			job = this.api.as(this.admin.token()).get(location).json(200);
		}
		return job;
	}

	private static String phone(int i) {
		return String.format(Locale.ROOT, "6%02d %03d %03d", 10 + i / 1_000_000, (i / 1000) % 1000, i % 1000);
	}

	// Contacts, numbers and tags of the tenant.
	private List<Long> counts() {
		return List.of(
				this.jdbc.sql("SELECT COUNT(*) FROM contacts WHERE tenant_id = ?")
					.param(this.tenant)
					.query(Long.class)
					.single(),
				this.jdbc.sql("SELECT COUNT(*) FROM contact_phones WHERE tenant_id = ?")
					.param(this.tenant)
					.query(Long.class)
					.single(),
				this.jdbc
					.sql("SELECT COUNT(*) FROM contact_tags t JOIN contacts c ON c.id = t.contact_id "
							+ "WHERE c.tenant_id = ?")
					.param(this.tenant)
					.query(Long.class)
					.single(),
				changes());
	}

	private long changes() {
		return this.jdbc.sql("SELECT COUNT(*) FROM record_changes WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single();
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
