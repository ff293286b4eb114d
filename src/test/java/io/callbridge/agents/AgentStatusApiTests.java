package io.callbridge.agents;

import java.util.Map;

import io.callbridge.shared.AgentStatus;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests agents' statuses over the API: reading and setting one's own, supervisors setting
 * an agent's, refusals, the status in the agents list, and the event published once per
 * real change.
 */
@IntegrationTest
@RecordApplicationEvents
class AgentStatusApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	AgentStatusService statuses;

	@Autowired
	ApplicationEvents events;

	private long tenant;

	private TestUser agent;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
	}

	@Test
	void aNewAgentIsAvailable() {
		JsonNode status = this.api.as(this.agent.token()).get("/api/v1/me/status").json(200);

		assertThat(status.path("status").asString()).isEqualTo("AVAILABLE");
		assertThat(status.path("agentId").asLong()).isEqualTo(this.agent.id());
		assertThat(status.path("availability")).isEmpty();
		assertThat(this.api.as(this.agent.token()).get("/api/v1/me").json(200).path("status").asString())
			.isEqualTo("AVAILABLE");
	}

	@Test
	void anAgentSetsTheirStatusAndItIsStoredWithWhoAndWhen() {
		JsonNode set = this.api.as(this.agent.token()).put("/api/v1/me/status", Map.of("status", "BREAK")).json(200);

		assertThat(set.path("status").asString()).isEqualTo("BREAK");
		assertThat(set.path("changedById").asLong()).isEqualTo(this.agent.id());
		assertThat(set.path("changedByName").asString()).isEqualTo(this.agent.agent().displayName());
		assertThat(set.path("changedAt").asString()).isNotBlank();
		JsonNode read = this.api.as(this.agent.token()).get("/api/v1/me/status").json(200);
		assertThat(read.path("status").asString()).isEqualTo("BREAK");
		assertThat(read.path("changedAt").asString()).isEqualTo(set.path("changedAt").asString());
	}

	@Test
	void supervisorsSeeEachAgentsStatusInTheAgentsList() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.api.as(this.agent.token()).put("/api/v1/me/status", Map.of("status", "OFFLINE")).json(200);

		JsonNode list = this.api.as(supervisor.token()).get("/api/v1/agents").json(200);

		assertThat(statusIn(list, this.agent.id())).isEqualTo("OFFLINE");
		assertThat(statusIn(list, supervisor.id())).isEqualTo("AVAILABLE");
		assertThat(this.api.as(supervisor.token())
			.get("/api/v1/agents/{id}", this.agent.id())
			.json(200)
			.path("status")
			.asString()).isEqualTo("OFFLINE");
		// An agent sees colleagues' names only, as before.
		JsonNode seenByAgent = this.api.as(this.agent.token()).get("/api/v1/agents").json(200);
		assertThat(statusIn(seenByAgent, supervisor.id())).isNull();
	}

	@Test
	void aSupervisorSetsAnAgentsStatus() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);

		JsonNode set = this.api.as(supervisor.token())
			.put("/api/v1/agents/{id}/status", Map.of("status", "BUSY"), this.agent.id())
			.json(200);

		assertThat(set.path("status").asString()).isEqualTo("BUSY");
		assertThat(set.path("changedById").asLong()).isEqualTo(supervisor.id());
		assertThat(this.api.as(this.agent.token()).get("/api/v1/me/status").json(200).path("status").asString())
			.isEqualTo("BUSY");
		assertThat(this.api.as(supervisor.token())
			.get("/api/v1/agents/{id}/status", this.agent.id())
			.json(200)
			.path("status")
			.asString()).isEqualTo("BUSY");
	}

	@Test
	void aSupervisorsChangeOfAnAgentsStatusIsAudited() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);

		this.api.as(supervisor.token())
			.put("/api/v1/agents/{id}/status", Map.of("status", "BREAK"), this.agent.id())
			.json(200);

		JsonNode entry = this.api.as(admin.token())
			.get("/api/v1/audit-events?category=USER")
			.json(200)
			.path("items")
			.get(0);
		assertThat(entry.path("target").asString()).isEqualTo("/api/v1/agents/" + this.agent.id() + "/status");
		assertThat(entry.path("actorId").asLong()).isEqualTo(supervisor.id());
		assertThat(entry.path("details").asString()).isEqualTo("status=BREAK");
		assertThat(entry.path("outcome").asString()).isEqualTo("SUCCESS");
	}

	@Test
	void anAgentCannotSetAnotherAgentsStatus() {
		TestUser colleague = this.data.anyUser(this.tenant, Role.AGENT);

		this.api.as(this.agent.token())
			.put("/api/v1/agents/{id}/status", Map.of("status", "OFFLINE"), colleague.id())
			.problem(403, "forbidden");
		this.api.as(this.agent.token()).get("/api/v1/agents/{id}/status", colleague.id()).problem(403, "forbidden");

		assertThat(this.api.as(colleague.token()).get("/api/v1/me/status").json(200).path("status").asString())
			.isEqualTo("AVAILABLE");
		// Their own, by id, is allowed.
		this.api.as(this.agent.token())
			.put("/api/v1/agents/{id}/status", Map.of("status", "BUSY"), this.agent.id())
			.json(200);
	}

	@Test
	void anotherTenantsAgentIsNotFound() {
		TestUser otherAdmin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		this.api.as(otherAdmin.token())
			.put("/api/v1/agents/{id}/status", Map.of("status", "OFFLINE"), this.agent.id())
			.problem(404, "not-found");
	}

	@Test
	void anUnknownStatusIsRefusedNamingTheAllowedOnesInEnglishAndSpanish() {
		JsonNode english = this.api.as(this.agent.token())
			.put("/api/v1/me/status", Map.of("status", "LUNCH"))
			.problem(400);
		JsonNode spanish = this.api.as(this.agent.token())
			.speaking("es")
			.put("/api/v1/me/status", Map.of("status", "LUNCH"))
			.problem(400);
		JsonNode missing = this.api.as(this.agent.token()).put("/api/v1/me/status", Map.of()).problem(400);

		assertThat(english.path("detail").asString()).contains("status").contains("AVAILABLE, BUSY, BREAK, OFFLINE");
		assertThat(spanish.path("detail").asString()).contains("AVAILABLE, BUSY, BREAK, OFFLINE")
			.isNotEqualTo(english.path("detail").asString());
		assertThat(missing.path("errors").get(0).path("field").asString()).isEqualTo("status");
		assertThat(this.api.as(this.agent.token()).get("/api/v1/me/status").json(200).path("status").asString())
			.isEqualTo("AVAILABLE");
	}

	@Test
	void aChangeIsPublishedOnceAndSettingTheSameStatusAgainPublishesNothing() {
		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());
		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());
		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.AVAILABLE, null);

		assertThat(this.events.stream(AgentStatusChanged.class).filter((e) -> e.agentId() == this.agent.id()))
			.extracting(AgentStatusChanged::previous, AgentStatusChanged::status, AgentStatusChanged::version,
					AgentStatusChanged::changedBy)
			.containsExactly(tuple(AgentStatus.AVAILABLE, AgentStatus.BREAK, 1L, this.agent.id()),
					tuple(AgentStatus.BREAK, AgentStatus.AVAILABLE, 2L, null));
	}

	private static String statusIn(JsonNode list, long id) {
		for (JsonNode item : list) {
			if (item.path("id").asLong() == id) {
				return item.path("status").isString() ? item.path("status").asString() : null;
			}
		}
		throw new AssertionError("agent " + id + " not listed");
	}

}
