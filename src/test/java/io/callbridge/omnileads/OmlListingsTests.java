package io.callbridge.omnileads;

import java.util.List;

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
