package io.callbridge.security;

import java.util.Map;

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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests over HTTP who may call what: Bearer tokens for the API, roles, the public and
 * admin-only actuator endpoints, form login for the UI and the open webhook path.
 */
@IntegrationTest
class SecurityApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TestUser admin;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@Test
	void apiWithoutTokenAnswers401Problem() {
		ApiResponse response = this.api.anonymous().get("/api/v1/contacts");

		JsonNode problem = response.problem(401, "unauthorized");
		assertThat(problem.path("detail").asString()).contains("Bearer");
		assertThat(response.headers().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void unknownTokenAnswers401Problem() {
		this.api.as("cbt_this-token-was-never-issued").get("/api/v1/contacts").problem(401, "unauthorized");
		this.api.as("not-even-a-callbridge-token").get("/api/v1/contacts").problem(401, "unauthorized");
	}

	@Test
	void issuedTokenWorksUntilItIsRevoked() {
		JsonNode issued = this.api.as(this.admin.token())
			.post("/api/v1/api-tokens", Map.of("name", "crm-sync"))
			.json(201);
		String secret = issued.path("secret").asString();
		long id = issued.path("id").asLong();
		assertThat(secret).startsWith("cbt_");
		assertThat(issued.path("userId").asLong()).isEqualTo(this.admin.id());

		this.api.as(secret).get("/api/v1/contacts").hasStatus(200);
		JsonNode listed = this.api.as(this.admin.token()).get("/api/v1/api-tokens").json(200);
		assertThat(listed.findValues("secret")).allSatisfy((shown) -> assertThat(shown.isNull()).isTrue());

		this.api.as(this.admin.token()).delete("/api/v1/api-tokens/{id}", id).hasStatus(204);

		JsonNode problem = this.api.as(secret).get("/api/v1/contacts").problem(401, "unauthorized");
		assertThat(problem.path("detail").asString()).contains("revoked");
		assertThat(this.api.as(this.admin.token()).get("/api/v1/api-tokens").json(200).findValues("revokedAt"))
			.anySatisfy((revokedAt) -> assertThat(revokedAt.isNull()).isFalse());
	}

	@Test
	void tokenOfADisabledUserIsRefused() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.api.as(agent.token()).get("/api/v1/me").hasStatus(200);

		this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}",
					Map.of("username", agent.username(), "displayName", "Gone", "role", "AGENT", "enabled", false),
					agent.id())
			.hasStatus(200);

		this.api.as(agent.token()).get("/api/v1/me").problem(401, "unauthorized");
	}

	@Test
	void tokenSecretsAreStoredOnlyAsSha256Hashes() {
		JsonNode issued = this.api.as(this.admin.token())
			.post("/api/v1/api-tokens", Map.of("name", "hash-check"))
			.json(201);
		String secret = issued.path("secret").asString();

		Map<String, Object> row = this.jdbc.sql("SELECT token_hash, token_prefix FROM api_tokens WHERE id = ?")
			.param(issued.path("id").asLong())
			.query()
			.singleRow();
		String hash = (String) row.get("token_hash");
		assertThat(hash).isNotEqualTo(secret).hasSize(64).matches("[0-9a-f]{64}");
		assertThat(secret).startsWith((String) row.get("token_prefix"));
		assertThat(secret).doesNotContain(hash);
		long rowsWithSecret = this.jdbc
			.sql("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ? OR token_prefix = ? OR name = ?")
			.params(secret, secret, secret)
			.query(Long.class)
			.single();
		assertThat(rowsWithSecret).isZero();
	}

	@Test
	void agentCannotCreateAgents() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode problem = this.api.as(agent.token())
			.post("/api/v1/agents",
					Map.of("username", "new-" + agent.username(), "displayName", "New", "role", "AGENT", "password",
							"long-enough-password"))
			.problem(403, "forbidden");

		assertThat(problem.path("detail").asString()).contains("ADMIN");
	}

	@Test
	void agentCannotCreateTelephonyAccounts() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		this.api.as(agent.token())
			.post("/api/v1/telephony-accounts", Map.of("provider", "sandbox", "name", "Second sandbox"))
			.problem(403, "forbidden");
	}

	@Test
	void agentCannotIssueApiTokens() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		this.api.as(agent.token()).post("/api/v1/api-tokens", Map.of("name", "mine")).problem(403, "forbidden");
	}

	@Test
	void agentCannotChangeDispositionOutcomes() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		this.api.as(agent.token())
			.put("/api/v1/disposition-outcomes/x", Map.of("label", "X"))
			.problem(403, "forbidden");

		assertThat(this.api.as(agent.token())
			.get("/api/v1/disposition-outcomes?all=true")
			.json(200)
			.findValuesAsString("code")).doesNotContain("x");
	}

	@Test
	void supervisorCanListTelephonyAccountsButNotCreateThem() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);

		JsonNode accounts = this.api.as(supervisor.token()).get("/api/v1/telephony-accounts").json(200);
		assertThat(accounts.findValuesAsString("provider")).containsExactly("sandbox");

		this.api.as(supervisor.token())
			.post("/api/v1/telephony-accounts", Map.of("provider", "sandbox", "name", "Second sandbox"))
			.problem(403, "forbidden");
		assertThat(this.api.as(supervisor.token()).get("/api/v1/telephony-accounts").json(200)).hasSize(1);
	}

	@Test
	void agentCannotListTelephonyAccounts() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		this.api.as(agent.token()).get("/api/v1/telephony-accounts").problem(403, "forbidden");
	}

	@Test
	void healthIsPublic() {
		ApiResponse health = this.api.anonymous().get("/actuator/health");

		assertThat(health.json(200).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusNeedsAnAdminToken() {
		this.api.anonymous().get("/actuator/prometheus").problem(401, "unauthorized");
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.api.as(supervisor.token()).get("/actuator/prometheus").problem(403, "forbidden");

		ApiResponse metrics = this.api.as(this.admin.token()).get("/actuator/prometheus").hasStatus(200);

		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void consoleWithoutLoginRedirectsToTheLoginPage() {
		ApiResponse response = this.api.anonymous().accepting("text/html").get("/console");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.headers().getLocation()).isNotNull();
		assertThat(response.headers().getLocation().getPath()).isEqualTo("/login");
	}

	@Test
	void consoleIgnoresApiTokens() {
		ApiResponse response = this.api.as(this.admin.token()).accepting("text/html").get("/console");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.headers().getLocation().getPath()).isEqualTo("/login");
	}

	@Test
	void loginPageIsPublic() {
		ApiResponse response = this.api.anonymous().accepting("text/html").get("/login");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("<form");
	}

	@Test
	void webhookPathIsOpenSoAnUnknownWebhookIsNotFoundRatherThanUnauthorized() {
		ApiResponse response = this.api.anonymous()
			.post("/webhooks/no-such-provider/0123456789abcdef", Map.of("event", "NOTIFY_START"));

		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void unknownApiPathWithValidTokenIsNotFound() {
		assertThat(this.api.as(this.admin.token()).get("/api/v1/no-such-resource").status()).isEqualTo(404);
	}

	@Test
	void unknownApiPathIsANotFoundProblem() {
		this.api.as(this.admin.token()).get("/api/v1/no-such-resource").problem(404);
	}

	@Test
	void wrongHttpMethodOnAnApiPathIsAMethodNotAllowedProblem() {
		this.api.as(this.admin.token()).put("/api/v1/me", Map.of()).problem(405);
	}

	@Test
	void unknownApiPathWithoutTokenIsUnauthorized() {
		this.api.anonymous().get("/api/v1/no-such-resource").problem(401, "unauthorized");
	}

}
