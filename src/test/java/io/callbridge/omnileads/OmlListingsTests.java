package io.callbridge.omnileads;

import java.util.List;
import java.util.Map;

import io.callbridge.omnileads.OmlFixture.Scene;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' listings for supervisors, with its shapes: the agents ({@code agent/list})
 * and the agents to give an id in an external system ({@code agents_external_system}),
 * each scoped to the caller's tenant.
 */
@IntegrationTest
class OmlListingsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OmlFixture fixture;

	@Test
	void agentListHasTheEnabledUsersOfTheTenantInOmniLeadsShape() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		TestUser disabled = this.data.anyUser(tenant, Role.AGENT);
		this.jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(disabled.id()).update();
		this.data.anyUser(this.data.anyTenant(), Role.AGENT);

		JsonNode list = client(tenant, supervisor).get(base(tenant) + "agent/list/").json(200);

		assertThat(ids(list)).containsExactly(supervisor.id(), agent.id());
		JsonNode row = list.path(1);
		assertThat(row.propertyNames()).containsExactly("id", "username", "full_name", "group");
		assertThat(row.path("username").asString()).isEqualTo(agent.username());
		assertThat(row.path("full_name").asString()).isEqualTo("User " + agent.username());
		assertThat(row.path("group").isNull()).isTrue();
	}

	@Test
	void agentsForExternalSystemsListEveryUserOfTheTenant() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.ADMIN);
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);

		JsonNode answer = client(tenant, supervisor).get(base(tenant) + "agents_external_system").json(200);

		assertThat(answer.propertyNames()).containsExactly("status", "message", "agents");
		assertThat(answer.path("status").asString()).isEqualTo("SUCCESS");
		assertThat(ids(answer.path("agents"))).containsExactly(supervisor.id(), agent.id());
		assertThat(answer.path("agents").path(1).propertyNames()).containsExactly("id", "username", "full_name");
	}

	@Test
	void supervisionCampaignsListsTheCallersCampaignsFilteredAsOmniLeadsDoes() {
		Scene scene = this.fixture.scene();
		OmlClient admin = OmlSession.loggedIn(this.port, scene.base(), scene.admin());
		OmlClient supervisor = OmlSession.loggedIn(this.port, scene.base(), scene.supervisor());

		JsonNode all = admin.get(scene.base() + "supervision/campaigns/").json(200);
		assertThat(all.valueStream().map((c) -> c.path("id").asLong())).containsExactlyInAnyOrder(scene.campaign().id(),
				scene.otherCampaign().id());
		assertThat(all.path(0).propertyNames()).containsExactly("nombre", "id", "objetivo");
		assertThat(all.path(0).path("objetivo").asInt()).isZero();
		assertThat(supervisor.get(scene.base() + "supervision/campaigns/").json(200)).isEmpty();
		this.fixture.supervise(scene, scene.supervisor());
		assertThat(supervisor.get(scene.base() + "supervision/campaigns/")
			.json(200)
			.valueStream()
			.map((c) -> c.path("id").asLong())).containsExactly(scene.campaign().id());
		assertThat(admin.get(scene.base() + "supervision/campaigns/?type=1").json(200)).hasSize(2);
		assertThat(admin.get(scene.base() + "supervision/campaigns/?type=%5B3,4%5D").json(200)).isEmpty();
		assertThat(admin.get(scene.base() + "supervision/campaigns/?status=%5B3,5%5D").json(200)).isEmpty();
		assertThat(admin.get(scene.base() + "supervision/campaigns/?agent=" + scene.agent().id())
			.json(200)
			.valueStream()
			.map((c) -> c.path("id").asLong())).containsExactly(scene.campaign().id());
		assertThat(admin.get(scene.base() + "supervision/campaigns/?type=9").json(200))
			.hasToString("{\"status\":\"ERROR\",\"message\":\"Filtro \\\"type\\\" inválido\"}");
		assertThat(admin.get(scene.base() + "supervision/campaigns/?agent=x").json(200).path("message").asString())
			.isEqualTo("Filtro \"agent\" inválido");
	}

	@Test
	void aCampaignsAgentsAreListedAndReplaced() {
		Scene scene = this.fixture.scene();
		OmlClient admin = OmlSession.loggedIn(this.port, scene.base(), scene.admin());

		JsonNode before = admin.get(scene.base() + "campaign/" + scene.campaign().id() + "/agents/").json(200);
		assertThat(before.path("status").asString()).isEqualTo("SUCCESS");
		assertThat(before.path("agentsCampaign").path(0).path("agent_id").asLong()).isEqualTo(scene.agent().id());
		assertThat(before.path("campaign").path("id").asLong()).isEqualTo(scene.campaign().id());
		JsonNode updated = admin
			.postJson(scene.base() + "campaign/agents_update/", Map.of("campaign_id", scene.campaign().id(), "agents",
					List.of(Map.of("agent_id", scene.otherAgent().id(), "agent_penalty", 2))))
			.json(200);
		assertThat(updated).hasToString(
				"{\"status\":\"SUCCESS\",\"message\":\"Se agregaron los agentes de forma exitosa a la campaña\"}");
		JsonNode after = admin.get(scene.base() + "campaign/" + scene.campaign().id() + "/agents").json(200);
		assertThat(after.path("agentsCampaign")).hasSize(1);
		assertThat(after.path("agentsCampaign").path(0).path("agent_id").asLong()).isEqualTo(scene.otherAgent().id());
		assertThat(after.path("agentsCampaign").path(0).path("agent_penalty").asInt()).isEqualTo(2);
		assertThat(admin.get(scene.base() + "campaign/999999/agents/").json(404).path("message").asString())
			.isEqualTo("No existe la campaña");
		assertThat(admin
			.postJson(scene.base() + "campaign/agents_update/", Map.of("campaign_id", 999999, "agents", List.of()))
			.json(404)
			.path("message")
			.asString()).isEqualTo("No existe la campaña, no se pueden agregar agentes");
	}

	private OmlClient client(long tenant, TestUser user) {
		return OmlSession.loggedIn(this.port, base(tenant), user);
	}

	private String base(long tenant) {
		return "/omnileads/"
				+ this.jdbc.sql("SELECT slug FROM tenants WHERE id = ?").param(tenant).query(String.class).single()
				+ "/api/v1/";
	}

	private static List<Long> ids(JsonNode array) {
		return array.valueStream().map((node) -> node.path("id").asLong()).toList();
	}

}
