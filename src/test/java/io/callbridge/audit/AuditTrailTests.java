package io.callbridge.audit;

import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.LoginForm;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP: failed logins and admin changes of users, roles, API tokens, telephony
 * accounts and the blacklist land in the tenant's audit trail with who, what, which
 * record, from where and how it ended, never with a password, token or credential; only
 * admins list it (API and page, in English and Spanish), each tenant its own.
 */
@IntegrationTest
class AuditTrailTests {

	private static final String PASSWORD = "never-in-the-audit-1";

	@LocalServerPort
	int port;

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

	// Failed logins from this machine count against its address, and the PostgreSQL
	// database keeps counts between runs: leave none behind for other tests.
	@AfterEach
	void forgetThisMachinesFailedLogins() {
		this.jdbc.sql("DELETE FROM login_throttles WHERE scope = 'ADDRESS' AND subject IN (?, ?)")
			.params("127.0.0.1", "0:0:0:0:0:0:0:0/64")
			.update();
	}

	@Test
	void failedLoginIsRecordedWithTheUsernameTriedTheAddressAndTheReason() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		// Not behind a trusted proxy: X-Forwarded-For is not believed.
		LoginForm.via(this.port, "203.0.113.66").submit(agent.organisation(), agent.username(), PASSWORD);
		LoginForm.direct(this.port).submit(agent.organisation(), "nobody-" + agent.username(), "whatever-1");

		JsonNode events = this.api.as(this.admin.token()).get("/api/v1/audit-events?category=LOGIN").json(200);
		assertThat(events.path("total").asLong()).isEqualTo(2);
		JsonNode unknown = events.path("items").get(0);
		JsonNode wrong = events.path("items").get(1);
		assertThat(wrong.path("action").asString()).isEqualTo("LOGIN_FAILED");
		assertThat(wrong.path("actorName").asString()).isEqualTo(agent.username());
		assertThat(wrong.path("actorId").asLong()).isEqualTo(agent.id());
		assertThat(wrong.path("reason").asString()).isEqualTo("BAD_PASSWORD");
		assertThat(wrong.path("outcome").asString()).isEqualTo("REFUSED");
		assertThat(wrong.path("clientAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(unknown.path("reason").asString()).isEqualTo("UNKNOWN_USER");
		assertThat(unknown.path("actorName").asString()).isEqualTo("nobody-" + agent.username());
		assertNoSecretStored(PASSWORD);
	}

	@Test
	void userChangesAreRecordedWithTheirSafeFieldsOnly() {
		JsonNode created = this.api.as(this.admin.token())
			.post("/api/v1/agents",
					Map.of("username", "audited-" + this.admin.username(), "displayName", "Audited", "role", "AGENT",
							"password", PASSWORD))
			.json(201);
		long id = created.path("id").asLong();
		this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}",
					Map.of("username", "audited-" + this.admin.username(), "displayName", "Audited", "role",
							"SUPERVISOR", "password", PASSWORD + "-new"),
					id)
			.hasStatus(200);
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		ui.get("/admin/agents/" + id + "/edit");
		ui.postForm("/admin/agents/" + id, Map.of("username", "audited-" + this.admin.username(), "displayName",
				"Audited", "role", "ADMIN", "enabled", "true", "password", PASSWORD + "-ui"));
		this.api.as(this.admin.token()).delete("/api/v1/agents/{id}", id).hasStatus(204);

		List<JsonNode> events = items("/api/v1/audit-events?category=USER");
		assertThat(events).extracting((e) -> e.path("action").asString())
			.containsExactly("delete", "update", "update", "create");
		assertThat(events).allSatisfy((e) -> {
			assertThat(e.path("actorId").asLong()).isEqualTo(this.admin.id());
			assertThat(e.path("actorName").asString()).isEqualTo(this.admin.username());
			assertThat(e.path("outcome").asString()).isEqualTo("SUCCESS");
		});
		assertThat(events.get(0).path("target").asString()).isEqualTo("/api/v1/agents/" + id);
		assertThat(events.get(1).path("target").asString()).isEqualTo("/admin/agents/" + id);
		assertThat(events.get(1).path("details").asString()).contains("role=ADMIN");
		assertThat(events.get(2).path("details").asString()).contains("role=SUPERVISOR");
		assertThat(events.get(3).path("details").asString()).contains("username=audited-").contains("role=AGENT");
		assertNoSecretStored(PASSWORD);
	}

	@Test
	void tokenAccountAndBlacklistChangesAreRecordedWithoutSecrets() {
		JsonNode token = this.api.as(this.admin.token())
			.post("/api/v1/api-tokens", Map.of("name", "audited token"))
			.json(201);
		this.api.as(this.admin.token()).delete("/api/v1/api-tokens/{id}", token.path("id").asLong()).hasStatus(204);
		this.api.as(this.admin.token())
			.post("/api/v1/telephony-accounts",
					Map.of("provider", "fake", "name", "Audited account", "credentials", Map.of("secret", PASSWORD)));
		this.api.as(this.admin.token())
			.post("/api/v1/blacklist", Map.of("number", "+34 612 000 401", "reason", "spam"))
			.hasStatus(201);

		assertThat(items("/api/v1/audit-events?category=TOKEN")).extracting((e) -> e.path("action").asString())
			.containsExactly("revoke", "issue");
		JsonNode account = items("/api/v1/audit-events?category=ACCOUNT").get(0);
		assertThat(account.path("details").asString()).contains("name=Audited account").contains("provider=fake");
		assertThat(items("/api/v1/audit-events?category=BLACKLIST").get(0).path("details").asString())
			.contains("number=+34 612 000 401");
		assertNoSecretStored(PASSWORD);
		assertNoSecretStored(token.path("secret").asString());
	}

	// PostgreSQL refuses the NUL character in text: a change whose fields hold one must
	// still be recorded (the NUL shown as U+FFFD), not lost with an ERROR in the log.
	@Test
	void changeWithANulCharacterInAFieldIsRecorded() {
		this.api.as(this.admin.token())
			.post("/api/v1/blacklist", Map.of("number", "+34 612 000 402", "reason", "sp\u0000am"));

		List<JsonNode> events = items("/api/v1/audit-events?category=BLACKLIST");
		assertThat(events).hasSize(1);
		assertThat(events.get(0).path("details").asString()).contains("reason=sp\uFFFDam");
	}

	@Test
	void refusedChangeIsRecordedAsRefused() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		this.api.as(agent.token())
			.post("/api/v1/agents",
					Map.of("username", "sneaky", "displayName", "S", "role", "ADMIN", "password", PASSWORD))
			.problem(403, "forbidden");

		JsonNode refused = items("/api/v1/audit-events?outcome=REFUSED").get(0);
		assertThat(refused.path("actorName").asString()).isEqualTo(agent.username());
		assertThat(refused.path("status").asInt()).isEqualTo(403);
		assertThat(refused.path("category").asString()).isEqualTo("USER");
	}

	@Test
	void onlyAdminsListTheTrailAndOnlyTheirTenantsEvents() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.api.as(this.admin.token()).post("/api/v1/api-tokens", Map.of("name", "mine")).hasStatus(201);
		TestUser otherAdmin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		this.api.as(supervisor.token()).get("/api/v1/audit-events").problem(403, "forbidden");
		assertThat(this.api.as(otherAdmin.token()).get("/api/v1/audit-events").json(200).path("total").asLong())
			.isZero();
		JsonNode page = this.api.as(this.admin.token())
			.get("/api/v1/audit-events?size=1&actor={a}", this.admin.username().toUpperCase())
			.json(200);
		assertThat(page.path("total").asLong()).isEqualTo(1);
		this.api.as(this.admin.token()).get("/api/v1/audit-events?category=NONSENSE").problem(422, "invalid-input");
	}

	@Test
	void auditPageListsTheEventsInEnglishAndSpanish() {
		this.api.as(this.admin.token()).post("/api/v1/api-tokens", Map.of("name", "page token")).hasStatus(201);
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		String english = ui.get("/admin/audit?category=TOKEN").body();
		String spanish = ui.get("/admin/audit?category=TOKEN&lang=es").body();

		assertThat(english).contains("Audit trail")
			.contains("API tokens")
			.contains("Issue")
			.contains("/api/v1/api-tokens");
		assertThat(spanish).contains("Auditoría").contains("Emitir");
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		assertThat(UiSession.logIn(this.port, supervisor.username(), supervisor.password())
			.get("/admin/audit")
			.statusCode()).isEqualTo(403);
	}

	private List<JsonNode> items(String path) {
		JsonNode page = this.api.as(this.admin.token()).get(path).json(200);
		return page.path("items").valueStream().toList();
	}

	private void assertNoSecretStored(String secret) {
		long rows = this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_events WHERE action LIKE :s OR actor_name LIKE :s OR target LIKE :s
				  OR details LIKE :s OR reason LIKE :s""").param("s", "%" + secret + "%").query(Long.class).single();
		assertThat(rows).as("audit rows holding " + secret).isZero();
	}

}
