package io.callbridge.campaigns;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
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
 * The campaigns API over HTTP: create, read and change a campaign with its agents and
 * disposition options, the linking rules' refusals as problems naming the field, who may
 * do what, and tenants kept apart.
 */
@IntegrationTest
class CampaignsApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	CampaignFixture fixture;

	@Autowired
	ExternalSystems systems;

	private long tenant;

	private TestUser supervisor;

	private TestUser agent;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
	}

	@Test
	void createsACampaignWithItsAgentsAndOptions() {
		long database = this.fixture.anyDatabase(this.tenant, "Customers", "id_cliente");
		long system = this.systems.save(this.tenant, null, "CRM", List.of(AgentLink.of(this.agent.id(), "a-1")))
			.system()
			.id();

		JsonNode created = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("Sales", database, system, "77"))
			.json(201);

		assertThat(created.path("name").asString()).isEqualTo("Sales");
		assertThat(created.path("type").asString()).isEqualTo("MANUAL");
		assertThat(created.path("state").asString()).isEqualTo("ACTIVE");
		assertThat(created.path("interaction").asString()).isEqualTo("FORM");
		assertThat(created.path("externalId").asString()).isEqualTo("77");
		assertThat(created.path("agents").get(0).path("agentId").asLong()).isEqualTo(this.agent.id());
		assertThat(created.path("options").findValuesAsString("name")).containsExactly("Sale", "No answer");
		assertThat(created.path("options").get(1).path("hidden").asBoolean()).isTrue();
		assertThat(created.path("warnings")).isEmpty();
		long id = created.path("id").asLong();
		assertThat(this.api.as(this.supervisor.token())
			.get("/api/v1/campaigns/{id}", id)
			.json(200)
			.path("name")
			.asString()).isEqualTo("Sales");
		assertThat(this.api.as(this.supervisor.token()).get("/api/v1/campaigns/{id}/options", id).json(200)).hasSize(2);
	}

	@Test
	void updateKeepsAgentsAndOptionsLeftOut() {
		long id = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("Sales", null, null, null))
			.json(201)
			.path("id")
			.asLong();

		JsonNode updated = this.api.as(this.supervisor.token())
			.put("/api/v1/campaigns/{id}", Map.of("name", "Sales 2025", "type", "PREVIEW", "state", "PAUSED"), id)
			.json(200);

		assertThat(updated.path("name").asString()).isEqualTo("Sales 2025");
		assertThat(updated.path("type").asString()).isEqualTo("PREVIEW");
		assertThat(updated.path("state").asString()).isEqualTo("PAUSED");
		assertThat(updated.path("agents")).hasSize(1);
		assertThat(updated.path("options")).hasSize(2);
	}

	@Test
	void replacesAgentsAndOptions() {
		JsonNode created = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("Sales", null, null, null))
			.json(201);
		long id = created.path("id").asLong();
		long saleOption = created.path("options").get(0).path("id").asLong();
		TestUser other = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode agents = this.api.as(this.supervisor.token())
			.put("/api/v1/campaigns/{id}/agents", List.of(Map.of("agentId", other.id(), "penalty", 2)), id)
			.json(200);
		JsonNode options = this.api.as(this.supervisor.token())
			.put("/api/v1/campaigns/{id}/options",
					List.of(Map.of("id", saleOption, "name", "Sold", "outcomeCode", "interested"),
							Map.of("name", "Call later", "outcomeCode", "call-back")),
					id)
			.json(200);

		assertThat(agents.path("agents").get(0).path("agentId").asLong()).isEqualTo(other.id());
		assertThat(agents.path("agents").get(0).path("penalty").asInt()).isEqualTo(2);
		assertThat(options.path("options").findValuesAsString("name")).containsExactly("Sold", "Call later");
		assertThat(options.path("options").get(0).path("id").asLong()).isEqualTo(saleOption);
	}

	@Test
	void linkingErrorsRefuseTheSaveNamingTheFields() {
		long withoutExternalId = this.fixture.anyDatabase(this.tenant, "Plain", null);
		long system = this.systems.save(this.tenant, null, "CRM", List.of()).system().id();

		JsonNode problem = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("Sales", withoutExternalId, system, "77"))
			.problem(422, "invalid-input");
		JsonNode spanish = this.api.as(this.supervisor.token())
			.speaking("es")
			.post("/api/v1/campaigns", campaign("Sales", null, null, "77"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("contactDatabaseId");
		assertThat(spanish.path("errors").findValuesAsString("message"))
			.containsExactly("No puede indicar un id externo sin elegir un Sistema Externo");
		assertThat(this.api.as(this.supervisor.token()).get("/api/v1/campaigns").json(200)).isEmpty();
	}

	@Test
	void externalIdIsUniqueWithinTheSystem() {
		long database = this.fixture.anyDatabase(this.tenant, "Customers", "id_cliente");
		long system = this.systems.save(this.tenant, null, "CRM", List.of()).system().id();
		long otherSystem = this.systems.save(this.tenant, null, "ERP", List.of()).system().id();
		this.api.as(this.supervisor.token()).post("/api/v1/campaigns", campaign("A", database, system, "77")).json(201);

		JsonNode problem = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("B", database, system, "77"))
			.problem(422, "invalid-input");
		this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("C", database, otherSystem, "77"))
			.json(201);

		assertThat(problem.path("detail").asString())
			.isEqualTo("The chosen external system already has a campaign with that external ID.");
	}

	@Test
	void ownFieldsAreCheckedToo() {
		JsonNode problem = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns",
					Map.of("name", "", "agentIds", List.of(999_999_999), "options",
							List.of(Map.of("name", "Sale", "outcomeCode", "no-such-outcome"))))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("name", "type", "agentIds",
				"options");
	}

	@Test
	void aListWithAnEmptyEntryIsRefusedNamingTheEntry() {
		long id = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("Sales", null, null, null))
			.json(201)
			.path("id")
			.asLong();
		List<Object> empty = Arrays.asList(Map.of("agentId", this.agent.id()), null);

		JsonNode agents = this.api.as(this.supervisor.token())
			.put("/api/v1/campaigns/{id}/agents", empty, id)
			.problem(400, "bad-request");
		JsonNode options = this.api.as(this.supervisor.token())
			.speaking("es")
			.put("/api/v1/campaigns/{id}/options", Arrays.asList((Object) null), id)
			.problem(400, "bad-request");
		Map<String, Object> created = new HashMap<>(Map.of("name", "Other", "type", "MANUAL"));
		created.put("agentIds", Arrays.asList(this.agent.id(), null));
		JsonNode inAField = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", created)
			.problem(400, "bad-request");

		assertThat(agents.path("errors").findValuesAsString("field")).containsExactly("[1]");
		assertThat(agents.path("detail").asString()).isEqualTo("[1] must not be null.");
		assertThat(options.path("detail").asString()).isEqualTo("[0] no puede ser null.");
		assertThat(inAField.path("errors").findValuesAsString("field")).containsExactly("agentIds[1]");
		JsonNode stored = this.api.as(this.supervisor.token()).get("/api/v1/campaigns/{id}", id).json(200);
		assertThat(stored.path("agents")).hasSize(1);
		assertThat(stored.path("options")).hasSize(2);
	}

	@Test
	void agentsReadOnlyTheirCampaignsAndChangeNone() {
		long mine = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("Mine", null, null, null))
			.json(201)
			.path("id")
			.asLong();
		long other = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", Map.of("name", "Other", "type", "INBOUND"))
			.json(201)
			.path("id")
			.asLong();

		assertThat(this.api.as(this.agent.token()).get("/api/v1/campaigns").ids()).containsExactly(mine);
		this.api.as(this.agent.token()).get("/api/v1/campaigns/{id}", other).problem(404, "not-found");
		this.api.as(this.agent.token())
			.post("/api/v1/campaigns", Map.of("name", "X", "type", "MANUAL"))
			.problem(403, "forbidden");
	}

	@Test
	void anotherTenantsCampaignIsNotFound() {
		long id = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", campaign("Sales", null, null, null))
			.json(201)
			.path("id")
			.asLong();
		TestUser stranger = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		this.api.as(stranger.token()).get("/api/v1/campaigns/{id}", id).problem(404, "not-found");
		this.api.as(stranger.token())
			.put("/api/v1/campaigns/{id}", Map.of("name", "Mine", "type", "MANUAL"), id)
			.problem(404, "not-found");
	}

	private Map<String, Object> campaign(String name, Long database, Long system, String externalId) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("type", "MANUAL");
		body.put("contactDatabaseId", database);
		body.put("externalSystemId", system);
		body.put("externalId", externalId);
		body.put("agentIds", List.of(this.agent.id()));
		body.put("options", List.of(Map.of("name", "Sale", "outcomeCode", "interested"),
				Map.of("name", "No answer", "outcomeCode", "not-interested", "hidden", true)));
		return body;
	}

}
