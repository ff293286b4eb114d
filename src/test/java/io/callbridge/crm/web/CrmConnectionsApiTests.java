package io.callbridge.crm.web;

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
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.webhooks.EndpointKind;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRM connections API over HTTP, on the core's in-memory stand-in: supervisors read
 * and admins change, request bodies are checked, a blank public address is filled in,
 * secrets are taken but never shown, check and connect bring back the CRM's answer, and
 * the delivery log and replays stay within the tenant's own connections.
 */
@IntegrationTest
@Import(CrmWebFakes.class)
class CrmConnectionsApiTests {

	private static final String SECRET = "rc-key-7f3a9c1e5b";

	@LocalServerPort
	int port;

	@Autowired
	ApiClient api;

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

	private ApiClient.Caller admin;

	private ApiClient.Caller supervisor;

	@BeforeEach
	void tenantWithAdminAndSupervisor() {
		this.tenant = this.data.anyTenant();
		this.account = this.data.sandboxAccount(this.tenant).id();
		this.admin = this.api.as(this.data.anyUser(this.tenant, Role.ADMIN).token());
		this.supervisor = this.api.as(this.data.anyUser(this.tenant, Role.SUPERVISOR).token());
	}

	@Test
	void supervisorsReadAndOnlyAdminsChange() {
		long id = create().path("id").asLong();
		ApiClient.Caller agent = this.api.as(this.data.anyUser(this.tenant, Role.AGENT).token());

		this.supervisor.get("/api/v1/crm/connectors").hasStatus(200);
		this.supervisor.get("/api/v1/crm/connections").hasStatus(200);
		this.supervisor.get("/api/v1/crm/connections/{id}", id).hasStatus(200);
		this.supervisor.get("/api/v1/crm/connections/{id}/managers", id).hasStatus(200);
		this.supervisor.get("/api/v1/crm/connections/{id}/deliveries", id).hasStatus(200);
		this.supervisor.post("/api/v1/crm/connections", body()).problem(403, "forbidden");
		this.supervisor.put("/api/v1/crm/connections/{id}", Map.of("name", "X"), id).problem(403, "forbidden");
		this.supervisor.delete("/api/v1/crm/connections/{id}", id).problem(403, "forbidden");
		this.supervisor.post("/api/v1/crm/connections/{id}/check", "", id).problem(403, "forbidden");
		this.supervisor.post("/api/v1/crm/connections/{id}/connect", "", id).problem(403, "forbidden");
		this.supervisor.put("/api/v1/crm/connections/{id}/managers", Map.of("managers", List.of()), id)
			.problem(403, "forbidden");
		this.supervisor.post("/api/v1/crm/deliveries/{id}/replay", "", 1).problem(403, "forbidden");
		agent.get("/api/v1/crm/connections").problem(403, "forbidden");
		this.api.anonymous().get("/api/v1/crm/connections").hasStatus(401);
		assertThat(this.crm.list(this.tenant)).hasSize(1);
	}

	@Test
	void theConnectorsListTheirFields() {
		JsonNode connectors = this.supervisor.get("/api/v1/crm/connectors").json(200);

		assertThat(connectors.get(0).path("key").asString()).isEqualTo("retailcrm");
		assertThat(connectors.get(0).path("fields").get(0).path("name").asString()).isEqualTo("apiKey");
		assertThat(connectors.get(0).path("fields").get(0).path("secret").asBoolean()).isTrue();
	}

	@Test
	void aConnectionIsCreatedWithItsPublicAddressFromTheRequestAndItsSecretNeverShown() {
		ApiResponse created = this.admin.post("/api/v1/crm/connections", body());

		JsonNode connection = created.json(201);
		long id = connection.path("id").asLong();
		assertThat(created.headers().getLocation()).hasToString("/api/v1/crm/connections/" + id);
		assertThat(connection.path("publicBaseUrl").asString()).isEqualTo("http://localhost:" + this.port);
		assertThat(connection.path("secretsSet").toString()).isEqualTo("[\"apiKey\"]");
		assertThat(this.crm.storedSecrets(id)).containsEntry("apiKey", SECRET);
		ConnectionCommand command = this.crm.lastCommand(this.tenant);
		assertThat(command.enabled()).isTrue();
		assertThat(command.responsibleFromCrm()).isFalse();
		assertThat(command.settings()).containsEntry("site", "main-store");
		for (ApiResponse answer : List.of(created, this.admin.get("/api/v1/crm/connections/{id}", id),
				this.admin.get("/api/v1/crm/connections"),
				this.admin.post("/api/v1/crm/connections/{id}/connect", "", id), this.admin
					.put("/api/v1/crm/connections/{id}", Map.of("secrets", Map.of("apiKey", SECRET + "2")), id))) {
			assertThat(answer.body()).doesNotContain(SECRET).doesNotContain("client-" + id);
		}
	}

	@Test
	void aPublicAddressGivenIsKept() {
		Map<String, Object> body = body();
		body.put("publicBaseUrl", " https://cb.example.com ");

		assertThat(this.admin.post("/api/v1/crm/connections", body).json(201).path("publicBaseUrl").asString())
			.isEqualTo("https://cb.example.com");
	}

	@Test
	void aNewConnectionWithoutItsRequiredFieldsIsRefusedNamingThem() {
		JsonNode problem = this.admin.post("/api/v1/crm/connections", Map.of("connector", "retailcrm"))
			.problem(400, "bad-request");

		assertThat(problem.path("errors").findValuesAsString("field")).contains("name", "baseUrl", "accountIds");
		assertThat(this.crm.list(this.tenant)).isEmpty();
	}

	@Test
	void whatTheCoreRefusesIsA422NamingTheFieldInTheReadersLanguage() {
		long id = create().path("id").asLong();

		JsonNode problem = this.admin.speaking("es")
			.put("/api/v1/crm/connections/{id}", Map.of("name", "  "), id)
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(problem.path("detail").asString()).isEqualTo("El nombre es obligatorio.");
		assertThat(this.crm.get(this.tenant, id).name()).isEqualTo("Shop");
	}

	@Test
	void anUpdateKeepsWhatItLeavesOutAndABlankPublicAddressTakesTheDefault() {
		Map<String, Object> body = body();
		body.put("publicBaseUrl", "https://cb.example.com");
		long id = this.admin.post("/api/v1/crm/connections", body).json(201).path("id").asLong();

		JsonNode renamed = this.admin.put("/api/v1/crm/connections/{id}", Map.of("name", "Shop 2"), id).json(200);

		assertThat(renamed.path("name").asString()).isEqualTo("Shop 2");
		assertThat(renamed.path("publicBaseUrl").asString()).isEqualTo("https://cb.example.com");
		assertThat(renamed.path("baseUrl").asString()).isEqualTo("https://shop.retailcrm.ru");
		assertThat(this.crm.lastCommand(this.tenant).secrets()).isEmpty();
		assertThat(this.crm.storedSecrets(id)).containsEntry("apiKey", SECRET);

		JsonNode defaulted = this.admin.put("/api/v1/crm/connections/{id}", Map.of("publicBaseUrl", ""), id).json(200);

		assertThat(defaulted.path("publicBaseUrl").asString()).isEqualTo("http://localhost:" + this.port);
		assertThat(defaulted.path("name").asString()).isEqualTo("Shop 2");
	}

	@Test
	void checkSaysPassedOrFailedWithTheCrmsMessage() {
		long id = create().path("id").asLong();

		JsonNode passed = this.admin.post("/api/v1/crm/connections/{id}/check", "", id).json(200);
		this.crm.checkFinds(id, new CrmCheck.Failed("apiKey", Text.literal("retailCRM said: Wrong \"apiKey\" value.")));
		JsonNode failed = this.admin.post("/api/v1/crm/connections/{id}/check", "", id).json(200);

		assertThat(passed.path("passed").asBoolean()).isTrue();
		assertThat(passed.path("message").asString()).isEqualTo("retailCRM accepted the key.");
		assertThat(failed.path("passed").asBoolean()).isFalse();
		assertThat(failed.path("field").asString()).isEqualTo("apiKey");
		assertThat(failed.path("message").asString()).isEqualTo("retailCRM said: Wrong \"apiKey\" value.");
	}

	@Test
	void connectAnswersTheConnectionWithItsRegistration() {
		long id = create().path("id").asLong();
		this.crm.connectStores(id, new ConnectionView.Registration("FAILED", Instant.parse("2026-03-01T10:00:00Z"),
				"retailCRM refused: Access denied.", "{\"success\":false,\"errorMsg\":\"Access denied.\"}", List.of()));

		JsonNode connected = this.admin.post("/api/v1/crm/connections/{id}/connect", "", id).json(200);

		assertThat(connected.path("id").asLong()).isEqualTo(id);
		assertThat(connected.path("registration").path("state").asString()).isEqualTo("FAILED");
		assertThat(connected.path("registration").path("message").asString())
			.isEqualTo("retailCRM refused: Access denied.");
	}

	@Test
	void managersAreReadAndReplaced() {
		long id = create().path("id").asLong();
		TestUser ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.crm.agents(this.tenant, new ManagerView(ana.id(), "Ana", null, null, "101", List.of("101"), false));

		JsonNode saved = this.admin
			.put("/api/v1/crm/connections/{id}/managers",
					Map.of("managers", List.of(Map.of("agentId", ana.id(), "crmUserId", " 27 ", "code", ""))), id)
			.json(200);

		assertThat(this.crm.mapping(id)).containsExactly(new ManagerCommand(ana.id(), "27", null));
		assertThat(saved.get(0).path("crmUserId").asString()).isEqualTo("27");
		assertThat(this.supervisor.get("/api/v1/crm/connections/{id}/managers", id)
			.json(200)
			.get(0)
			.path("code")
			.asString()).isEqualTo("101");
		JsonNode refused = this.admin
			.put("/api/v1/crm/connections/{id}/managers", Map.of("managers", List.of(Map.of("crmUserId", "27"))), id)
			.problem(400, "bad-request");
		assertThat(refused.path("errors").get(0).path("field").asString()).isEqualTo("managers[0].agentId");
	}

	@Test
	void anUnknownConnectionIsA404() {
		long other = this.data.anyTenant();
		long foreign = this.crm.create(other, command()).id();

		this.supervisor.get("/api/v1/crm/connections/{id}", foreign).problem(404, "not-found");
		this.admin.post("/api/v1/crm/connections/{id}/check", "", foreign).problem(404, "not-found");
		this.supervisor.get("/api/v1/crm/connections/{id}/deliveries", foreign).problem(404, "not-found");
		this.admin.delete("/api/v1/crm/connections/{id}", foreign).problem(404, "not-found");
		assertThat(this.crm.list(other)).hasSize(1);
	}

	@Test
	void theDeliveryLogShowsTheConnectionsDeliveriesAndAReplayStaysWithinTheTenantsConnections() {
		long id = create().path("id").asLong();
		long endpoint = connectorEndpoint(this.tenant);
		this.crm.endpoint(id, endpoint);
		long delivery = deliveryOn(this.tenant, endpoint);
		long otherTenant = this.data.anyTenant();
		long foreignConnection = this.crm.create(otherTenant, command()).id();
		long foreignEndpoint = connectorEndpoint(otherTenant);
		this.crm.endpoint(foreignConnection, foreignEndpoint);
		long foreignDelivery = deliveryOn(otherTenant, foreignEndpoint);
		// Another endpoint of the same tenant that is no connection's.
		long unowned = connectorEndpoint(this.tenant);
		long unownedDelivery = deliveryOn(this.tenant, unowned);

		JsonNode log = this.supervisor.get("/api/v1/crm/connections/{id}/deliveries?size=10", id).json(200);

		assertThat(log.path("items").get(0).path("endpointId").asLong()).isEqualTo(endpoint);
		assertThat(log.path("items").get(0).path("id").asLong()).isEqualTo(delivery);
		assertThat(log.path("total").asLong()).isEqualTo(1);
		long replayed = this.admin.post("/api/v1/crm/deliveries/{id}/replay", "", delivery)
			.json(202)
			.path("deliveryId")
			.asLong();
		assertThat(replayed).isNotEqualTo(delivery);
		assertThat(this.supervisor.get("/api/v1/crm/connections/{id}/deliveries", id).json(200).path("total").asLong())
			.isEqualTo(2);
		this.admin.post("/api/v1/crm/deliveries/{id}/replay", "", foreignDelivery).problem(404, "not-found");
		this.admin.post("/api/v1/crm/deliveries/{id}/replay", "", unownedDelivery).problem(404, "not-found");
		assertThat(this.deliveries.deliveries(otherTenant, foreignEndpoint, 0, 10).total()).isEqualTo(1);
		assertThat(this.deliveries.deliveries(this.tenant, unowned, 0, 10).total()).isEqualTo(1);
		this.supervisor.get("/api/v1/crm/connections/{id}/deliveries?size=0", id).problem(422, "invalid-input");
	}

	@Test
	void aConnectionWithoutAnEndpointHasAnEmptyLog() {
		long id = create().path("id").asLong();

		JsonNode log = this.supervisor.get("/api/v1/crm/connections/{id}/deliveries", id).json(200);

		assertThat(log.path("items").size()).isZero();
		assertThat(log.path("total").asLong()).isZero();
	}

	@Test
	void aDeletedConnectionIsGone() {
		long id = create().path("id").asLong();

		this.admin.delete("/api/v1/crm/connections/{id}", id).hasStatus(204);

		this.supervisor.get("/api/v1/crm/connections/{id}", id).problem(404, "not-found");
	}

	// A managed endpoint like the core's, held disabled so the outbox never claims its
	// deliveries.
	private long connectorEndpoint(long tenantId) {
		long endpoint = this.endpoints.createManaged(tenantId, EndpointKind.CONNECTOR, "https://shop.retailcrm.ru",
				EndpointMethod.POST, "CRM connection");
		this.endpoints.disable(tenantId, endpoint);
		return endpoint;
	}

	private long deliveryOn(long tenantId, long endpoint) {
		return StoredDeliveries.pendingOn(this.jdbc, tenantId, endpoint);
	}

	private JsonNode create() {
		return this.admin.post("/api/v1/crm/connections", body()).json(201);
	}

	private ConnectionCommand command() {
		return new ConnectionCommand("retailcrm", "Other shop", "https://other.retailcrm.ru", "callbridge",
				"https://cb.example.com", List.of(1L), false, true, Map.of(), Map.of("apiKey", "other"));
	}

	private Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("connector", "retailcrm");
		body.put("name", "Shop");
		body.put("baseUrl", "https://shop.retailcrm.ru");
		body.put("integrationCode", "callbridge");
		body.put("accountIds", List.of(this.account));
		body.put("settings", Map.of("site", "main-store"));
		body.put("secrets", Map.of("apiKey", SECRET));
		return body;
	}

}
