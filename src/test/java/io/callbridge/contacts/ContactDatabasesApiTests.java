package io.callbridge.contacts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * Tests the contact databases API over HTTP: creating and reading databases, adding
 * contacts as a JSON batch all or nothing (a repeated external ID in the batch or in the
 * database, a missing main phone, an unknown column), CSV imports, the roles that may
 * write, and the problem+json answers in English and Spanish.
 */
@IntegrationTest
class ContactDatabasesApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	Contacts contacts;

	private long tenant;

	private TestUser supervisor;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
	}

	@Test
	void createsADatabaseThatIsListedAndRead() {
		ApiResponse created = this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases", database("Clientes", "ID"));

		JsonNode body = created.json(201);
		long id = body.path("id").asLong();
		assertThat(created.headers().getLocation()).hasPath("/api/v1/contact-databases/" + id);
		assertThat(body.path("mainPhone").asString()).isEqualTo("TELEFONO");
		assertThat(body.path("externalIdColumn").asString()).isEqualTo("ID");
		assertThat(strings(body.path("dataColumns"))).containsExactly("NOMBRE", "CIUDAD");
		assertThat(this.api.as(this.supervisor.token()).get("/api/v1/contact-databases").ids()).containsExactly(id);
		assertThat(this.api.as(this.supervisor.token())
			.get("/api/v1/contact-databases/{id}", id)
			.json(200)
			.path("name")
			.asString()).isEqualTo("Clientes");
	}

	@Test
	void aPhoneColumnAsExternalIdIsRefusedInTheReadersLanguage() {
		JsonNode english = this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases", database("Clientes", "TELEFONO"))
			.problem(422, "invalid-input");
		JsonNode spanish = this.api.as(this.supervisor.token())
			.speaking("es")
			.post("/api/v1/contact-databases", database("Clientes", "TELEFONO"))
			.problem(422, "invalid-input");

		assertThat(english.path("errors").get(0).path("field").asString()).isEqualTo("externalIdColumn");
		assertThat(english.path("errors").get(0).path("message").asString())
			.isEqualTo("The column 'TELEFONO' holds phones: a phone column cannot be the external ID.");
		assertThat(spanish.path("errors").get(0).path("message").asString())
			.startsWith("No se puede elegir un campo telefónico como id_externo");
		assertThat(this.api.as(this.supervisor.token()).get("/api/v1/contact-databases").ids()).isEmpty();
	}

	@Test
	void aTakenNameIsRefused() {
		this.api.as(this.supervisor.token()).post("/api/v1/contact-databases", database("Clientes", "ID")).json(201);

		JsonNode problem = this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases", database("Clientes", null))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
	}

	@Test
	void addsABatchOfContactsWithTheirExternalIdsAndColumns() {
		long id = createDatabase();

		JsonNode added = this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases/{id}/contacts",
					List.of(row("612 345 678", "Ana", "A-1", "Madrid"), row("+34 699 000 111", "Luis", "", null),
							row("699 000 112", "Eva", null, "Vigo")),
					id)
			.json(201);

		assertThat(added).hasSize(3);
		assertThat(added.get(0).path("externalId").asString()).isEqualTo("A-1");
		assertThat(strings(added.get(0).path("phones"))).containsExactly("+34612345678");
		assertThat(added.get(0).path("name").asString()).isEqualTo("Ana");
		assertThat(added.get(0).path("values").path("CIUDAD").asString()).isEqualTo("Madrid");
		assertThat(added.get(1).path("externalId").isNull()).isTrue();
		assertThat(this.contacts.findByNumber(this.tenant, "+34699000111")).hasSize(1);
	}

	@Test
	void aRepeatedExternalIdInTheBatchRefusesTheWholeBatch() {
		long id = createDatabase();

		JsonNode problem = this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases/{id}/contacts",
					List.of(row("612 345 678", "Ana", "A-1", null), row("612 345 679", "Luis", "A-2", null),
							row("612 345 680", "Eva", "A-1", null)),
					id)
			.problem(422, "invalid-input");

		assertThat(problem.path("errors")).hasSize(1);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("rows[2].ID");
		assertThat(problem.path("errors").get(0).path("message").asString())
			.isEqualTo("Row 3, column ID: external ID A-1 is repeated (first on row 1).");
		assertThat(this.contacts.search(this.tenant, null, 0, 10).total()).isZero();
	}

	@Test
	void anExternalIdAlreadyInTheDatabaseRefusesTheWholeBatch() {
		long id = createDatabase();
		long ana = this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases/{id}/contacts", List.of(row("612 345 678", "Ana", "A-1", null)), id)
			.json(201)
			.get(0)
			.path("id")
			.asLong();

		JsonNode problem = this.api.as(this.supervisor.token())
			.speaking("es")
			.post("/api/v1/contact-databases/{id}/contacts",
					List.of(row("612 345 679", "Luis", "A-2", null), row("612 345 680", "Eva", "A-1", null)), id)
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("rows[1].ID");
		assertThat(problem.path("errors").get(0).path("message").asString())
			.isEqualTo("Fila 2, columna ID: el id externo A-1 ya pertenece al contacto " + ana + " de esta base.");
		assertThat(this.contacts.search(this.tenant, null, 0, 10).total()).isEqualTo(1);
	}

	@Test
	void aRowWithoutItsMainPhoneOrWithAnUnknownColumnRefusesTheWholeBatch() {
		long id = createDatabase();
		Map<String, Object> unknown = new LinkedHashMap<>(row("612 345 679", "Luis", "A-2", null));
		unknown.put("EMAIL", "luis@example.com");

		JsonNode problem = this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases/{id}/contacts", List.of(row(null, "Ana", "A-1", null), unknown), id)
			.problem(422, "invalid-input");

		assertThat(problem.path("errors")).hasSize(2);
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("rows[0].TELEFONO");
		assertThat(problem.path("errors").get(0).path("message").asString())
			.isEqualTo("Row 1, column TELEFONO: the main phone is empty.");
		assertThat(problem.path("errors").get(1).path("field").asString()).isEqualTo("rows[1]");
		assertThat(problem.path("errors").get(1).path("message").asString()).contains("EMAIL");
		assertThat(this.contacts.search(this.tenant, null, 0, 10).total()).isZero();
	}

	@Test
	void agentsReadButOnlySupervisorsAndAdminsWrite() {
		long id = createDatabase();
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);

		assertThat(this.api.as(agent.token()).get("/api/v1/contact-databases").ids()).containsExactly(id);
		this.api.as(agent.token()).post("/api/v1/contact-databases", database("Otra", null)).problem(403, "forbidden");
		this.api.as(agent.token())
			.post("/api/v1/contact-databases/{id}/contacts", List.of(row("612 345 678", "Ana", "A-1", null)), id)
			.problem(403, "forbidden");
		this.api.as(admin.token()).post("/api/v1/contact-databases", database("Otra", null)).json(201);
		this.api.anonymous().get("/api/v1/contact-databases").problem(401);
	}

	@Test
	void anotherTenantsDatabaseIsNotFound() {
		long id = createDatabase();
		TestUser stranger = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		this.api.as(stranger.token()).get("/api/v1/contact-databases/{id}", id).problem(404, "not-found");
		this.api.as(stranger.token())
			.post("/api/v1/contact-databases/{id}/contacts", List.of(row("612 345 678", "Ana", "A-1", null)), id)
			.problem(404, "not-found");
	}

	@Test
	void importsACsvFileIntoANewDatabaseAllOrNothing() {
		String refused = "TELEFONO,NOMBRE,ID\n612 345 678,Ana,A-1\n612 345 679,Luis,A-1\n";
		String good = "TELEFONO,NOMBRE,ID\n612 345 678,Ana,A-1\n612 345 679,Luis,\n";

		JsonNode problem = multipart("/api/v1/contact-databases/import", refused,
				Map.of("name", "Desde CSV", "phoneColumns", "TELEFONO", "externalIdColumn", "ID"))
			.problem(422, "invalid-import");
		JsonNode report = multipart("/api/v1/contact-databases/import", good,
				Map.of("name", "Desde CSV", "phoneColumns", "TELEFONO", "externalIdColumn", "ID"))
			.json(201);

		assertThat(problem.path("rowErrors").get(0).path("line").asInt()).isEqualTo(3);
		assertThat(problem.path("rowErrors").get(0).path("messages").get(0).asString())
			.isEqualTo("Row 3, column ID: external ID A-1 is repeated (first on row 2).");
		assertThat(report.path("imported").asInt()).isEqualTo(2);
		long id = report.path("databaseId").asLong();
		JsonNode added = multipart("/api/v1/contact-databases/" + id + "/import",
				"NOMBRE,ID,TELEFONO\nEva,A-1,612 345 680\n", Map.of())
			.problem(422, "invalid-import");
		assertThat(added.path("rowErrors").get(0).path("messages").get(0).asString())
			.startsWith("Row 2, column ID: external ID A-1 already belongs to contact");
		multipart("/api/v1/contact-databases/import", good,
				Map.of("name", "Mal", "phoneColumns", "TELEFONO", "externalIdColumn", "TELEFONO"))
			.problem(422, "invalid-input");
	}

	private long createDatabase() {
		return this.api.as(this.supervisor.token())
			.post("/api/v1/contact-databases", database("Clientes", "ID"))
			.json(201)
			.path("id")
			.asLong();
	}

	private static Map<String, Object> database(String name, String externalId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("columns", List.of("TELEFONO", "NOMBRE", "ID", "CIUDAD"));
		body.put("phoneColumns", List.of("TELEFONO"));
		body.put("externalIdColumn", externalId);
		return body;
	}

	private static Map<String, Object> row(String phone, String name, String externalId, String city) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("TELEFONO", phone);
		row.put("NOMBRE", name);
		row.put("ID", externalId);
		row.put("CIUDAD", city);
		return row;
	}

	private ApiResponse multipart(String path, String csv, Map<String, String> fields) {
		String boundary = "----cb" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"db.csv\"\r\nContent-Type: text/csv\r\n\r\n"
				+ csv + "\r\n--" + boundary + "--\r\n")
			.getBytes(StandardCharsets.UTF_8));
		return this.api.as(this.supervisor.token())
			.post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
