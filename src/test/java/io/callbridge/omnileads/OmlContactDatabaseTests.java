package io.callbridge.omnileads;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.omnileads.OmlClient.Encoding;
import io.callbridge.omnileads.OmlClient.FilePart;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' contact database API over HTTP, case by case from OMniLeads'
 * {@code tests_api_base_de_contactos.py} and {@code tests_api_subir_base_contactos.py}:
 * creation with phone, data and external-id columns (names sanitised, repeated names and
 * taken names refused), contacts added all or nothing (unknown columns, missing main
 * phone, external ids repeated in the batch or the database), listed, and a database
 * created from an uploaded CSV.
 */
@IntegrationTest
class OmlContactDatabaseTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	Tenants tenants;

	private String base;

	private OmlClient supervisor;

	@BeforeEach
	void aTenantsSupervisor() {
		long tenant = this.data.anyTenant();
		this.base = "/omnileads/" + this.tenants.get(tenant).slug() + "/api/v1/";
		TestUser user = this.data.anyUser(tenant, Role.SUPERVISOR);
		this.supervisor = OmlSession.loggedIn(this.port, this.base, user);
	}

	@Test
	void createsADatabaseWithPhoneDataAndExternalIdColumns() {
		JsonNode created = this.supervisor
			.postJson(this.base + "contact_database/create/",
					Map.of("name", "test-db", "phone_fields", List.of("tel", "cel"), "data_fields",
							List.of("nombre", " apellido  materno", "Dirección"), "external_id_field", "dni"))
			.json(201);

		long id = created.path("data").path("id").asLong();
		assertThat(created).hasToString("{\"status\":\"SUCCESS\",\"data\":{\"id\":" + id
				+ ",\"name\":\"test-db\",\"main_phone\":\"tel\",\"external_id\":\"dni\",\"fields\":[\"tel\",\"cel\","
				+ "\"nombre\",\"apellido_materno\",\"Direccion\",\"dni\"]},"
				+ "\"message\":\"Se creo la BD de Contactos de forma exitosa\"}");
	}

	@Test
	void refusesRepeatedNamesEmptyListsNonListsAndATakenName() {
		Map<String, Object> request = new LinkedHashMap<>(Map.of("name", "test-3", "phone_fields",
				List.of("tel", "cel"), "data_fields", List.of("nombre", "apellido"), "external_id_field", "tel"));
		assertThat(createDatabase(request)).hasToString("{\"message\":\"Error en los datos\",\"errors\":"
				+ "{\"non_field_errors\":[\"Los nombres de los campos no pueden estar repetidos\"]}}");
		request.remove("external_id_field");
		request.put("data_fields", List.of());
		assertThat(createDatabase(request).path("errors"))
			.hasToString("{\"data_fields\":[\"Debe ingresar al menos un campo\"]}");
		request.put("data_fields", "nolista");
		assertThat(createDatabase(request).path("errors"))
			.hasToString("{\"data_fields\":[\"Debe ingresar una lista\"]}");
		request.put("data_fields", List.of("si", "lista"));
		this.supervisor.postJson(this.base + "contact_database/create/", request).json(201);
		assertThat(createDatabase(request).path("errors"))
			.hasToString("{\"name\":[\"Ya existe una base de datos de contactos con ese nombre\"]}");
		assertThat(createDatabase(Map.of()).path("errors").propertyNames()).containsExactly("name", "phone_fields",
				"data_fields");
	}

	@Test
	void addsContactsAllOrNothingAndListsThem() {
		long id = database();

		JsonNode created = this.supervisor
			.postJson(this.base + "contact_database/" + id + "/contact/",
					List.of(contact("612000201", "contacto1", "35353530"),
							contact("612000202", "contacto2", "35353531")))
			.json(201);

		assertThat(created.path("status").asString()).isEqualTo("SUCCESS");
		assertThat(created.path("message").asString()).isEqualTo("Se crearon los contactos de forma exitosa");
		JsonNode first = created.path("data").path(0);
		assertThat(first.propertyNames()).containsExactly("id", "telefono", "datos", "bd_contacto", "id_externo");
		assertThat(first.path("datos").asString()).isEqualTo("[\"+34612000201\", \"contacto1\", \"contacto1\"]")
			.as("cel, nombre, apellido as OMniLeads encodes them");
		assertThat(first.path("bd_contacto").asLong()).isEqualTo(id);
		assertThat(first.path("id_externo").asString()).isEqualTo("35353530");
		JsonNode listed = this.supervisor.get(this.base + "contact_database/" + id + "/contact").json(200);
		assertThat(listed.path("message").asString()).isEqualTo("Se obtuvieron los contactos de forma exitosa");
		assertThat(listed.path("data")).hasSize(2);
		assertThat(listed.path("data").path(1).path("id_externo").asString()).isEqualTo("35353531");
	}

	@Test
	void refusesUnknownColumnsAMissingMainPhoneAndRepeatedExternalIds() {
		long id = database();
		String url = this.base + "contact_database/" + id + "/contact/";
		Map<String, Object> wrongName = new LinkedHashMap<>(contact("612000203", "contacto1", "1"));
		wrongName.put("telefono", wrongName.remove("tel"));

		assertThat(this.supervisor.postJson(url, List.of(wrongName)).json(400)).hasToString(
				"{\"message\":\"Error en los datos\",\"errors\":[{\"Error\":\"Campos invalidos: ['telefono']\"}]}");
		Map<String, Object> noPhone = new LinkedHashMap<>(contact("612000203", "contacto1", "1"));
		noPhone.remove("tel");
		assertThat(this.supervisor.postJson(url, List.of(contact("612000204", "ok", "2"), noPhone))
			.json(400)
			.path("errors")).hasToString("[{},{\"tel\":\"campo requerido\"}]");
		assertThat(this.supervisor
			.postJson(url, List.of(contact("612000205", "contacto1", "3"), contact("612000206", "contacto2", "3")))
			.json(400)
			.path("errors")).hasToString("[{},{\"dni\":\"El id externo debe ser único en la base de datos - 3\"}]");
		this.supervisor.postJson(url, List.of(contact("612000207", "contacto1", "4"))).json(201);
		assertThat(
				this.supervisor.postJson(url, List.of(contact("612000208", "contacto1", "4"))).json(400).path("errors"))
			.hasToString("[{\"dni\":\"El id externo debe ser único en la base de datos - 4\"}]");
		assertThat(this.supervisor.get(url).json(200).path("data")).hasSize(1);
	}

	@Test
	void anUnknownDatabaseIs404() {
		assertThat(this.supervisor.get(this.base + "contact_database/999999/contact/").json(404))
			.hasToString("{\"error\":\"Base de datos inexistente\"}");
		assertThat(this.supervisor.language("en")
			.postJson(this.base + "contact_database/999999/contact/", List.of())
			.json(404)).hasToString("{\"error\":\"Unkown database\"}");
	}

	@Test
	void agentsMayNotManageDatabases() {
		long tenant = this.tenants.findBySlug(this.base.split("/")[2]).orElseThrow().id();
		OmlClient agent = OmlSession.loggedIn(this.port, this.base, this.data.anyUser(tenant, Role.AGENT));

		agent.postJson(this.base + "contact_database/create/", Map.of())
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
		agent.post(this.base + "crear_base_contactos/", Encoding.MULTIPART, Map.of("nombre", "x"))
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
	}

	@Test
	void createsADatabaseFromAnUploadedCsv() {
		String name = "subida-" + UUID.randomUUID().toString().substring(0, 6);
		JsonNode answer = this.supervisor
			.post(this.base + "crear_base_contactos/", Encoding.MULTIPART,
					Map.of("filename", csv("telefono,nombre,id_cliente\n612000301,Ana,a1\n612000302,Bea,a2\n"),
							"nombre", name, "campos_telefono", "telefono", "id_externo", "id_cliente"))
			.json(200);

		assertThat(answer.path("status").asString()).as(answer.toString()).isEqualTo("OK");
		long id = answer.path("id").asLong();
		JsonNode listed = this.supervisor.get(this.base + "contact_database/" + id + "/contact/").json(200);
		assertThat(listed.path("data").valueStream().map((c) -> c.path("id_externo").asString())).containsExactly("a1",
				"a2");
	}

	@Test
	void anUploadIsRefusedWithOmniLeadsMessagesAt200() {
		FilePart file = csv("telefono,nombre,id_cliente\n612000301,Ana,a1\n612000302,Bea,a1\n");
		String url = this.base + "crear_base_contactos/";

		assertThat(upload(url, Map.of("nombre", "x", "campos_telefono", "telefono")))
			.isEqualTo("falta parámetro filename en request");
		assertThat(upload(url, Map.of("filename", file, "campos_telefono", "telefono")))
			.isEqualTo("falta parámetro:nombre");
		assertThat(upload(url, Map.of("filename", file, "nombre", "x"))).isEqualTo("falta parámetro:campos_telefono");
		assertThat(upload(url, Map.of("filename", file, "nombre", "x", "campos_telefono", ",")))
			.isEqualTo("lista de campos teléfono vacia");
		assertThat(upload(url, Map.of("filename", file, "nombre", "x", "campos_telefono", "movil")))
			.isEqualTo("campo de teléfono no coincide con nombre de columna");
		assertThat(upload(url,
				Map.of("filename", file, "nombre", "x", "campos_telefono", "telefono", "id_externo", "dni")))
			.isEqualTo("campo de id externo no coincide con nombre de columna");
		assertThat(upload(url, Map.of("filename", new FilePart("base.txt", "text/plain", file.content()), "nombre", "x",
				"campos_telefono", "telefono")))
			.isEqualTo("la extensión del archivo no es .CSV");
		assertThat(upload(url,
				Map.of("filename", file, "nombre", "x", "campos_telefono", "telefono", "id_externo", "id_cliente")))
			.contains("a1");
	}

	private String upload(String url, Map<String, ?> fields) {
		JsonNode answer = this.supervisor.post(url, Encoding.MULTIPART, fields).json(200);
		assertThat(answer.path("status").asString()).isEqualTo("ERROR");
		return answer.path("message").asString();
	}

	private JsonNode createDatabase(Map<String, ?> request) {
		return this.supervisor.postJson(this.base + "contact_database/create/", request).json(400);
	}

	private long database() {
		return this.supervisor.postJson(this.base + "contact_database/create/",
				Map.of("name", "db-" + UUID.randomUUID().toString().substring(0, 6), "phone_fields",
						List.of("tel", "cel"), "data_fields", List.of("nombre", "apellido"), "external_id_field",
						"dni"))
			.json(201)
			.path("data")
			.path("id")
			.asLong();
	}

	private static Map<String, Object> contact(String phone, String name, String externalId) {
		Map<String, Object> contact = new LinkedHashMap<>();
		contact.put("tel", phone);
		contact.put("cel", "+34" + phone);
		contact.put("nombre", name);
		contact.put("apellido", name);
		contact.put("dni", externalId);
		return contact;
	}

	private static FilePart csv(String content) {
		return new FilePart("base.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

}
