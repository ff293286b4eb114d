package io.callbridge.sandbox;

import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox account's routing switch, as Zadarma's: on (the default), a caller with a
 * responsible agent rings that agent whatever extension was asked for; off, the extension
 * asked for rings (the caller's name is still shown).
 */
@IntegrationTest
class SandboxRoutingTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	private TestUser admin;

	private TestUser agent;

	private TelephonyAccount sandbox;

	@BeforeEach
	void callerWithAResponsibleAgentOn105() {
		long tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(tenant, Role.ADMIN);
		this.agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "110");
		TestUser responsible = this.data.anyAgentWithExtension(tenant, Role.AGENT, "105");
		this.data.anyContact(tenant, "Pedro Responsable", responsible.id(), "+34 699 555 111");
		this.sandbox = this.data.sandboxAccount(tenant);
	}

	@Test
	void aKnownCallerRingsTheResponsibleAgentWhileTheSwitchIsOn() {
		JsonNode call = ring("110");

		assertThat(call.path("ringing").toString()).isEqualTo("[\"105\"]");
		hangUp(call);
	}

	@Test
	void withTheSwitchOffTheExtensionAskedForRings() {
		this.api.as(this.admin.token())
			.put("/api/v1/telephony-accounts/{id}",
					Map.of("provider", "sandbox", "name", this.sandbox.name(), "settings",
							Map.of("routeToResponsible", "false")),
					this.sandbox.id())
			.json(200);
		String page = UiSession.logIn(this.port, this.agent.username(), this.agent.password()).get("/sandbox").body();

		JsonNode call = ring("110");

		assertThat(call.path("ringing").toString()).isEqualTo("[\"110\"]");
		assertThat(call.path("callerName").asString()).isEqualTo("Pedro Responsable");
		assertThat(page).contains("Calls ring the extension you choose");
		hangUp(call);
	}

	@Test
	void anExtensionOrNumberNoPbxHasIsRefusedAndThePageStillShows() {
		UiSession page = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		page.get("/sandbox?lang=es");

		JsonNode extension = this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "699 555 111", "extension", "z".repeat(100_000)))
			.problem(422, "invalid-input");
		JsonNode from = this.api.as(this.agent.token())
			.speaking("es")
			.post("/api/v1/sandbox/calls", Map.of("from", "6".repeat(65), "extension", "110"))
			.problem(422, "invalid-input");
		int fromPage = page.postForm("/sandbox/calls", Map.of("from", "a\u0001b", "extension", "110")).statusCode();

		assertThat(extension.path("errors").findValuesAsString("field")).containsExactly("extension");
		assertThat(from.path("detail").asString())
			.isEqualTo("Un número puede tener como máximo 64 caracteres, ninguno de ellos de control.");
		assertThat(fromPage).isEqualTo(422);
		assertThat(page.get("/sandbox").statusCode()).isEqualTo(200);
	}

	private JsonNode ring(String extension) {
		return this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "699 555 111", "extension", extension, "scenario", "MANUAL"))
			.json(201);
	}

	private void hangUp(JsonNode call) {
		this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call.path("id").asString())
			.hasStatus(200);
	}

}
