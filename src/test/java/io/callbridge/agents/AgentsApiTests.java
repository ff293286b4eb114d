package io.callbridge.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
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
 * Tests the agents API over HTTP: creating agents, their extensions on the sandbox
 * account, the default responsible agent, deletion and the caller's own profile.
 */
@IntegrationTest
class AgentsApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private TestUser admin;

	private long sandboxAccount;

	@BeforeEach
	void createTenant() {
		long tenant = this.tenants.anyTenant();
		this.admin = this.data.anyUser(tenant, Role.ADMIN);
		JsonNode accounts = this.api.as(this.admin.token()).get("/api/v1/telephony-accounts").json(200);
		this.sandboxAccount = accounts.get(0).path("id").asLong();
	}

	@Test
	void adminCreatesAnAgent() {
		String username = unique("maria");

		JsonNode agent = this.api.as(this.admin.token())
			.post("/api/v1/agents",
					Map.of("username", username, "displayName", "María López", "email", "maria@example.com", "role",
							"AGENT", "password", "long-enough-1"))
			.json(201);

		assertThat(agent.path("id").asLong()).isPositive();
		assertThat(agent.path("username").asString()).isEqualTo(username);
		assertThat(agent.path("role").asString()).isEqualTo("AGENT");
		assertThat(agent.path("enabled").asBoolean()).isTrue();
		assertThat(agent.path("extensions")).isEmpty();
		assertThat(agent.has("password")).isFalse();
		assertThat(agent.toString()).doesNotContain("long-enough-1");
		assertThat(this.api.as(this.admin.token()).get("/api/v1/agents").ids()).contains(agent.path("id").asLong());
	}

	@Test
	void duplicateUsernameIsRefusedNamingIt() {
		String username = unique("dup");
		createAgent(username, "First");

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/agents", agentRequest(username, "Second"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("username");
		assertThat(problem.path("detail").asString()).contains("'" + username + "'").contains("already taken");
	}

	@Test
	void shortPasswordIsRefused() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/agents",
					Map.of("username", unique("short"), "displayName", "Short", "role", "AGENT", "password", "1234567"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("password");
		assertThat(problem.path("detail").asString()).contains("8 characters");
	}

	@Test
	void missingRoleIsABadRequestNamingTheField() {
		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/agents",
					Map.of("username", unique("norole"), "displayName", "No role", "password", "long-enough-1"))
			.problem(400, "bad-request");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("role");
	}

	@Test
	void adminAssignsAnExtensionOnTheSandboxAccount() {
		long agent = createAgent(unique("ext"), "Ext Agent");

		JsonNode view = assignExtension(agent, "101").json(200);

		assertThat(view.path("extensions")).hasSize(1);
		assertThat(view.path("extensions").get(0).path("accountId").asLong()).isEqualTo(this.sandboxAccount);
		assertThat(view.path("extensions").get(0).path("extension").asString()).isEqualTo("101");
		JsonNode endpoints = this.api.as(this.admin.token())
			.get("/api/v1/telephony-accounts/{id}/endpoints", this.sandboxAccount)
			.json(200);
		assertThat(endpoints.findValues("extension").stream().map(JsonNode::asString)).contains("101");
	}

	@Test
	void takenExtensionIsAConflictNamingItsHolder() {
		String holderName = unique("holder");
		long holder = createAgent(holderName, "Carmen Holder");
		long other = createAgent(unique("other"), "Other Agent");
		assignExtension(holder, "102").hasStatus(200);

		JsonNode problem = assignExtension(other, "102").problem(409, "conflict");

		assertThat(problem.path("detail").asString()).contains("102").contains("Carmen Holder").contains(holderName);
		assertThat(extensionsOf(other)).isEmpty();
	}

	@Test
	void reassigningReplacesTheAgentsPreviousExtensionOnTheAccount() {
		long agent = createAgent(unique("move"), "Mover");
		long other = createAgent(unique("next"), "Next");
		assignExtension(agent, "103").hasStatus(200);

		JsonNode view = assignExtension(agent, "104").json(200);

		assertThat(view.path("extensions")).hasSize(1);
		assertThat(view.path("extensions").get(0).path("extension").asString()).isEqualTo("104");
		assignExtension(other, "103").hasStatus(200);
		assignExtension(agent, "104").hasStatus(200);
	}

	@Test
	void invalidExtensionIsRefused() {
		long agent = createAgent(unique("badext"), "Bad Ext");

		JsonNode problem = assignExtension(agent, "10 1").problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("extension");
	}

	@Test
	void removedExtensionIsFreeAgain() {
		long agent = createAgent(unique("rm"), "Remover");
		long other = createAgent(unique("taker"), "Taker");
		assignExtension(agent, "105").hasStatus(200);

		this.api.as(this.admin.token())
			.delete("/api/v1/agents/{id}/extensions/{account}", agent, this.sandboxAccount)
			.hasStatus(204);

		assertThat(extensionsOf(agent)).isEmpty();
		assignExtension(other, "105").hasStatus(200);
		this.api.as(this.admin.token())
			.delete("/api/v1/agents/{id}/extensions/{account}", agent, this.sandboxAccount)
			.problem(404, "not-found");
	}

	@Test
	void agentCannotAssignExtensions() {
		TestUser agent = this.data.anyUser(this.admin.tenantId(), Role.AGENT);

		this.api.as(agent.token())
			.put("/api/v1/agents/{id}/extensions/{account}", Map.of("extension", "106"), agent.id(),
					this.sandboxAccount)
			.problem(403, "forbidden");
	}

	@Test
	void onlyOneAgentIsTheDefaultResponsible() {
		long first = createAgent(unique("first"), "First");
		long second = createAgent(unique("second"), "Second");

		JsonNode set = this.api.as(this.admin.token())
			.put("/api/v1/agents/default-responsible", Map.of("agentId", first))
			.json(200);
		assertThat(set.path("defaultResponsible").asBoolean()).isTrue();
		this.api.as(this.admin.token())
			.put("/api/v1/agents/default-responsible", Map.of("agentId", second))
			.hasStatus(200);

		assertThat(defaultResponsibles()).containsExactly(second);

		this.api.as(this.admin.token()).put("/api/v1/agents/default-responsible", "{\"agentId\":null}").hasStatus(200);
		assertThat(defaultResponsibles()).isEmpty();
	}

	@Test
	void defaultResponsibleMustBeAnAgentOfTheTenant() {
		this.api.as(this.admin.token())
			.put("/api/v1/agents/default-responsible", Map.of("agentId", Long.MAX_VALUE))
			.problem(404, "not-found");
	}

	@Test
	void adminCannotDeleteThemself() {
		JsonNode problem = this.api.as(this.admin.token())
			.delete("/api/v1/agents/{id}", this.admin.id())
			.problem(409, "conflict");

		assertThat(problem.path("detail").asString()).contains("your own account");
		this.api.as(this.admin.token()).get("/api/v1/me").hasStatus(200);
	}

	@Test
	void adminDeletesAnotherAgent() {
		long agent = createAgent(unique("gone"), "Gone");

		this.api.as(this.admin.token()).delete("/api/v1/agents/{id}", agent).hasStatus(204);

		this.api.as(this.admin.token()).get("/api/v1/agents/{id}", agent).problem(404, "not-found");
		assertThat(this.api.as(this.admin.token()).get("/api/v1/agents").ids()).doesNotContain(agent);
	}

	@Test
	void lastAdminCannotBeDemoted() {
		JsonNode problem = this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}",
					Map.of("username", this.admin.username(), "displayName", "Demoted", "role", "AGENT"),
					this.admin.id())
			.problem(409, "conflict");

		assertThat(problem.path("detail").asString()).contains("last enabled admin");
	}

	@Test
	void meShowsTheCallerWithTheirExtensions() {
		TestUser agent = this.data.anyAgentWithExtension(this.admin.tenantId(), Role.AGENT, "107");

		JsonNode me = this.api.as(agent.token()).get("/api/v1/me").json(200);

		assertThat(me.path("id").asLong()).isEqualTo(agent.id());
		assertThat(me.path("username").asString()).isEqualTo(agent.username());
		assertThat(me.path("role").asString()).isEqualTo("AGENT");
		assertThat(me.path("extensions").get(0).path("extension").asString()).isEqualTo("107");
		assertThat(me.path("extensions").get(0).path("accountId").asLong()).isEqualTo(this.sandboxAccount);
	}

	@Test
	void agentCanListColleaguesButNotCreateThem() {
		TestUser agent = this.data.anyUser(this.admin.tenantId(), Role.AGENT);

		assertThat(this.api.as(agent.token()).get("/api/v1/agents").ids()).contains(this.admin.id(), agent.id());
		this.api.as(agent.token()).post("/api/v1/agents", agentRequest(unique("x"), "X")).problem(403, "forbidden");
	}

	@Test
	void agentSeesColleaguesNamesOnlyAsInThePickersOfTheUi() {
		TestUser agent = this.data.anyUser(this.admin.tenantId(), Role.AGENT);
		long colleague = createAgent(unique("seen"), "Seen Colleague");
		assignExtension(colleague, "108").hasStatus(200);

		JsonNode listed = byId(this.api.as(agent.token()).get("/api/v1/agents").json(200), colleague);
		JsonNode single = this.api.as(agent.token()).get("/api/v1/agents/{id}", this.admin.id()).json(200);

		assertThat(listed.path("displayName").asString()).isEqualTo("Seen Colleague");
		assertThat(listed.path("username").asString()).startsWith("seen-");
		for (JsonNode shown : List.of(listed, single)) {
			for (String hidden : List.of("email", "role", "enabled", "defaultResponsible", "externalId",
					"extensions")) {
				assertThat(shown.path(hidden).isNull()).as(hidden + " hidden from an agent").isTrue();
			}
		}
	}

	@Test
	void supervisorSeesRolesAndExtensionsButNoEmailOrExternalId() {
		TestUser supervisor = this.data.anyUser(this.admin.tenantId(), Role.SUPERVISOR);
		long colleague = this.api.as(this.admin.token())
			.post("/api/v1/agents",
					Map.of("username", unique("mailed"), "displayName", "Mailed", "email", "mailed@example.com", "role",
							"AGENT", "password", "long-enough-1", "externalId", "crm-77"))
			.json(201)
			.path("id")
			.asLong();
		assignExtension(colleague, "109").hasStatus(200);

		JsonNode seen = byId(this.api.as(supervisor.token()).get("/api/v1/agents").json(200), colleague);
		JsonNode byAdmin = byId(this.api.as(this.admin.token()).get("/api/v1/agents").json(200), colleague);

		assertThat(seen.path("role").asString()).isEqualTo("AGENT");
		assertThat(seen.path("enabled").asBoolean()).isTrue();
		assertThat(seen.path("extensions").get(0).path("extension").asString()).isEqualTo("109");
		assertThat(seen.path("email").isNull()).isTrue();
		assertThat(seen.path("externalId").isNull()).isTrue();
		assertThat(byAdmin.path("email").asString()).isEqualTo("mailed@example.com");
		assertThat(byAdmin.path("externalId").asString()).isEqualTo("crm-77");
	}

	@Test
	void sameUsernameMayExistInAnotherTenantWithoutSayingSo() {
		TestUser otherAdmin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);
		String username = unique("shared");
		createAgent(username, "Here");

		JsonNode there = this.api.as(otherAdmin.token())
			.post("/api/v1/agents", agentRequest(username, "There"))
			.json(201);

		assertThat(there.path("username").asString()).isEqualTo(username);
		JsonNode taken = this.api.as(otherAdmin.token())
			.post("/api/v1/agents", agentRequest(username, "Twice there"))
			.problem(422, "invalid-input");
		assertThat(taken.path("detail").asString()).contains("already taken");
		assertThat(this.api.as(otherAdmin.token()).get("/api/v1/agents").json(200).findValuesAsString("displayName"))
			.contains("There")
			.doesNotContain("Here");
	}

	private static JsonNode byId(JsonNode agents, long id) {
		for (JsonNode agent : agents) {
			if (agent.path("id").asLong() == id) {
				return agent;
			}
		}
		throw new AssertionError("agent " + id + " not listed in " + agents);
	}

	private long createAgent(String username, String displayName) {
		return this.api.as(this.admin.token())
			.post("/api/v1/agents", agentRequest(username, displayName))
			.json(201)
			.path("id")
			.asLong();
	}

	private ApiResponse assignExtension(long agent, String extension) {
		return this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}/extensions/{account}", Map.of("extension", extension), agent,
					this.sandboxAccount);
	}

	private JsonNode extensionsOf(long agent) {
		return this.api.as(this.admin.token()).get("/api/v1/agents/{id}", agent).json(200).path("extensions");
	}

	private List<Long> defaultResponsibles() {
		List<Long> ids = new ArrayList<>();
		this.api.as(this.admin.token()).get("/api/v1/agents").json(200).forEach((agent) -> {
			if (agent.path("defaultResponsible").asBoolean()) {
				ids.add(agent.path("id").asLong());
			}
		});
		return ids;
	}

	private static Map<String, Object> agentRequest(String username, String displayName) {
		return Map.of("username", username, "displayName", displayName, "role", "AGENT", "password", "long-enough-1");
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
