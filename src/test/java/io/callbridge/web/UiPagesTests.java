package io.callbridge.web;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server-rendered pages through a real login session: lists and search, the
 * all-or-nothing CSV import, role checks on admin pages, the extension-conflict message,
 * history filters and the Spanish UI.
 */
@IntegrationTest
class UiPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	Contacts contacts;

	@Autowired
	ContactService contactService;

	@Test
	void contactListShowsTheTenantsContactsAndSearchNarrowsIt() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		this.data.anyContact(tenant, "Carmen Vidal", "+34 612 000 001");
		this.data.anyContact(tenant, "Jorge Soler", "+34 612 000 002");
		UiSession ui = UiSession.logIn(this.port, agent.username(), agent.password());

		String all = ui.get("/contacts").body();
		String found = ui.get("/contacts?q=vidal").body();

		assertThat(all).contains("Carmen Vidal").contains("Jorge Soler").contains("+34 612 00 00 01");
		assertThat(found).contains("Carmen Vidal").doesNotContain("Jorge Soler");
	}

	@Test
	void csvImportWithAnInvalidRowImportsNothingAndNamesTheLine() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());
		ui.get("/contacts/import");

		HttpResponse<String> response = ui.awaitImport(ui.postFile("/contacts/import", "file", "contacts.csv",
				"name,phones\nGood Row,612 345 678\nBad Row,12ab\n"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("data-line=\"3\"").contains("12ab").contains("Nothing was imported.");
		assertThat(this.contacts.search(tenant, null, 0, 10).total()).isZero();
	}

	@Test
	void csvImportFromThePageUpdatesExistingContactsByExternalId() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		long existing = this.contactService
			.create(tenant, new ContactCommand("Before", null, null, null, null, "PAGE-1", List.of(), List.of()))
			.id();
		UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());
		ui.get("/contacts/import");

		HttpResponse<String> response = ui.awaitImport(ui.postFile("/contacts/import", "file", "contacts.csv",
				"name,external_id\nAfter,PAGE-1\nAnother,PAGE-2\n".getBytes(StandardCharsets.UTF_8),
				Map.of("mode", "upsert", "charset", "UTF-8")));

		assertThat(response.body()).contains("1 created, 1 updated.");
		assertThat(this.contacts.get(tenant, existing).name()).isEqualTo("After");
		assertThat(this.contacts.search(tenant, null, 0, 10).total()).isEqualTo(2);
	}

	@Test
	void csvImportFromThePageRefusesAFileThatIsNotUtf8OrReadsItInTheChosenEncoding() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());
		ui.get("/contacts/import");
		byte[] windows = "name\nLucía Pérez\n".getBytes(Charset.forName("windows-1252"));

		HttpResponse<String> refused = ui
			.awaitImport(ui.postFile("/contacts/import", "file", "contacts.csv", windows, Map.of()));
		HttpResponse<String> read = ui.awaitImport(
				ui.postFile("/contacts/import", "file", "contacts.csv", windows, Map.of("charset", "windows-1252")));

		assertThat(refused.body()).contains("not valid UTF-8").contains("line 2");
		assertThat(read.body()).contains("1 contacts imported");
		assertThat(this.contacts.search(tenant, null, 0, 10).items()).extracting(Contact::name)
			.containsExactly("Lucía Pérez");
	}

	@Test
	void agentsAdminPageIsRefusedToAnAgent() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		UiSession ui = UiSession.logIn(this.port, agent.username(), agent.password());

		assertThat(ui.get("/admin/agents").statusCode()).isEqualTo(403);
		assertThat(ui.get("/admin/api-tokens").statusCode()).isEqualTo(403);
	}

	@Test
	void extensionConflictNamesTheAgentWhoHasIt() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser holder = this.data.anyAgentWithExtension(tenant, Role.AGENT, "150");
		TestUser other = this.data.anyUser(tenant, Role.AGENT);
		long account = this.data.sandboxAccount(tenant).id();
		UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());
		ui.get("/admin/agents/" + other.id() + "/edit");

		HttpResponse<String> response = ui.postForm("/admin/agents/" + other.id() + "/extensions",
				Map.of("accountId", Long.toString(account), "extension", "150"));

		assertThat(response.body()).contains("already assigned to").contains(holder.username());
	}

	@Test
	void callHistoryFiltersByResult() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "100");
		this.data.anyContact(tenant, "Busy Caller", "+34 612 111 222");
		UiSession ui = UiSession.logIn(this.port, agent.username(), agent.password());
		ui.get("/sandbox");
		ui.postForm("/sandbox/calls", Map.of("from", "612 111 222", "extension", "100", "scenario", "BUSY"));

		await().atMost(Duration.ofSeconds(30)).until(() -> ui.get("/calls?result=BUSY").body().contains("Busy Caller"));
		assertThat(ui.get("/calls?result=ANSWERED").body()).doesNotContain("Busy Caller");
	}

	@Test
	void supervisorBlacklistsANumberFromThePageAndSeesRefusals() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		UiSession ui = UiSession.logIn(this.port, supervisor.username(), supervisor.password());
		ui.get("/blacklist");

		HttpResponse<String> added = ui.postForm("/blacklist", Map.of("number", "612 777 888", "reason", "spam"));
		HttpResponse<String> invalid = ui.postForm("/blacklist", Map.of("number", "12ab", "reason", ""));

		assertThat(added.statusCode()).isEqualTo(302);
		assertThat(ui.get("/blacklist").body()).contains("data-number=\"+34612777888\"").contains("spam");
		assertThat(invalid.body()).contains("12ab").contains("alert error");
	}

	@Test
	void aValueItsFieldCannotHoldIsRefusedNamingTheField() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		UiSession ui = UiSession.logIn(this.port, supervisor.username(), supervisor.password());

		HttpResponse<String> history = ui.get("/calls?contactId=abc");
		HttpResponse<String> spanish = ui.get("/calls?lang=es&contactId=1e400");
		ui.get("/admin/campaigns/new?lang=en");
		HttpResponse<String> campaign = ui.postForm("/admin/campaigns",
				Map.of("name", "Sales", "type", "MANUAL", "state", "ACTIVE", "agentIds", "12x"));
		HttpResponse<String> noAgent = ui.postForm("/admin/campaigns",
				Map.of("name", "Sales", "type", "MANUAL", "state", "ACTIVE", "agentIds", " "));

		assertThat(history.statusCode()).isEqualTo(400);
		assertThat(history.body()).contains("Parameter &#39;contactId&#39; has an invalid value: abc");
		assertThat(spanish.statusCode()).isEqualTo(400);
		assertThat(spanish.body()).contains("El parámetro &#39;contactId&#39; tiene un valor no válido: 1e400");
		assertThat(campaign.statusCode()).isEqualTo(400);
		assertThat(campaign.body()).contains("&#39;agentIds").contains("12x");
		assertThat(noAgent.statusCode()).as(noAgent.body()).isEqualTo(302);
	}

	@Test
	void aFormRowNumberThatIsNotOneIsRefusedNamingTheParameter() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());
		ui.get("/admin/campaigns/new?lang=en");
		Map<String, String> campaign = Map.of("name", "Rows", "type", "MANUAL", "state", "ACTIVE");

		List<HttpResponse<String>> refused = List
			.of("optionRows[256].name", "optionRows[x].name", "optionRows[].name", "optionRows[2147483648].name",
					"agentIds[-1]")
			.stream()
			.map((name) -> ui.postForm("/admin/campaigns", with(campaign, name, "Venta")))
			.toList();
		HttpResponse<String> spanish = ui.postForm("/admin/campaigns?lang=es",
				with(campaign, "optionRows[100000].name", "Venta"));
		Map<String, String> row = with(with(with(campaign, "optionRows[3].name", "Venta"), "optionRows[3].id", ""),
				"optionRows[3].hidden", "false");
		HttpResponse<String> gap = ui.postForm("/admin/campaigns", with(row, "optionRows[3].outcome", "SALE"));

		assertThat(refused).allSatisfy((page) -> assertThat(page.statusCode()).as(page.body()).isEqualTo(400));
		assertThat(refused.get(0).body()).contains(
				"The parameter &#39;optionRows[256].name&#39; has a row number that is not a whole number from 0 to 255.");
		assertThat(spanish.body()).contains("tiene un número de fila que no es un número entero de 0 a 255");
		assertThat(gap.statusCode()).as(gap.body()).isEqualTo(302);
	}

	private static Map<String, String> with(Map<String, String> fields, String name, String value) {
		Map<String, String> all = new java.util.LinkedHashMap<>(fields);
		all.put(name, value);
		return all;
	}

	@Test
	void pagesSpeakSpanishWhenAsked() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		UiSession ui = UiSession.logIn(this.port, agent.username(), agent.password());

		assertThat(ui.get("/console?lang=es").body()).contains("Consola del agente");
		assertThat(ui.get("/contacts").body()).contains("Contactos");
		assertThat(ui.get("/calls?lang=en").body()).contains("Calls");
	}

}
