package io.callbridge.contacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the contacts API over HTTP: numbers in any format stored as E.164, lookup by
 * number, changes and deletion by role, and all-or-nothing CSV import with export.
 */
@IntegrationTest
class ContactsApiTests {

	private static final String CSV = "text/csv";

	private static final String CSV_UTF8 = "text/csv; charset=UTF-8";

	private static final String BOM = "\uFEFF";

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private long tenant;

	private TestUser admin;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@Test
	void createStoresNumbersInAnyFormatAsE164() {
		ApiResponse response = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Ana García", "company", "ACME", "phones",
					List.of("612 345 678", "+34612345679", "0034 612 345 680"), "tags", List.of("VIP")));

		JsonNode contact = response.json(201);
		assertThat(strings(contact.path("phones"))).containsExactly("+34612345678", "+34612345679", "+34612345680");
		assertThat(strings(contact.path("tags"))).containsExactly("vip");
		assertThat(response.headers().getLocation()).hasPath("/api/v1/contacts/" + contact.path("id").asLong());
		JsonNode stored = this.api.as(this.admin.token())
			.get("/api/v1/contacts/{id}", contact.path("id").asLong())
			.json(200);
		assertThat(strings(stored.path("phones"))).containsExactly("+34612345678", "+34612345679", "+34612345680");
	}

	@Test
	void invalidNumberIsRefusedNamingTheFieldAndTheInput() {
		long before = count();

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Bad Number", "phones", List.of("612 345 678", "12ab")))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors")).hasSize(1);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("phones");
		assertThat(problem.path("errors").get(0).path("message").asString()).contains("'12ab'");
		assertThat(problem.path("detail").asString()).contains("12ab");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void tooShortNumberIsRefusedNamingTheInput() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Short", "phones", List.of("123")))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("phones");
		assertThat(problem.path("errors").get(0).path("message").asString()).contains("'123'");
	}

	@Test
	void missingNameIsRefused() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("company", "Nameless Ltd"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
	}

	@Test
	void lookupInAnyFormatReturnsEveryContactSharingTheNumber() {
		long first = createContact("Shared One", "612 345 678");
		long second = createContact("Shared Two", "+34 612-345-678", "699 000 111");
		createContact("Someone Else", "699 000 222");

		for (String format : List.of("612345678", "+34612345678", "0034 612 34 56 78", "612.345.678",
				"(612) 345-678")) {
			ApiResponse found = this.api.as(this.admin.token()).get("/api/v1/contacts/lookup?number={n}", format);
			assertThat(found.hasStatus(200).ids()).as("lookup of %s", format).containsExactly(first, second);
		}
		assertThat(this.api.as(this.admin.token())
			.get("/api/v1/contacts/lookup?number={n}", "699000111")
			.hasStatus(200)
			.ids()).containsExactly(second);
		assertThat(this.api.as(this.admin.token()).get("/api/v1/contacts/lookup?number={n}", "911 000 000").json(200))
			.isEmpty();
	}

	@Test
	void lookupAcceptsTheCountryCodeInBrackets() {
		long id = createContact("Bracketed", "612 345 678");

		assertThat(this.api.as(this.admin.token())
			.get("/api/v1/contacts/lookup?number={n}", "(+34) 612 345 678")
			.hasStatus(200)
			.ids()).containsExactly(id);
	}

	@Test
	void lookupOfAnInvalidNumberIsRefusedNamingTheParameter() {
		JsonNode problem = this.api.as(this.admin.token())
			.get("/api/v1/contacts/lookup?number={n}", "not-a-number")
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("number");
		assertThat(problem.path("detail").asString()).contains("not-a-number");
	}

	@Test
	void searchFindsByNameCompanyAndPhoneDigits() {
		long ana = createContact("Ana Searchable", "612 345 678");
		long bob = createContact("Bob Other", "699 000 333");

		assertThat(search("searchable")).containsExactly(ana);
		assertThat(search("000 333")).containsExactly(bob);
		assertThat(search("")).containsExactlyInAnyOrder(ana, bob);
	}

	@Test
	void updateReplacesFieldsAndNumbers() {
		long id = createContact("Before", "612 345 678");

		JsonNode updated = this.api.as(this.admin.token())
			.put("/api/v1/contacts/{id}",
					Map.of("name", "After", "email", "after@example.com", "phones", List.of("0034 699 111 222")), id)
			.json(200);

		assertThat(updated.path("name").asString()).isEqualTo("After");
		assertThat(updated.path("email").asString()).isEqualTo("after@example.com");
		assertThat(strings(updated.path("phones"))).containsExactly("+34699111222");
		assertThat(this.api.as(this.admin.token()).get("/api/v1/contacts/lookup?number=612345678").json(200)).isEmpty();
		assertThat(this.api.as(this.admin.token()).get("/api/v1/contacts/lookup?number=699111222").ids())
			.containsExactly(id);
	}

	@Test
	void agentCanCreateAndUpdateButNotDelete() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		long id = this.api.as(agent.token())
			.post("/api/v1/contacts", Map.of("name", "Agent's contact", "phones", List.of("612 000 001")))
			.json(201)
			.path("id")
			.asLong();
		this.api.as(agent.token()).put("/api/v1/contacts/{id}", Map.of("name", "Renamed"), id).hasStatus(200);

		this.api.as(agent.token()).delete("/api/v1/contacts/{id}", id).problem(403, "forbidden");

		this.api.as(agent.token()).get("/api/v1/contacts/{id}", id).hasStatus(200);
	}

	@Test
	void supervisorCanDelete() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		long id = createContact("To delete", "612 000 002");

		this.api.as(supervisor.token()).delete("/api/v1/contacts/{id}", id).hasStatus(204);

		this.api.as(supervisor.token()).get("/api/v1/contacts/{id}", id).problem(404, "not-found");
		assertThat(this.api.as(supervisor.token()).get("/api/v1/contacts/lookup?number=612000002").json(200)).isEmpty();
	}

	@Test
	void unknownContactIsNotFound() {
		long unknown = createContact("Deleted", "612 000 003");
		this.api.as(this.admin.token()).delete("/api/v1/contacts/{id}", unknown).hasStatus(204);

		JsonNode problem = this.api.as(this.admin.token())
			.get("/api/v1/contacts/{id}", unknown)
			.problem(404, "not-found");
		assertThat(problem.path("detail").asString()).isEqualTo("Contact " + unknown + " was not found.");
		this.api.as(this.admin.token())
			.put("/api/v1/contacts/{id}", Map.of("name", "Ghost"), unknown)
			.problem(404, "not-found");
		this.api.as(this.admin.token()).delete("/api/v1/contacts/{id}", unknown).problem(404, "not-found");
	}

	@Test
	void nonNumericIdIsABadRequestNamingTheParameter() {
		JsonNode problem = this.api.as(this.admin.token()).get("/api/v1/contacts/abc").problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).contains("'id'");
	}

	@Test
	void duplicateExternalIdIsRefused() {
		long first = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "First", "externalId", "CRM-1"))
			.json(201)
			.path("id")
			.asLong();

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Second", "externalId", "CRM-1"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("externalId");
		assertThat(problem.path("detail").asString()).contains("CRM-1").contains(Long.toString(first));
		this.api.as(this.admin.token())
			.put("/api/v1/contacts/{id}", Map.of("name", "First, renamed", "externalId", "CRM-1"), first)
			.hasStatus(200);
	}

	@Test
	void unknownResponsibleAgentIsRefused() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Orphan", "responsibleId", Long.MAX_VALUE))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("responsibleId");
	}

	@Test
	void csvImportWithBadRowsImportsNothingAndNamesEachLine() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		String csv = """
				name,company,phones,responsible,external_id
				Good One,ACME,612 100 001,%s,EXT-1
				Bad Phone,ACME,12ab,,EXT-2
				Good Two,ACME,612 100 002,,EXT-3
				Bad Responsible,ACME,612 100 003,nobody-here,EXT-4
				""".formatted(agent.username());
		long before = count();

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, csv)
			.problem(422, "invalid-import");

		assertThat(problem.path("rows").asInt()).isEqualTo(4);
		assertThat(problem.path("imported").asInt()).isZero();
		assertThat(problem.path("detail").asString()).contains("2 of 4 rows");
		JsonNode errors = problem.path("rowErrors");
		assertThat(errors).hasSize(2);
		assertThat(errors.get(0).path("line").asLong()).isEqualTo(3);
		assertThat(errors.get(0).path("messages").toString()).contains("12ab");
		assertThat(errors.get(1).path("line").asLong()).isEqualTo(5);
		assertThat(errors.get(1).path("messages").toString()).contains("nobody-here");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void csvImportRefusesAnExternalIdRepeatedInTheFileOrAlreadyUsed() {
		this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Existing", "externalId", "EXT-9"))
			.hasStatus(201);
		String csv = """
				name,external_id
				Twin A,EXT-1
				Twin B,EXT-1
				Clash,EXT-9
				""";
		long before = count();

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, csv)
			.problem(422, "invalid-import");

		JsonNode errors = problem.path("rowErrors");
		assertThat(errors).hasSize(2);
		assertThat(errors.get(0).path("line").asLong()).isEqualTo(3);
		assertThat(errors.get(0).path("messages").toString()).contains("EXT-1").contains("line 2");
		assertThat(errors.get(1).path("line").asLong()).isEqualTo(4);
		assertThat(errors.get(1).path("messages").toString()).contains("EXT-9");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void csvImportOfAGoodFileImportsEveryRow() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		String csv = """
				name,company,email,phones,tags,notes,responsible,external_id
				Imported One,ACME,one@example.com,612 200 001;+34 612 200 002,vip|debtor,"Calls after 5, please",%s,IMP-1
				Imported Two,,,0034 612 200 003,,,,
				"""
			.formatted(agent.username());
		long before = count();

		JsonNode report = this.api.as(this.admin.token()).post("/api/v1/contacts/import", CSV, csv).json(200);

		assertThat(report.path("rows").asInt()).isEqualTo(2);
		assertThat(report.path("imported").asInt()).isEqualTo(2);
		assertThat(report.path("errors")).isEmpty();
		assertThat(count()).isEqualTo(before + 2);
		JsonNode one = this.api.as(this.admin.token()).get("/api/v1/contacts/lookup?number=612200002").json(200).get(0);
		assertThat(one.path("name").asString()).isEqualTo("Imported One");
		assertThat(strings(one.path("phones"))).containsExactly("+34612200001", "+34612200002");
		assertThat(strings(one.path("tags"))).containsExactly("debtor", "vip");
		assertThat(one.path("notes").asString()).isEqualTo("Calls after 5, please");
		assertThat(one.path("responsibleId").asLong()).isEqualTo(agent.id());
		assertThat(one.path("externalId").asString()).isEqualTo("IMP-1");
	}

	@Test
	void csvImportAlsoAcceptsAMultipartFile() {
		ApiResponse response = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", "multipart/form-data; boundary=cb-boundary", """
					--cb-boundary\r
					Content-Disposition: form-data; name="file"; filename="contacts.csv"\r
					Content-Type: text/csv\r
					\r
					name,phones
					From File,612 300 001
					\r
					--cb-boundary--\r
					""");

		assertThat(response.json(200).path("imported").asInt()).isEqualTo(1);
		assertThat(search("From File")).hasSize(1);
	}

	@Test
	void csvWithoutNameColumnIsRefused() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, "company,phones\nACME,612 000 004\n")
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("file");
		assertThat(problem.path("detail").asString()).contains("'name'");
	}

	@Test
	void csvRowErrorsNameTheFileLineAfterAMultiLineValue() {
		String csv = "name,phones,notes\n" + "Multi Line,612 400 001,\"first line\nsecond line\"\n"
				+ "Bad Phone,12ab,\n";

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, csv)
			.problem(422, "invalid-import");

		assertThat(problem.path("rowErrors").get(0).path("line").asLong()).isEqualTo(4);
	}

	@Test
	void exportWritesTheHeaderAndEveryContactInTheImportFormat() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.api.as(this.admin.token())
			.post("/api/v1/contacts",
					Map.of("name", "Exported One", "company", "ACME", "email", "one@example.com", "phones",
							List.of("612 500 001", "612 500 002"), "tags", List.of("vip"), "responsibleId", agent.id(),
							"externalId", "EXP-1"))
			.hasStatus(201);
		createContact("Exported Two", "612 500 003");

		ApiResponse export = this.api.as(this.admin.token()).get("/api/v1/contacts/export").hasStatus(200);

		assertThat(export.contentType().toString()).startsWith("text/csv");
		assertThat(export.headers().getContentDisposition().getFilename()).isEqualTo("contacts.csv");
		assertThat(export.body()).startsWith(BOM);
		List<String> lines = export.body().substring(1).lines().toList();
		assertThat(lines).containsExactly("name,company,email,phones,tags,notes,responsible,external_id",
				"Exported One,ACME,one@example.com,+34612500001;+34612500002,vip,," + agent.username() + ",EXP-1",
				"Exported Two,,,+34612500003,,,,");
	}

	@Test
	void exportedFileImportsIntoAnotherTenant() {
		createContact("Round Trip", "612 600 001");
		String exported = this.api.as(this.admin.token()).get("/api/v1/contacts/export").hasStatus(200).body();
		TestUser otherAdmin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		JsonNode report = this.api.as(otherAdmin.token())
			.post("/api/v1/contacts/import", CSV, exported.getBytes(StandardCharsets.UTF_8))
			.json(200);

		assertThat(report.path("imported").asInt()).isEqualTo(1);
		assertThat(this.api.as(otherAdmin.token()).get("/api/v1/contacts/lookup?number=612600001").json(200))
			.hasSize(1);
	}

	@Test
	void csvImportSkipsAByteOrderMarkAsTheUploadPageDoes() {
		JsonNode report = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, utf8(BOM + "name,phones\nWith Bom,612 700 001\n"))
			.json(200);

		assertThat(report.path("imported").asInt()).isEqualTo(1);
		assertThat(search("With Bom")).hasSize(1);
	}

	@Test
	void csvImportRefusesAFileThatIsNotUtf8NamingTheLineAndByte() {
		byte[] latin1 = "name,phones\nAna,612 700 002\nLucía Pérez,612 700 003\n".getBytes(StandardCharsets.ISO_8859_1);
		long before = count();

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, latin1)
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).contains("not valid UTF-8")
			.contains("0xED")
			.contains("line 3")
			.contains("windows-1252");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("file");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void csvImportRefusesAFileSavedAsUtf16WithoutItsByteOrderMark() {
		byte[] utf16 = "name,phones\nAna,612 700 004\n".getBytes(StandardCharsets.UTF_16LE);
		long before = count();

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, utf16)
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).startsWith("Line 1 holds the character U+0000")
			.contains("save it as CSV UTF-8");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void csvImportRefusesANulNearTheEndOfTheFileKeepingNothing() {
		StringBuilder csv = new StringBuilder("name,phones\n");
		for (int i = 0; i < 30; i++) {
			csv.append("Row ").append(i).append(",612 710 ").append(String.format("%03d", i)).append('\n');
		}
		csv.append("Bad\0Row,612 710 999\n");
		long before = count();

		JsonNode problem = this.api.as(this.admin.token())
			.speaking("es")
			.post("/api/v1/contacts/import", CSV, utf8(csv.toString()))
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).startsWith("La línea 32 contiene el carácter U+0000");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void csvImportReadsTheEncodingItIsToldOf() {
		byte[] windows = "name,notes\nLucía Pérez,Año €\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));

		this.api.as(this.admin.token()).post("/api/v1/contacts/import?charset=windows-1252", CSV, windows).json(200);
		this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", "text/csv; charset=windows-1252",
					"name\nJosé Núñez\n".getBytes(java.nio.charset.Charset.forName("windows-1252")))
			.json(200);

		JsonNode lucia = this.api.as(this.admin.token()).get("/api/v1/contacts?q={q}", "Lucía").json(200);
		assertThat(lucia.path("items").get(0).path("notes").asString()).isEqualTo("Año €");
		assertThat(search("José Núñez")).hasSize(1);
	}

	@Test
	void csvImportWithAnUnknownEncodingOrModeIsRefusedNamingTheParameter() {
		JsonNode charset = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import?charset=klingon", CSV, utf8("name\nX\n"))
			.problem(422, "invalid-input");
		JsonNode mode = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import?mode=merge", CSV, utf8("name\nX\n"))
			.problem(422, "invalid-input");

		assertThat(charset.path("errors").get(0).path("field").asString()).isEqualTo("charset");
		assertThat(mode.path("errors").get(0).path("field").asString()).isEqualTo("mode");
	}

	@Test
	void csvWithAnEmptyHeaderColumnIsRefusedNamingTheColumn() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, utf8("name,,phones\nAna,x,612 700 004\n"))
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).contains("Column 2").contains("no name");
		JsonNode duplicate = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, utf8("name,phones,Name\nAna,612 700 004,Ana\n"))
			.problem(400, "bad-request");
		assertThat(duplicate.path("detail").asString()).contains("'name'").contains("twice");
	}

	@Test
	void csvWithAnUnclosedQuoteIsRefusedNamingTheLine() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, utf8("name,notes\nAna,fine\nLuis,\"never closed\n"))
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).contains("line 3").contains("quote");
	}

	@Test
	void csvSavedBySpreadsheetsWithSemicolonsIsImported() {
		JsonNode report = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV,
					utf8("name;company;phones\nMarta Ruiz;Ruiz, S.L.;\"612 700 005;612 700 006\"\n"))
			.json(200);

		assertThat(report.path("imported").asInt()).isEqualTo(1);
		JsonNode marta = this.api.as(this.admin.token())
			.get("/api/v1/contacts/lookup?number=612700006")
			.json(200)
			.get(0);
		assertThat(marta.path("company").asString()).isEqualTo("Ruiz, S.L.");
		assertThat(strings(marta.path("phones"))).containsExactly("+34612700005", "+34612700006");
	}

	@Test
	void reimportingAFileWithExternalIdsExplainsTheUpdateMode() {
		String csv = "name,external_id\nFirst Import,RE-1\n";
		this.api.as(this.admin.token()).post("/api/v1/contacts/import", CSV, utf8(csv)).json(200);

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", CSV, utf8(csv))
			.problem(422, "invalid-import");

		JsonNode messages = problem.path("rowErrors").get(0).path("messages");
		assertThat(messages).hasSize(1);
		assertThat(messages.get(0).asString()).contains("RE-1").contains("mode=upsert");
	}

	@Test
	void upsertUpdatesContactsByExternalIdKeepsColumnsNotInTheFileAndCreatesTheRest() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		long existing = this.api.as(this.admin.token())
			.post("/api/v1/contacts",
					Map.of("name", "Old Name", "email", "kept@example.com", "phones", List.of("612 800 001"), "tags",
							List.of("vip"), "responsibleId", agent.id(), "externalId", "UP-1"))
			.json(201)
			.path("id")
			.asLong();
		long before = count();

		JsonNode report = this.api.as(this.admin.token())
			.post("/api/v1/contacts/import?mode=upsert", CSV,
					utf8("name,phones,tags,external_id\nNew Name,612 800 002,,UP-1\nBrand New,612 800 003,,UP-2\n"))
			.json(200);

		assertThat(report.path("rows").asInt()).isEqualTo(2);
		assertThat(report.path("created").asInt()).isEqualTo(1);
		assertThat(report.path("updated").asInt()).isEqualTo(1);
		assertThat(report.path("imported").asInt()).isEqualTo(2);
		assertThat(count()).isEqualTo(before + 1);
		JsonNode updated = this.api.as(this.admin.token()).get("/api/v1/contacts/{id}", existing).json(200);
		assertThat(updated.path("name").asString()).isEqualTo("New Name");
		assertThat(strings(updated.path("phones"))).containsExactly("+34612800002");
		assertThat(updated.path("tags")).isEmpty();
		assertThat(updated.path("email").asString()).isEqualTo("kept@example.com");
		assertThat(updated.path("responsibleId").asLong()).isEqualTo(agent.id());
	}

	@Test
	void upsertWithABadRowChangesNothing() {
		long existing = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Untouched", "externalId", "UP-9"))
			.json(201)
			.path("id")
			.asLong();
		long before = count();

		this.api.as(this.admin.token())
			.post("/api/v1/contacts/import?mode=upsert", CSV,
					utf8("name,phones,external_id\nChanged,612 800 009,UP-9\nBroken,12ab,UP-10\n"))
			.problem(422, "invalid-import");

		assertThat(this.api.as(this.admin.token())
			.get("/api/v1/contacts/{id}", existing)
			.json(200)
			.path("name")
			.asString()).isEqualTo("Untouched");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void exportNeutralisesFormulaCellsAndTheImportRestoresThem() {
		this.api.as(this.admin.token())
			.post("/api/v1/contacts",
					Map.of("name", "=HYPERLINK(\"http://evil\")", "company", "+cmd|' /C calc'!A0", "notes", "@SUM(1+1)",
							"tags", List.of("-risky"), "phones", List.of("612 900 001")))
			.hasStatus(201);

		String exported = this.api.as(this.admin.token()).get("/api/v1/contacts/export").hasStatus(200).body();

		assertThat(exported).contains("'=HYPERLINK").contains("'+cmd|").contains("'@SUM(1+1)").contains("'-risky");
		assertThat(exported).contains(",+34612900001,");
		TestUser otherAdmin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);
		this.api.as(otherAdmin.token()).post("/api/v1/contacts/import", CSV, utf8(exported)).json(200);
		JsonNode copy = this.api.as(otherAdmin.token())
			.get("/api/v1/contacts/lookup?number=612900001")
			.json(200)
			.get(0);
		assertThat(copy.path("name").asString()).isEqualTo("=HYPERLINK(\"http://evil\")");
		assertThat(copy.path("company").asString()).isEqualTo("+cmd|' /C calc'!A0");
		assertThat(copy.path("notes").asString()).isEqualTo("@SUM(1+1)");
		assertThat(strings(copy.path("tags"))).containsExactly("-risky");
	}

	@Test
	void exportSeparatesWithSemicolonsForSpanishReadersOrWhenAsked() {
		createContact("Separated, Inc", "612 900 002");

		String spanish = this.api.as(this.admin.token()).speaking("es-ES").get("/api/v1/contacts/export").body();
		String asked = this.api.as(this.admin.token()).get("/api/v1/contacts/export?separator=semicolon").body();
		String comma = this.api.as(this.admin.token())
			.speaking("es")
			.get("/api/v1/contacts/export?separator=comma")
			.body();

		assertThat(spanish.lines().toList().get(0))
			.isEqualTo(BOM + "name;company;email;phones;tags;notes;responsible;external_id");
		assertThat(spanish.lines().toList()).contains("Separated, Inc;;;+34612900002;;;;");
		assertThat(asked.lines().toList()).contains("Separated, Inc;;;+34612900002;;;;");
		assertThat(comma.lines().toList()).contains("\"Separated, Inc\",,,+34612900002,,,,");
		this.api.as(this.admin.token()).get("/api/v1/contacts/export?separator=tab").problem(422, "invalid-input");
	}

	@Test
	void overlongEmailIsRefusedNamingTheFieldNotAConflict() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Long Mail", "email", "a".repeat(200) + "@example.com"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("email");
		JsonNode phone = this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", "Long Phone", "phones", List.of("6".repeat(5000))))
			.problem(422, "invalid-input");
		assertThat(phone.path("errors").get(0).path("field").asString()).isEqualTo("phones");
		assertThat(phone.path("detail").asString()).hasSizeLessThan(200);
	}

	private long createContact(String name, String... phones) {
		return this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", name, "phones", List.of(phones)))
			.json(201)
			.path("id")
			.asLong();
	}

	private List<Long> search(String query) {
		return this.api.as(this.admin.token()).get("/api/v1/contacts?q={q}", query).hasStatus(200).ids();
	}

	private long count() {
		return this.api.as(this.admin.token()).get("/api/v1/contacts").json(200).path("total").asLong();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
