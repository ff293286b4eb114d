package io.callbridge.contacts;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the contact database pages as a browser uses them: the two-step upload (file,
 * then columns) ending in the report, the contact page showing the database's columns,
 * refusals on the columns step and in the report in English and Spanish, adding a file to
 * an existing database, and the pages being for supervisors and admins.
 */
@IntegrationTest
class ContactDatabasePagesTests {

	private static final Pattern UPLOAD_KEY = Pattern.compile("name=\"upload\" value=\"([^\"]+)\"");

	private static final String FILE = "TELEFONO;NOMBRE;ID;CIUDAD\n612 345 678;Ana García;A-1;Madrid\n"
			+ "699 000 111;Luis Pérez;;Sevilla\n";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	ContactDatabases databases;

	private long tenant;

	private UiSession ui;

	@BeforeEach
	void logIn() {
		this.tenant = this.tenants.anyTenant();
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.ui = UiSession.logIn(this.port, supervisor.username(), supervisor.password());
	}

	@Test
	void uploadsInTwoStepsAndTheContactPageShowsTheDatabaseColumns() {
		this.ui.get("/contacts/databases/new?lang=en");
		HttpResponse<String> columns = upload(FILE);

		assertThat(columns.body()).contains("Step 2 of 2: the columns of clientes.csv (2 rows).")
			.contains("value=\"TELEFONO\" checked")
			.contains("Ana García");
		HttpResponse<String> report = this.ui.postForm("/contacts/databases/import", Map.of("upload", key(columns),
				"name", "Clientes", "phoneColumns", "TELEFONO", "externalIdColumn", "ID"));

		assertThat(report.body()).contains("2 contacts imported from clientes.csv into the contact database Clientes.");
		ContactDatabase database = this.databases.list(this.tenant).get(0);
		assertThat(this.ui.get("/contacts/databases").body()).contains("Clientes").contains("NOMBRE, CIUDAD");
		long ana = this.databases.contactByExternalId(this.tenant, database.id(), "A-1").orElseThrow();
		String page = this.ui.get("/contacts/" + ana).body();
		assertThat(page).contains("Contact database Clientes")
			.contains("External ID (ID)")
			.contains("id=\"database-external-id\">A-1<")
			.contains("data-column=\"CIUDAD\">Madrid<");
	}

	@Test
	void aPhoneColumnAsExternalIdIsRefusedOnTheColumnsStepInSpanish() {
		this.ui.get("/contacts/databases/new?lang=es");
		HttpResponse<String> columns = upload(FILE);

		HttpResponse<String> refused = this.ui.postForm("/contacts/databases/import", Map.of("upload", key(columns),
				"name", "Clientes", "phoneColumns", "TELEFONO", "externalIdColumn", "TELEFONO"));

		assertThat(refused.body())
			.contains(
					"No se puede elegir un campo telefónico como id_externo: la columna «TELEFONO» contiene teléfonos.")
			.contains("Paso 2 de 2");
		HttpResponse<String> accepted = this.ui.postForm("/contacts/databases/import", Map.of("upload", key(refused),
				"name", "Clientes", "phoneColumns", "TELEFONO", "externalIdColumn", "ID"));
		assertThat(accepted.body())
			.contains("2 contactos importados de clientes.csv en la base de contactos Clientes.");
	}

	@Test
	void aRepeatedExternalIdIsReportedNamingRowAndColumnInBothLanguages() {
		String repeated = FILE + "612 345 680;Eva;A-1;Vigo\n";
		this.ui.get("/contacts/databases/new?lang=es");
		HttpResponse<String> spanish = this.ui.postForm("/contacts/databases/import", Map.of("upload",
				key(upload(repeated)), "name", "Clientes", "phoneColumns", "TELEFONO", "externalIdColumn", "ID"));
		this.ui.get("/contacts/databases/new?lang=en");
		HttpResponse<String> english = this.ui.postForm("/contacts/databases/import", Map.of("upload",
				key(upload(repeated)), "name", "Clientes", "phoneColumns", "TELEFONO", "externalIdColumn", "ID"));

		assertThat(spanish.body()).contains("No se ha importado nada.")
			.contains("data-line=\"4\"")
			.contains("Fila 4, columna ID: el id externo A-1 está repetido (primero en la fila 2).");
		assertThat(english.body()).contains("Nothing was imported.")
			.contains("Row 4, column ID: external ID A-1 is repeated (first on row 2).");
		assertThat(this.databases.list(this.tenant)).isEmpty();
	}

	@Test
	void addsAFileToAnExistingDatabaseInOneStep() {
		this.ui.get("/contacts/databases/new?lang=en");
		this.ui.postForm("/contacts/databases/import", Map.of("upload", key(upload(FILE)), "name", "Clientes",
				"phoneColumns", "TELEFONO", "externalIdColumn", "ID"));
		long id = this.databases.list(this.tenant).get(0).id();

		this.ui.get("/contacts/databases/new?into=" + id);
		HttpResponse<String> report = this.ui.postFile("/contacts/databases/upload", "file", "more.csv",
				"CIUDAD;ID;NOMBRE;TELEFONO\nLugo;A-2;Rosa;612 345 690\n".getBytes(StandardCharsets.UTF_8),
				Map.of("into", String.valueOf(id)));

		assertThat(report.body()).contains("1 contacts imported from more.csv into the contact database Clientes.");
		assertThat(this.databases.contactCounts(this.tenant)).containsEntry(id, 3L);
	}

	@Test
	void thePagesAreForSupervisorsAndAdmins() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		UiSession agentUi = UiSession.logIn(this.port, agent.username(), agent.password());

		assertThat(agentUi.get("/contacts/databases").statusCode()).isEqualTo(403);
		assertThat(agentUi.get("/contacts/databases/new").statusCode()).isEqualTo(403);
		assertThat(this.ui.get("/contacts").body()).contains("href=\"/contacts/databases\"");
		assertThat(agentUi.get("/contacts").body()).doesNotContain("href=\"/contacts/databases\"");
	}

	private HttpResponse<String> upload(String csv) {
		HttpResponse<String> response = this.ui.postFile("/contacts/databases/upload", "file", "clientes.csv",
				csv.getBytes(StandardCharsets.UTF_8), Map.of("charset", "UTF-8"));
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private static String key(HttpResponse<String> columnsPage) {
		Matcher matcher = UPLOAD_KEY.matcher(columnsPage.body());
		assertThat(matcher.find()).as("upload key in %s", columnsPage.body()).isTrue();
		return matcher.group(1);
	}

}
