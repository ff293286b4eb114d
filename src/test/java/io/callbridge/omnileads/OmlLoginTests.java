package io.callbridge.omnileads;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.omnileads.OmlClient.Encoding;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' {@code POST api/v1/login} as its CRMs call it: the token, the user's data
 * and the seconds left, one token per user shared by every login until it expires (on the
 * database's clock, after creation), the 400 and 404 answers, and the per-tenant path.
 */
@IntegrationTest
class OmlLoginTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	Tenants tenants;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void forgetThisMachinesFailedLogins() {
		this.jdbc.sql("DELETE FROM login_throttles WHERE scope = 'ADDRESS' AND subject IN (?, ?)")
			.params("127.0.0.1", "0:0:0:0:0:0:0:0/64")
			.update();
	}

	@ParameterizedTest
	@EnumSource(Encoding.class)
	void loginAnswersTheTokenTheUserAndTheSecondsLeftWhateverTheBodyEncoding(Encoding encoding) {
		TestUser agent = defaultTenantUser(Role.AGENT);

		JsonNode answer = oml().post("/omnileads/api/v1/login", encoding, credentials(agent)).json(200);

		assertThat(answer.propertyNames()).containsExactly("user", "expires_in", "token");
		assertThat(answer.path("token").asString()).matches("[0-9a-f]{40}");
		assertThat(answer.path("user").propertyNames()).containsExactly("first_name", "last_name", "email", "agent_id");
		assertThat(answer.path("user").path("first_name").asString()).isEqualTo("User");
		assertThat(answer.path("user").path("last_name").asString()).isEqualTo(agent.username());
		assertThat(answer.path("user").path("email").asString()).isEmpty();
		assertThat(answer.path("user").path("agent_id").asLong()).isEqualTo(agent.id());
		assertThat(answer.path("expires_in").isString()).isTrue();
		assertThat(Double.parseDouble(answer.path("expires_in").asString())).isBetween(32_000.0, 32_400.0);
	}

	@Test
	void aSupervisorHasNoAgentId() {
		TestUser supervisor = defaultTenantUser(Role.SUPERVISOR);

		JsonNode user = oml().postJson("/omnileads/api/v1/login/", credentials(supervisor)).json(200).path("user");

		assertThat(user.propertyNames()).containsExactly("first_name", "last_name", "email");
	}

	@Test
	void everyLoginOfAUserGetsTheSameTokenUntilItExpires() {
		TestUser agent = defaultTenantUser(Role.AGENT);
		String first = login(agent);

		assertThat(login(agent)).isEqualTo(first);
		assertThat(oml().token(first).get("/omnileads/api/v1/agent/list/").status()).isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM omnileads_tokens WHERE user_id = ?")
			.param(agent.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anExpiredTokenIsRefusedReplacedAndANewLoginGetsTheNewKey() {
		TestUser supervisor = defaultTenantUser(Role.SUPERVISOR);
		String old = login(supervisor);
		ageToken(supervisor, Duration.ofHours(9).plusSeconds(1));

		oml().token(old).get("/omnileads/api/v1/agent/list/").detail(403, "The Token is expired");
		oml().token(old).get("/omnileads/api/v1/agent/list/").detail(403, "Invalid Token");
		String renewed = login(supervisor);

		assertThat(renewed).isNotEqualTo(old).matches("[0-9a-f]{40}");
		assertThat(oml().token(renewed).get("/omnileads/api/v1/agent/list/").status()).isEqualTo(200);
	}

	@Test
	void aLoginWithAnExpiredTokenIssuesANewOneWithTheFullLifetime() {
		TestUser agent = defaultTenantUser(Role.AGENT);
		String old = login(agent);
		ageToken(agent, Duration.ofHours(10));

		JsonNode answer = oml().postJson("/omnileads/api/v1/login", credentials(agent)).json(200);

		assertThat(answer.path("token").asString()).isNotEqualTo(old);
		assertThat(Double.parseDouble(answer.path("expires_in").asString())).isGreaterThan(32_000.0);
	}

	@Test
	void aTokenKeepsItsCreationTimeSoItsSecondsLeftShrink() {
		TestUser agent = defaultTenantUser(Role.AGENT);
		login(agent);
		ageToken(agent, Duration.ofHours(8));

		JsonNode answer = oml().postJson("/omnileads/api/v1/login", credentials(agent)).json(200);

		assertThat(Double.parseDouble(answer.path("expires_in").asString())).isBetween(3_000.0, 3_600.0);
	}

	@ParameterizedTest
	@EnumSource(Encoding.class)
	void missingOrBlankFieldsAreAnswered400PerField(Encoding encoding) {
		assertThat(oml().post("/omnileads/api/v1/login", encoding, Map.of()).json(400)).hasToString(
				"{\"username\":[\"Este campo es obligatorio.\"],\"password\":[\"Este campo es obligatorio.\"]}");
		assertThat(oml().post("/omnileads/api/v1/login", encoding, Map.of("username", " ", "password", "x")).json(400))
			.hasToString("{\"username\":[\"Este campo no puede estar en blanco.\"]}");
	}

	@Test
	void anEmptyBodyLacksBothFields() {
		assertThat(oml().send("POST", "/omnileads/api/v1/login/", null, new byte[0]).json(400).propertyNames())
			.containsExactly("username", "password");
	}

	@Test
	void wrongPasswordUnknownUserAndDisabledUserGetTheSame404() {
		TestUser agent = defaultTenantUser(Role.AGENT);
		TestUser disabled = defaultTenantUser(Role.AGENT);
		this.jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(disabled.id()).update();
		String invalid = "{\"detail\":\"Invalid Credentials or activate account\"}";

		assertThat(oml()
			.postJson("/omnileads/api/v1/login", Map.of("username", agent.username(), "password", "wrong-password"))
			.json(404)).hasToString(invalid);
		assertThat(
				oml().postJson("/omnileads/api/v1/login", Map.of("username", "nobody-here", "password", "x")).json(404))
			.hasToString(invalid);
		assertThat(oml().postJson("/omnileads/api/v1/login", credentials(disabled)).json(404)).hasToString(invalid);
	}

	@Test
	void aTenantsUsersLogInUnderItsPathAndTheirTokenWorksOnlyThere() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		String slug = this.tenants.get(tenant).slug();

		oml().postJson("/omnileads/api/v1/login", credentials(supervisor))
			.detail(404, "Invalid Credentials or activate account");
		String token = oml().postJson("/omnileads/" + slug + "/api/v1/login/", credentials(supervisor))
			.json(200)
			.path("token")
			.asString();

		assertThat(oml().token(token).get("/omnileads/" + slug + "/api/v1/agent/list").status()).isEqualTo(200);
		oml().token(token).get("/omnileads/api/v1/agent/list/").detail(403, "Invalid Token");
		oml().postJson("/omnileads/no-such-org/api/v1/login", credentials(supervisor))
			.detail(404, "Invalid Credentials or activate account");
	}

	@Test
	void loginAnswersOnlyPost() {
		oml().get("/omnileads/api/v1/login").detail(405, "Método \"GET\" no permitido.");
	}

	private OmlClient oml() {
		return new OmlClient(this.port);
	}

	private TestUser defaultTenantUser(Role role) {
		return this.data.anyUser(this.tenants.defaultTenant().id(), role);
	}

	private String login(TestUser user) {
		return oml().postJson("/omnileads/api/v1/login", credentials(user)).json(200).path("token").asString();
	}

	private static Map<String, Object> credentials(TestUser user) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("username", user.username());
		fields.put("password", user.password());
		return fields;
	}

	private void ageToken(TestUser user, Duration age) {
		Instant created = this.jdbc.sql("SELECT created_at FROM omnileads_tokens WHERE user_id = ?")
			.param(user.id())
			.query((rs, n) -> Jdbc.instant(rs, "created_at"))
			.single();
		this.jdbc.sql("UPDATE omnileads_tokens SET created_at = ? WHERE user_id = ?")
			.params(Jdbc.ts(created.minus(age)), user.id())
			.update();
	}

}
