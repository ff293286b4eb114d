package io.callbridge.crm.web;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmRegistrationResult;
import io.callbridge.crm.FakeCrmConnector;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web layer on the real CRM core, with a fake CRM behind the connector port: what the
 * core stores and shows never includes a secret or the connection's client id, its
 * refusals reach the API and the form in the reader's language, "Check" and "Connect"
 * show the CRM's answer, and the delivery log is the connection's own outbox endpoint.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class CrmWebOnTheCoreTests {

	private static final String SECRET = "core-key-9c41d7e2a0";

	@LocalServerPort
	int port;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	FakeCrmConnector crm;

	@Autowired
	CrmDirectory directory;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private long account;

	private TestUser adminUser;

	private ApiClient.Caller admin;

	@BeforeEach
	void tenantWithAdmin() {
		this.tenant = this.data.anyTenant();
		this.account = this.data.sandboxAccount(this.tenant).id();
		this.adminUser = this.data.anyUser(this.tenant, Role.ADMIN);
		this.admin = this.api.as(this.adminUser.token());
	}

	@Test
	void noAnswerOfTheApiHoldsASecretOrTheClientId() {
		JsonNode created = this.admin.post("/api/v1/crm/connections", body("cb-" + this.tenant)).json(201);
		long id = created.path("id").asLong();
		CrmConnection stored = this.directory.find(this.tenant, id).orElseThrow();
		assertThat(this.directory.secrets(stored).get("apiKey")).isEqualTo(SECRET);
		assertThat(stored.publicBaseUrl()).isEqualTo("http://localhost:" + this.port);

		List<ApiResponse> answers = List.of(this.admin.get("/api/v1/crm/connections"),
				this.admin.get("/api/v1/crm/connections/{id}", id),
				this.admin.put("/api/v1/crm/connections/{id}", Map.of("name", "Renamed"), id),
				this.admin.post("/api/v1/crm/connections/{id}/check", "", id),
				this.admin.post("/api/v1/crm/connections/{id}/connect", "", id),
				this.admin.get("/api/v1/crm/connections/{id}/managers", id),
				this.admin.get("/api/v1/crm/connections/{id}/deliveries", id));

		assertThat(created.toString()).doesNotContain(SECRET).doesNotContain(stored.clientId());
		for (ApiResponse answer : answers) {
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.body()).doesNotContain(SECRET).doesNotContain(stored.clientId());
		}
		assertThat(this.directory.secrets(this.directory.find(this.tenant, id).orElseThrow()).get("apiKey"))
			.isEqualTo(SECRET);
		assertThat(answers.get(1).json().path("secretsSet").toString()).isEqualTo("[\"apiKey\"]");
	}

	@Test
	void theCoresRefusalNamesTheFieldInTheReadersLanguage() {
		Map<String, Object> body = body("cb-" + this.tenant);
		body.put("baseUrl", "not an address");

		JsonNode english = this.admin.post("/api/v1/crm/connections", body).problem(422, "invalid-input");
		JsonNode spanish = this.admin.speaking("es")
			.post("/api/v1/crm/connections", body)
			.problem(422, "invalid-input");

		assertThat(english.path("errors").findValuesAsString("field")).contains("baseUrl");
		assertThat(english.path("detail").asString()).contains("The CRM address must be");
		assertThat(spanish.path("detail").asString()).doesNotContain("The CRM address must be");
	}

	@Test
	void checkAndConnectOnTheApiAndThePageShowWhatTheCrmSaid() {
		long id = this.admin.post("/api/v1/crm/connections", body("cb-" + this.tenant)).json(201).path("id").asLong();
		this.crm.answerCheck(id, new CrmCheck.Failed("apiKey", Text.literal("Fake CRM: Wrong \"apiKey\" value.")));
		this.crm.answerRegistrations(id,
				new CrmRegistrationResult.Registered(201, "{\"success\":true,\"info\":{}}", List.of("31")));

		JsonNode check = this.admin.post("/api/v1/crm/connections/{id}/check", "", id).json(200);
		UiSession ui = UiSession.logIn(this.port, this.adminUser.username(), this.adminUser.password());
		String connected = ui.postForm("/admin/crm/" + id + "/connect", Map.of(), "HX-Request", "true").body();

		assertThat(check.path("passed").asBoolean()).isFalse();
		assertThat(check.path("message").asString()).isEqualTo("Fake CRM: Wrong \"apiKey\" value.");
		assertThat(connected).contains("Connected: the CRM took the registration.",
				"{&quot;success&quot;:true,&quot;info&quot;:{}}", "CRM users it does not have: 31");
		assertThat(this.crm.registrations(id)).hasSize(1);
		assertThat(this.crm.registrations(id).get(0).registration().connectionPageUrl())
			.isEqualTo("http://localhost:" + this.port + "/admin/crm/" + id);
		String page = ui.get("/admin/crm/" + id).body();
		assertThat(page).contains("registered", "Fake CRM").doesNotContain(SECRET);
	}

	@Test
	void theFormShowsTheCoresRefusalsAndTheLogIsTheConnectionsOwn() {
		UiSession ui = UiSession.logIn(this.port, this.adminUser.username(), this.adminUser.password());
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("connector", FakeCrmConnector.KEY);
		fields.put("name", "Fake shop");
		fields.put("baseUrl", "http://127.0.0.1:9/crm");
		fields.put("integrationCode", "Not Valid!");
		fields.put("publicBaseUrl", "");
		fields.put("accountIds", String.valueOf(this.account));
		fields.put("enabled", "true");
		fields.put("secret.apiKey", SECRET);

		HttpResponse<String> refused = ui.postForm("/admin/crm", fields);

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("The integration code must be", "value=\"Fake shop\"")
			.doesNotContain(SECRET);
		fields.put("integrationCode", "cb-" + this.tenant);
		HttpResponse<String> created = ui.postForm("/admin/crm", fields);
		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		long endpoint = this.directory.find(this.tenant, id).orElseThrow().endpointId();
		StoredDeliveries.pendingOn(this.jdbc, this.tenant, endpoint);
		String page = ui.get("/admin/crm/" + id).body();
		assertThat(page).contains("Connection created.", "webhook.test", "Send again").doesNotContain(SECRET);
		JsonNode log = this.admin.get("/api/v1/crm/connections/{id}/deliveries", id).json(200);
		assertThat(log.path("items").get(0).path("endpointId").asLong()).isEqualTo(endpoint);
	}

	private Map<String, Object> body(String code) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("connector", FakeCrmConnector.KEY);
		body.put("name", "Fake shop");
		body.put("baseUrl", "http://127.0.0.1:9/crm");
		body.put("integrationCode", code);
		body.put("accountIds", List.of(this.account));
		body.put("settings", Map.of("site", "main"));
		body.put("secrets", Map.of("apiKey", SECRET));
		return body;
	}

}
