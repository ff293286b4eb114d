package io.callbridge.agents;

import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's extensions are those of its {@code extensions} setting: an agent can be
 * given one of them and no other, and the Extensions page lists the free ones as the
 * sandbox does, calling "no longer listed" only an assignment the setting no longer has.
 */
@IntegrationTest
class SandboxExtensionsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TestUser admin;

	private TelephonyAccount sandbox;

	@BeforeEach
	void tenantWithItsSandbox() {
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.sandbox = this.data.sandboxAccount(this.tenant);
	}

	@Test
	void anExtensionTheSandboxDoesNotHaveIsRefusedNamingThoseItHas() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode refused = assign(agent, "150").problem(422, "invalid-input");
		assign(agent, "119").hasStatus(200);

		assertThat(refused.path("errors").get(0).path("field").asString()).isEqualTo("extension");
		assertThat(refused.path("detail").asString())
			.isEqualTo("Extension 150 is not one of the extensions of account 'Sandbox PBX' (100-119); "
					+ "add it to the account's extensions setting first.");
	}

	@Test
	void anExtensionAddedToTheSettingCanBeAssigned() {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		this.api.as(this.admin.token())
			.put("/api/v1/telephony-accounts/{id}",
					Map.of("provider", "sandbox", "name", "Sandbox PBX", "settings",
							Map.of("extensions", "100-119, 150")),
					this.sandbox.id())
			.json(200);

		assign(agent, "150").hasStatus(200);
		assertThat(this.api.as(this.admin.token())
			.get("/api/v1/telephony-accounts/{id}/endpoints", this.sandbox.id())
			.json(200)
			.findValuesAsString("extension")).hasSize(21).contains("100", "119", "150");
	}

	@Test
	void theEndpointsPageListsFreeExtensionsAsTheSandboxDoes() {
		for (String extension : new String[] { "100", "101", "102", "103" }) {
			assign(this.data.anyUser(this.tenant, Role.AGENT), extension).hasStatus(200);
		}
		// assigned before the sandbox refused extensions it does not have
		TestUser legacy = this.data.anyUser(this.tenant, Role.AGENT);
		this.jdbc.sql("INSERT INTO agent_extensions (tenant_id, account_id, agent_id, extension) VALUES (?, ?, ?, ?)")
			.params(this.tenant, this.sandbox.id(), legacy.id(), "150")
			.update();
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		String page = ui.get("/admin/telephony/" + this.sandbox.id() + "/endpoints").body();

		assertThat(page).contains("data-extension=\"104\"").contains("data-extension=\"119\"");
		assertThat(countOf(page, "no longer listed")).as("only 150 is no longer listed").isEqualTo(1);
		assertThat(page.substring(page.indexOf("data-extension=\"150\""))).contains("no longer listed");
	}

	@Test
	void aSettingOfTheSandboxIsCheckedWhenSaved() {
		JsonNode refused = this.api.as(this.admin.token())
			.put("/api/v1/telephony-accounts/{id}",
					Map.of("provider", "sandbox", "name", "Sandbox PBX", "settings",
							Map.of("extensions", "119-100", AccountSettings.ROUTE_TO_RESPONSIBLE, "maybe")),
					this.sandbox.id())
			.problem(422, "invalid-input");

		assertThat(refused.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("settings.extensions",
				"settings.routeToResponsible");
		assertThat(refused.path("detail").asString()).contains("the range 119-100 ends before it starts");
	}

	private io.callbridge.support.ApiResponse assign(TestUser agent, String extension) {
		return this.api.as(this.admin.token())
			.put("/api/v1/agents/{id}/extensions/{account}", Map.of("extension", extension), agent.id(),
					this.sandbox.id());
	}

	private static int countOf(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
