package io.callbridge.security;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * Tests over HTTP that one tenant can neither read nor change another tenant's data: the
 * other tenant's records are "not found" (never "forbidden", which would confirm they
 * exist) and never appear in lists.
 */
@IntegrationTest
class TenantIsolationApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private TestUser adminA;

	private TestUser agentA;

	private long accountA;

	private long contactA;

	private TestUser adminB;

	private long accountB;

	private long contactB;

	@BeforeEach
	void createTwoTenants() {
		long tenantA = this.tenants.anyTenant();
		long tenantB = this.tenants.anyTenant();
		this.adminA = this.data.anyUser(tenantA, Role.ADMIN);
		this.agentA = this.data.anyAgentWithExtension(tenantA, Role.AGENT, "101");
		this.accountA = this.data.sandboxAccount(tenantA).id();
		this.contactA = this.data.anyContact(tenantA, "Secret Customer A", "+34612777001").id();
		this.adminB = this.data.anyUser(tenantB, Role.ADMIN);
		this.data.anyAgentWithExtension(tenantB, Role.AGENT, "101");
		this.accountB = this.data.sandboxAccount(tenantB).id();
		this.contactB = this.data.anyContact(tenantB, "Customer B", "+34612777002").id();
	}

	@Test
	void otherTenantsContactIsNotFoundForReadingChangingAndDeleting() {
		JsonNode problem = asB().get("/api/v1/contacts/{id}", this.contactA).problem(404, "not-found");
		assertThat(problem.path("detail").asString()).doesNotContain("Secret");
		asB().put("/api/v1/contacts/{id}", Map.of("name", "Hijacked"), this.contactA).problem(404, "not-found");
		asB().post("/api/v1/contacts/{id}/phones", Map.of("number", "612777999"), this.contactA)
			.problem(404, "not-found");
		asB().delete("/api/v1/contacts/{id}", this.contactA).problem(404, "not-found");

		JsonNode unchanged = asA().get("/api/v1/contacts/{id}", this.contactA).json(200);
		assertThat(unchanged.path("name").asString()).isEqualTo("Secret Customer A");
		assertThat(unchanged.path("phones")).hasSize(1);
	}

	@Test
	void otherTenantsContactsDoNotAppearInSearchLookupOrExport() {
		assertThat(asB().get("/api/v1/contacts?q={q}", "Secret").json(200).path("total").asLong()).isZero();
		assertThat(asB().get("/api/v1/contacts?q={q}", "612777001").json(200).path("total").asLong()).isZero();
		assertThat(asB().get("/api/v1/contacts").ids()).containsExactly(this.contactB);
		assertThat(asB().get("/api/v1/contacts/lookup?number={n}", "612777001").json(200)).isEmpty();
		assertThat(asB().get("/api/v1/contacts/export").hasStatus(200).body()).doesNotContain("Secret");
		assertThat(asA().get("/api/v1/contacts").ids()).containsExactly(this.contactA);
	}

	@Test
	void contactCannotBeMadeTheResponsibilityOfAnotherTenantsAgent() {
		JsonNode problem = asB().post("/api/v1/contacts", Map.of("name", "Sneaky", "responsibleId", this.agentA.id()))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("responsibleId");
	}

	@Test
	void otherTenantsCallCannotBeReadDisposedOrLinked() {
		long callA = callOfA();

		asB().get("/api/v1/calls/{id}", callA).problem(404, "not-found");
		asB().get("/api/v1/calls/{id}/events", callA).problem(404, "not-found");
		asB().put("/api/v1/calls/{id}/disposition", Map.of("outcome", "interested"), callA).problem(404, "not-found");
		asB().put("/api/v1/calls/{id}/contact", Map.of("contactId", this.contactB), callA).problem(404, "not-found");
		asA().put("/api/v1/calls/{id}/contact", Map.of("contactId", this.contactB), callA).problem(404, "not-found");

		assertThat(asB().get("/api/v1/calls").json(200).path("total").asLong()).isZero();
		assertThat(asB().get("/api/v1/calls/export").body().lines()).hasSize(1);
		JsonNode call = asA().get("/api/v1/calls/{id}", callA).json(200);
		assertThat(call.path("disposition").isNull()).isTrue();
		assertThat(call.path("contactId").asLong()).isEqualTo(this.contactA);
	}

	@Test
	void otherTenantsSandboxCallsAreInvisibleAndCannotBeControlled() {
		String sandboxCall = asAgentA().post("/api/v1/sandbox/calls", Map.of("from", "612777001", "scenario", "MANUAL"))
			.json(201)
			.path("id")
			.asString();

		assertThat(asB().get("/api/v1/sandbox/calls").json(200)).isEmpty();
		asB().post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "101"), sandboxCall)
			.problem(404, "not-found");
		asB().post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), sandboxCall).problem(404, "not-found");
		asB().post("/api/v1/sandbox/calls", Map.of("accountId", this.accountA, "from", "612777001", "extension", "101"))
			.problem(404, "not-found");

		assertThat(asAgentA().get("/api/v1/sandbox/calls").json(200).findValues("state").get(0).asString())
			.isEqualTo("ringing");
		asAgentA().post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), sandboxCall).hasStatus(200);
	}

	@Test
	void otherTenantsTelephonyAccountCannotBeSeenChangedOrUsed() {
		long agentB = asB().get("/api/v1/me").json(200).path("id").asLong();

		asB().put("/api/v1/agents/{id}/extensions/{account}", Map.of("extension", "150"), agentB, this.accountA)
			.problem(404, "not-found");
		asB().get("/api/v1/telephony-accounts/{id}", this.accountA).problem(404, "not-found");
		asB().get("/api/v1/telephony-accounts/{id}/endpoints", this.accountA).problem(404, "not-found");
		asB()
			.put("/api/v1/telephony-accounts/{id}", Map.of("provider", "sandbox", "name", "Mine", "enabled", false),
					this.accountA)
			.problem(404, "not-found");
		asB().delete("/api/v1/telephony-accounts/{id}", this.accountA).problem(404, "not-found");

		assertThat(asB().get("/api/v1/telephony-accounts").ids()).containsExactly(this.accountB);
		JsonNode accountA = asA().get("/api/v1/telephony-accounts/{id}", this.accountA).json(200);
		assertThat(accountA.path("enabled").asBoolean()).isTrue();
		assertThat(accountA.path("name").asString()).isEqualTo("Sandbox PBX");
	}

	@Test
	void otherTenantsAgentsAreInvisibleAndCannotBeChanged() {
		assertThat(asB().get("/api/v1/agents").ids()).doesNotContain(this.adminA.id(), this.agentA.id());
		asB().get("/api/v1/agents/{id}", this.agentA.id()).problem(404, "not-found");
		asB()
			.put("/api/v1/agents/{id}",
					Map.of("username", this.agentA.username(), "displayName", "Hijacked", "role", "ADMIN"),
					this.agentA.id())
			.problem(404, "not-found");
		asB()
			.put("/api/v1/agents/{id}/extensions/{account}", Map.of("extension", "150"), this.agentA.id(),
					this.accountB)
			.problem(404, "not-found");
		asB().delete("/api/v1/agents/{id}", this.agentA.id()).problem(404, "not-found");
		asB().put("/api/v1/agents/default-responsible", Map.of("agentId", this.agentA.id())).problem(404, "not-found");
		asB().post("/api/v1/api-tokens", Map.of("name", "impersonate", "userId", this.agentA.id()))
			.problem(404, "not-found");

		JsonNode agent = asA().get("/api/v1/agents/{id}", this.agentA.id()).json(200);
		assertThat(agent.path("displayName").asString()).isNotEqualTo("Hijacked");
		assertThat(agent.path("role").asString()).isEqualTo("AGENT");
		assertThat(agent.path("defaultResponsible").asBoolean()).isFalse();
	}

	@Test
	void otherTenantsApiTokensCannotBeListedOrRevoked() {
		long tokenA = asA().post("/api/v1/api-tokens", Map.of("name", "a-integration")).json(201).path("id").asLong();

		assertThat(asB().get("/api/v1/api-tokens").ids()).doesNotContain(tokenA);
		asB().delete("/api/v1/api-tokens/{id}", tokenA).problem(404, "not-found");

		assertThat(asA().get("/api/v1/api-tokens").json(200).findValues("revokedAt"))
			.allSatisfy((revoked) -> assertThat(revoked.isNull()).isTrue());
	}

	@Test
	void clickToCallCannotUseAnotherTenantsContactOrAgent() {
		TestUser supervisorB = this.data.anyUser(this.adminB.tenantId(), Role.SUPERVISOR);

		asB().post("/api/v1/click-to-call", Map.of("number", "+34600111222", "contactId", this.contactA))
			.problem(404, "not-found");
		this.api.as(supervisorB.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111222", "agentId", this.agentA.id()))
			.problem(404, "not-found");
	}

	@Test
	void otherTenantsCallCannotBeAttachedToATask() {
		long callA = callOfA();

		asB().post("/api/v1/tasks", Map.of("title", "Spy", "callId", callA)).problem(404, "not-found");
		asB().post("/api/v1/tasks", Map.of("title", "Spy", "contactId", this.contactA)).problem(404, "not-found");
		asB().post("/api/v1/tasks", Map.of("title", "Spy", "assigneeId", this.agentA.id())).problem(404, "not-found");
	}

	@Test
	void listsOfOneTenantNeverContainTheOtherTenantsIds() {
		long callA = callOfA();

		assertThat(asA().get("/api/v1/contacts").ids()).doesNotContain(this.contactB);
		assertThat(asA().get("/api/v1/calls").ids()).containsExactly(callA);
		assertThat(asA().get("/api/v1/agents").ids()).doesNotContain(this.adminB.id());
		assertThat(asA().get("/api/v1/telephony-accounts").ids()).containsExactly(this.accountA);
		assertThat(asB().get("/api/v1/calls").ids()).doesNotContain(callA);
		assertThat(asB().get("/api/v1/calls?contactId={id}", this.contactA).ids()).isEmpty();
		assertThat(asB().get("/api/v1/calls?agentId={id}", this.agentA.id()).ids()).isEmpty();
	}

	/** A finished call of tenant A with its contact, made on the sandbox by A's agent. */
	private long callOfA() {
		asAgentA().post("/api/v1/sandbox/calls", Map.of("from", "612777001", "scenario", "ANSWER")).hasStatus(201);
		return await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> asA().get("/api/v1/calls?result=ANSWERED").ids(), (ids) -> ids.size() == 1)
			.get(0);
	}

	private ApiClient.Caller asA() {
		return this.api.as(this.adminA.token());
	}

	private ApiClient.Caller asAgentA() {
		return this.api.as(this.agentA.token());
	}

	private ApiClient.Caller asB() {
		return this.api.as(this.adminB.token());
	}

}
