package io.callbridge.omnileads;

import java.nio.charset.StandardCharsets;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the OMniLeads-compatible API refuses a request, as Django REST framework does in
 * OMniLeads (403 for every authentication failure, {@code {"detail": …}} bodies, never
 * Callbridge's problem+json): no credentials, an unknown key, a malformed header, a
 * disabled user, a role that may not, an unknown path, a wrong method, a body it cannot
 * read.
 */
@IntegrationTest
class OmlAuthTests {

	private static final String AGENTS = "/omnileads/api/v1/agent/list/";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	Tenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Test
	void withoutCredentialsTheAnswerIs403NotProvided() {
		oml().get(AGENTS).detail(403, "Las credenciales de autenticación no se proveyeron.");
		oml().header("Authorization", "Token 0123456789abcdef")
			.get(AGENTS)
			.detail(403, "Las credenciales de autenticación no se proveyeron.");
	}

	@Test
	void anUnknownKeyOrCallbridgesOwnApiTokenIsAnInvalidToken() {
		TestUser supervisor = defaultTenantUser(Role.SUPERVISOR);

		oml().token("0123456789abcdef0123456789abcdef01234567").get(AGENTS).detail(403, "Invalid Token");
		oml().token(supervisor.token()).get(AGENTS).detail(403, "Invalid Token");
	}

	@Test
	void aBearerHeaderWithoutAKeyOrWithSpacesIsRefused() {
		oml().header("Authorization", "Bearer")
			.get(AGENTS)
			.detail(403, "Cabecera token inválida. Las credenciales no fueron suministradas.");
		oml().header("Authorization", "Bearer one two")
			.language("en")
			.get(AGENTS)
			.detail(403, "Invalid token header. Token string should not contain spaces.");
	}

	@Test
	void aDisabledUsersTokenIsRefused() {
		TestUser supervisor = defaultTenantUser(Role.SUPERVISOR);
		OmlClient client = OmlSession.loggedIn(this.port, supervisor);
		this.jdbc.sql("UPDATE users SET enabled = FALSE WHERE id = ?").param(supervisor.id()).update();

		client.get(AGENTS).detail(403, "User is not active");
	}

	@Test
	void aRoleThatMayNotIsRefused403InTheReadersLanguage() {
		OmlClient agent = OmlSession.loggedIn(this.port, defaultTenantUser(Role.AGENT));

		agent.get(AGENTS).detail(403, "Usted no tiene permiso para realizar esta acción.");
		agent.language("en").get(AGENTS).detail(403, "You do not have permission to perform this action.");
		agent.get("/omnileads/api/v1/agents_external_system")
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
	}

	@Test
	void unknownPathsAndWrongMethodsGetDrfAnswersNotProblems() {
		OmlClient supervisor = OmlSession.loggedIn(this.port, defaultTenantUser(Role.SUPERVISOR));

		supervisor.get("/omnileads/api/v1/no_such_endpoint/").detail(404, "No encontrado.");
		supervisor.language("en").get("/omnileads/api/v1/no_such_endpoint").detail(404, "Not found.");
		OmlClient.Answer wrongMethod = supervisor.delete(AGENTS);
		wrongMethod.detail(405, "Método \"DELETE\" no permitido.");
		supervisor.language("en").postJson(AGENTS, "{}").detail(405, "Method \"POST\" not allowed.");
	}

	@Test
	void unreadableBodiesGetDrfAnswers() {
		OmlClient.Answer badJson = oml().send("POST", "/omnileads/api/v1/login", "application/json",
				"{\"username\":".getBytes(StandardCharsets.UTF_8));
		assertThat(badJson.json(400).path("detail").asString()).startsWith("JSON parse error - ");
		oml().send("POST", "/omnileads/api/v1/login", "text/plain", "username=x".getBytes(StandardCharsets.UTF_8))
			.detail(415, "Tipo de medio \"text/plain\" incompatible en la solicitud.");
	}

	private OmlClient oml() {
		return new OmlClient(this.port);
	}

	private TestUser defaultTenantUser(Role role) {
		return this.data.anyUser(this.tenants.defaultTenant().id(), role);
	}

}
