package io.callbridge.crm.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.ConnectionCommand;
import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.ManagerCommand;
import io.callbridge.crm.ManagerView;
import io.callbridge.crm.web.CrmWebFakes.InMemoryCrm;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.webhooks.EndpointKind;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRM connection pages as an admin uses them, on the core's in-memory stand-in: the
 * list with each connection's status, the form with the connector's fields (a secret is
 * never shown back, a blank one keeps the stored value), refusals shown by the fields in
 * English and Spanish, "Check" and "Connect" with the CRM's answer, the retailCRM setup,
 * the managers' mapping and the delivery log with replays.
 */
@IntegrationTest
@Import(CrmWebFakes.class)
class CrmPagesTests {

	private static final String SECRET = "rc-page-key-4b8d2e";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	InMemoryCrm crm;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private long account;

	private UiSession ui;

	@BeforeEach
	void adminLoggedIn() {
		this.tenant = this.data.anyTenant();
		this.account = this.data.sandboxAccount(this.tenant).id();
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.ui = UiSession.logIn(this.port, admin.username(), admin.password());
	}

	@Test
	void theListShowsEachConnectionsStatusInEnglishAndSpanish() {
		long id = this.crm.create(this.tenant, command()).id();
		this.crm.status(id,
				new ConnectionView.Registration("FAILED", Instant.parse("2026-03-01T10:00:00Z"),
						"retailCRM refused: Access denied.", null, List.of("31")),
				new ConnectionView.Deliveries(3, 1, null, Instant.parse("2026-03-01T08:00:00Z"), "503", false),
				List.of("105"));

		String english = this.ui.get("/admin/crm").body();

		assertThat(english).contains("CRM connections", "Shop", "retailCRM (Simla)", "registration failed",
				"retailCRM refused: Access denied.", "3 waiting", "1 failed", "Failing since 2026-03-01 09:00", ">105<",
				"CRM users it does not have: 31", this.data.sandboxAccount(this.tenant).name(), "href=\"/admin/crm\"");
		String spanish = this.ui.get("/admin/crm?lang=es").body();
		assertThat(spanish).contains("Conexiones CRM", "registro fallido", "3 en espera", "1 fallidos",
				"Falla desde 2026-03-01 09:00");
	}

	@Test
	void anAdminCreatesAConnectionWhoseSecretIsNeverShownAgain() {
		String form = this.ui.get("/admin/crm/new").body();
		assertThat(form).contains("New retailCRM (Simla) connection", "name=\"secret.apiKey\"", "name=\"setting.site\"",
				"value=\"callbridge\"", "Setting up retailCRM",
				"http://localhost:" + this.port + "/webhooks/crm/retailcrm/make-call",
				"http://localhost:" + this.port + "/webhooks/crm/retailcrm/user-status");

		HttpResponse<String> created = this.ui.postForm("/admin/crm", fields("Shop", SECRET));

		assertThat(created.statusCode()).isEqualTo(302);
		long id = this.crm.list(this.tenant).get(0).id();
		assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/admin/crm/" + id);
		ConnectionCommand command = this.crm.lastCommand(this.tenant);
		assertThat(command.publicBaseUrl()).isEqualTo("http://localhost:" + this.port);
		assertThat(command.accountIds()).containsExactly(this.account);
		assertThat(command.settings()).containsEntry("site", "main-store");
		assertThat(command.secrets()).containsEntry("apiKey", SECRET);
		assertThat(command.responsibleFromCrm()).isTrue();
		assertThat(command.enabled()).isTrue();
		String page = this.ui.get("/admin/crm/" + id).body();
		assertThat(page)
			.contains("Connection created. Check it, then connect it.", "not connected yet",
					"stored – leave blank to keep", "value=\"main-store\"")
			.doesNotContain(SECRET);
	}

	@Test
	void aRefusedFormShowsItsErrorsInEnglishAndSpanishWithWhatWasTypedButNotTheSecret() {
		HttpResponse<String> english = this.ui.postForm("/admin/crm", fields(" ", SECRET));

		assertThat(english.statusCode()).isEqualTo(422);
		assertThat(english.body()).contains("The name is required.", "value=\"https://shop.retailcrm.ru\"")
			.doesNotContain(SECRET);
		this.ui.get("/admin/crm?lang=es");
		HttpResponse<String> spanish = this.ui.postForm("/admin/crm", fields(" ", SECRET));
		assertThat(spanish.statusCode()).isEqualTo(422);
		assertThat(spanish.body()).contains("El nombre es obligatorio.", "Nueva conexión con retailCRM (Simla)")
			.doesNotContain(SECRET);
		assertThat(this.crm.list(this.tenant)).isEmpty();
	}

	@Test
	void savingWithTheSecretLeftBlankKeepsIt() {
		long id = this.crm.create(this.tenant, command()).id();

		HttpResponse<String> saved = this.ui.postForm("/admin/crm/" + id, fields("Shop 2", ""));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.crm.lastCommand(this.tenant).secrets()).isEmpty();
		assertThat(this.crm.storedSecrets(id)).containsEntry("apiKey", "stored-key");
		assertThat(this.crm.get(this.tenant, id).name()).isEqualTo("Shop 2");
		assertThat(this.ui.get("/admin/crm/" + id).body()).contains("Connection saved.");
		HttpResponse<String> refused = this.ui.postForm("/admin/crm/" + id, fields("", SECRET));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("The name is required.", "Managers").doesNotContain(SECRET);
	}

	@Test
	void checkAndConnectShowTheCrmsAnswer() {
		long id = this.crm.create(this.tenant, command()).id();

		String passed = this.ui.postForm("/admin/crm/" + id + "/check", Map.of(), "HX-Request", "true").body();
		this.crm.checkFinds(id, new CrmCheck.Failed("apiKey", Text.literal("retailCRM said: Wrong \"apiKey\" value.")));
		HttpResponse<String> failed = this.ui.postForm("/admin/crm/" + id + "/check", Map.of());
		String connected = this.ui.postForm("/admin/crm/" + id + "/connect", Map.of(), "HX-Request", "true").body();

		assertThat(passed).contains("Check passed.", "retailCRM accepted the key.").doesNotContain("<html");
		assertThat(failed.statusCode()).isEqualTo(200);
		assertThat(failed.body()).contains("<html", "Check failed.", "retailCRM said: Wrong &quot;apiKey&quot; value.",
				"(field apiKey)", "Setting up retailCRM");
		assertThat(connected).contains("Connected: the CRM took the registration.", "retailCRM took the registration.",
				"{&quot;success&quot;:true}");
		assertThat(this.ui.get("/admin/crm/" + id + "?lang=es").body()).contains("registrada");
		String spanish = this.ui.postForm("/admin/crm/" + id + "/check", Map.of(), "HX-Request", "true").body();
		assertThat(spanish).contains("La comprobación falló.", "(campo apiKey)");
	}

	@Test
	void managersAreSavedAndARefusalIsShownWithWhatWasTyped() {
		long id = this.crm.create(this.tenant, command()).id();
		TestUser ana = this.data.anyUser(this.tenant, Role.AGENT);
		TestUser luis = this.data.anyUser(this.tenant, Role.AGENT);
		this.crm.agents(this.tenant, new ManagerView(ana.id(), "Ana", null, null, "101", List.of("101"), false),
				new ManagerView(luis.id(), "Luis", null, null, "102", List.of("102", "7102"), true));

		String page = this.ui.get("/admin/crm/" + id).body();
		assertThat(page).contains("Ana", "Luis", "102, 7102", "unknown to the CRM",
				"name=\"crmUserId." + ana.id() + "\"");

		HttpResponse<String> saved = this.ui.postForm("/admin/crm/" + id + "/managers", managers(ana, luis, "27", ""));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.crm.mapping(id)).containsExactly(new ManagerCommand(ana.id(), "27", null));
		assertThat(this.ui.get("/admin/crm/" + id).body()).contains("Managers saved.", "value=\"27\"");
		HttpResponse<String> refused = this.ui.postForm("/admin/crm/" + id + "/managers",
				managers(ana, luis, "27", "27"));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("Each CRM user can be related to one agent only.");
		assertThat(this.crm.mapping(id)).containsExactly(new ManagerCommand(ana.id(), "27", null));
	}

	@Test
	void aDeliveryIsReplayedFromItsConnectionsLogOnly() {
		long id = this.crm.create(this.tenant, command()).id();
		long endpoint = connectorEndpoint();
		this.crm.endpoint(id, endpoint);
		StoredDeliveries.pendingOn(this.jdbc, this.tenant, endpoint);
		long delivery = lastDelivery(endpoint);
		long other = this.crm.create(this.tenant, command()).id();
		this.crm.endpoint(other, connectorEndpoint());

		assertThat(this.ui.get("/admin/crm/" + id).body()).contains("data-delivery-id=\"" + delivery + "\"",
				"webhook.test", "Send again");
		assertThat(this.ui.get("/admin/crm/" + other).body()).contains("Nothing sent yet.");

		HttpResponse<String> replayed = this.ui.postForm("/admin/crm/" + id + "/deliveries/" + delivery + "/replay",
				Map.of());
		HttpResponse<String> foreign = this.ui.postForm("/admin/crm/" + other + "/deliveries/" + delivery + "/replay",
				Map.of());

		assertThat(replayed.statusCode()).isEqualTo(302);
		assertThat(this.deliveries.deliveries(this.tenant, endpoint, 0, 10).total()).isEqualTo(2);
		assertThat(this.ui.get("/admin/crm/" + id).body()).contains("The delivery is sent again.");
		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(this.deliveries.deliveries(this.tenant, endpoint, 0, 10).total()).isEqualTo(2);
	}

	@Test
	void everyPageHasEveryTextInEnglishAndSpanish() {
		long id = this.crm.create(this.tenant, command()).id();
		TestUser ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.crm.agents(this.tenant, new ManagerView(ana.id(), "Ana", "27", null, "101", List.of("101"), true));
		long endpoint = connectorEndpoint();
		this.crm.endpoint(id, endpoint);
		StoredDeliveries.pendingOn(this.jdbc, this.tenant, endpoint);
		for (String language : List.of("en", "es")) {
			this.crm.status(id,
					new ConnectionView.Registration("PENDING", Instant.parse("2026-03-01T10:00:00Z"), "Codes changed.",
							"{}", List.of("31")),
					new ConnectionView.Deliveries(1, 1, Instant.parse("2026-03-01T07:00:00Z"),
							Instant.parse("2026-03-01T08:00:00Z"), "HTTP 503", true),
					List.of("105"));
			this.ui.get("/admin/crm?lang=" + language);
			List<String> pages = List.of(this.ui.get("/admin/crm").body(), this.ui.get("/admin/crm/new").body(),
					this.ui.get("/admin/crm/" + id).body(),
					this.ui.postForm("/admin/crm/" + id + "/check", Map.of(), "HX-Request", "true").body(),
					this.ui.postForm("/admin/crm/" + id + "/connect", Map.of(), "HX-Request", "true").body());
			for (String page : pages) {
				assertThat(page).as("a page in %s", language).doesNotContain("??").doesNotContain("crmPage.");
			}
			assertThat(pages.get(2)).contains(
					language.equals("en") ? "to be registered again" : "pendiente de registrar",
					language.equals("en") ? "Last delivered" : "Última entrega",
					language.equals("en") ? "unknown to the CRM" : "desconocido para el CRM");
		}
	}

	@Test
	void aConnectionIsDeleted() {
		long id = this.crm.create(this.tenant, command()).id();

		HttpResponse<String> deleted = this.ui.postForm("/admin/crm/" + id + "/delete", Map.of());

		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(this.ui.get("/admin/crm").body()).contains("Connection Shop deleted.", "No CRM connection yet.");
		assertThat(this.ui.get("/admin/crm/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void onlyAdminsHaveThePages() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		UiSession other = UiSession.logIn(this.port, supervisor.username(), supervisor.password());

		assertThat(other.get("/admin/crm").statusCode()).isEqualTo(403);
		assertThat(other.get("/admin/crm/new").statusCode()).isEqualTo(403);
		assertThat(other.get("/console").body()).doesNotContain("href=\"/admin/crm\"");
		assertThat(this.ui.get("/admin/integration").body()).contains("href=\"/admin/crm\"");
	}

	private long connectorEndpoint() {
		long endpoint = this.endpoints.createManaged(this.tenant, EndpointKind.CONNECTOR, "https://shop.retailcrm.ru",
				EndpointMethod.POST, "CRM connection");
		this.endpoints.disable(this.tenant, endpoint);
		return endpoint;
	}

	private long lastDelivery(long endpoint) {
		return this.jdbc.sql("SELECT MAX(id) FROM webhook_deliveries WHERE endpoint_id = ?")
			.param(endpoint)
			.query(Long.class)
			.single();
	}

	private Map<String, String> managers(TestUser ana, TestUser luis, String anaUser, String luisUser) {
		Map<String, String> fields = new LinkedHashMap<>();
		// Both agents in one "agent" value, comma-separated as a repeated field arrives.
		fields.put("agent", ana.id() + "," + luis.id());
		fields.put("crmUserId." + ana.id(), anaUser);
		fields.put("code." + ana.id(), "");
		fields.put("crmUserId." + luis.id(), luisUser);
		fields.put("code." + luis.id(), "");
		return fields;
	}

	private Map<String, String> fields(String name, String secret) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("connector", "retailcrm");
		fields.put("name", name);
		fields.put("baseUrl", "https://shop.retailcrm.ru");
		fields.put("integrationCode", "callbridge");
		fields.put("publicBaseUrl", "");
		fields.put("accountIds", String.valueOf(this.account));
		fields.put("responsibleFromCrm", "true");
		fields.put("enabled", "true");
		fields.put("setting.site", "main-store");
		fields.put("secret.apiKey", secret);
		return fields;
	}

	private ConnectionCommand command() {
		return new ConnectionCommand("retailcrm", "Shop", "https://shop.retailcrm.ru", "callbridge",
				"https://cb.example.com", List.of(this.account), false, true, Map.of(), Map.of("apiKey", "stored-key"));
	}

}
