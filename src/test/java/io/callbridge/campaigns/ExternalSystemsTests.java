package io.callbridge.campaigns;

import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * External systems: a name unique in the tenant, each agent with one ID and each ID with
 * one agent in a system, an agent with other IDs in other systems, and the API's PUT that
 * makes the agent rows exactly those sent.
 */
@IntegrationTest
class ExternalSystemsTests {

	@Autowired
	ExternalSystems systems;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private long tenant;

	private TestUser supervisor;

	private TestUser ana;

	private TestUser luis;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
	}

	@Test
	void nameIsUniqueWithinTheTenantOnly() {
		this.systems.save(this.tenant, null, "Acme CRM", List.of());
		long other = this.tenants.anyTenant();

		assertThat(this.systems.save(other, null, "Acme CRM", List.of()).system().name()).isEqualTo("Acme CRM");
		assertThatThrownBy(() -> this.systems.save(this.tenant, null, "acme crm", List.of())).isInstanceOfSatisfying(
				Problems.InvalidInput.class, (ex) -> assertThat(ex.errors()).extracting(Problems.FieldError::message)
					.containsExactly("There is already an external system named \"acme crm\"."));
	}

	@Test
	void anAgentHasOneIdAndAnIdOneAgentWithinASystem() {
		assertThatThrownBy(() -> this.systems.save(this.tenant, null, "CRM",
				List.of(AgentLink.of(this.ana.id(), "a-1"), AgentLink.of(this.ana.id(), "a-2"))))
			.isInstanceOfSatisfying(Problems.InvalidInput.class,
					(ex) -> assertThat(ex.errors().get(0).message()).contains("more than one ID"));
		assertThatThrownBy(() -> this.systems.save(this.tenant, null, "CRM",
				List.of(AgentLink.of(this.ana.id(), "x"), AgentLink.of(this.luis.id(), "x"))))
			.isInstanceOfSatisfying(Problems.InvalidInput.class,
					(ex) -> assertThat(ex.errors()).extracting(Problems.FieldError::message)
						.containsExactly("The external ID x is given to more than one agent."));
	}

	@Test
	void anAgentMayHaveOtherIdsInOtherSystems() {
		long first = this.systems.save(this.tenant, null, "CRM", List.of(AgentLink.of(this.ana.id(), "a-1")))
			.system()
			.id();
		long second = this.systems.save(this.tenant, null, "ERP", List.of(AgentLink.of(this.ana.id(), "7")))
			.system()
			.id();

		assertThat(this.systems.externalIdOf(first, this.ana.id())).contains("a-1");
		assertThat(this.systems.externalIdOf(second, this.ana.id())).contains("7");
		assertThat(this.systems.agentByExternalId(second, "7")).contains(this.ana.id());
		assertThat(this.systems.agentByExternalId(first, "7")).isEmpty();
	}

	@Test
	void putKeepsRowsWithAnIdAddsRowsWithoutAndDeletesTheRest() {
		JsonNode created = this.api.as(this.supervisor.token())
			.post("/api/v1/external-systems",
					Map.of("name", "CRM", "agents",
							List.of(Map.of("agentId", this.ana.id(), "externalId", "a-1"),
									Map.of("agentId", this.luis.id(), "externalId", "l-1"))))
			.json(201);
		long id = created.path("id").asLong();
		long anaRow = created.path("agents").get(0).path("id").asLong();
		TestUser eva = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode updated = this.api.as(this.supervisor.token())
			.put("/api/v1/external-systems/{id}",
					Map.of("name", "CRM 2", "agents",
							List.of(Map.of("id", anaRow, "agentId", this.ana.id(), "externalId", "a-9"),
									Map.of("agentId", eva.id(), "externalId", "e-1"))),
					id)
			.json(200);

		assertThat(updated.path("name").asString()).isEqualTo("CRM 2");
		assertThat(updated.path("agents")).hasSize(2);
		assertThat(updated.path("agents").get(0).path("id").asLong()).isEqualTo(anaRow);
		assertThat(updated.path("agents").get(0).path("externalId").asString()).isEqualTo("a-9");
		assertThat(this.systems.externalIdOf(id, this.luis.id())).isEmpty();
		assertThat(this.systems.agentByExternalId(id, "e-1")).contains(eva.id());
	}

	@Test
	void twoAgentsMaySwapTheirIdsInOneSave() {
		ExternalSystem system = this.systems
			.save(this.tenant, null, "CRM",
					List.of(AgentLink.of(this.ana.id(), "1"), AgentLink.of(this.luis.id(), "2")))
			.system();
		AgentLink anaLink = system.agents().get(0);
		AgentLink luisLink = system.agents().get(1);

		this.systems.save(this.tenant, system.id(), "CRM", List.of(new AgentLink(anaLink.id(), this.ana.id(), "2"),
				new AgentLink(luisLink.id(), this.luis.id(), "1")));

		assertThat(this.systems.agentByExternalId(system.id(), "1")).contains(this.luis.id());
		assertThat(this.systems.agentByExternalId(system.id(), "2")).contains(this.ana.id());
	}

	@Test
	void refusalsAreProblemsNamingTheFieldInTheReadersLanguage() {
		this.systems.save(this.tenant, null, "CRM", List.of());

		JsonNode english = this.api.as(this.supervisor.token())
			.post("/api/v1/external-systems",
					Map.of("name", "CRM", "agents", List.of(Map.of("agentId", this.ana.id(), "externalId", ""))))
			.problem(422, "invalid-input");
		JsonNode spanish = this.api.as(this.supervisor.token())
			.speaking("es")
			.post("/api/v1/external-systems", Map.of("name", "CRM"))
			.problem(422, "invalid-input");

		assertThat(english.path("errors").findValuesAsString("field")).containsExactly("name", "agents");
		assertThat(spanish.path("detail").asString()).isEqualTo("Ya existe un sistema externo llamado \"CRM\".");
	}

	@Test
	void agentsCannotManageExternalSystems() {
		this.api.as(this.ana.token()).get("/api/v1/external-systems").problem(403, "forbidden");
		this.api.as(this.ana.token()).post("/api/v1/external-systems", Map.of("name", "CRM")).problem(403, "forbidden");
	}

}
