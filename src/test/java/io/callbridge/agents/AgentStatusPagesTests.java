package io.callbridge.agents;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.FakeAvailabilityProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the status in the UI: the console's selector (saved on change, shown again from
 * what is stored, in English and Spanish), the agents list where supervisors see and set
 * statuses, the open console told of a change made elsewhere, and the last push error on
 * the agent page.
 */
@IntegrationTest
class AgentStatusPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	TenantFixture tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentStatuses statuses;

	@Autowired
	AvailabilityPushes pushes;

	private long tenant;

	private TestUser agent;

	@BeforeEach
	void createAgent() {
		this.tenant = this.tenants.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
	}

	@Test
	void theConsoleShowsTheStoredStatusAndSavesAChange() {
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		assertThat(selected(ui.get("/console").body())).isEqualTo("AVAILABLE");

		HttpResponse<String> saved = ui.postForm("/console/status", Map.of("status", "BREAK"), "HX-Request", "true");

		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(selected(saved.body())).isEqualTo("BREAK");
		assertThat(saved.body()).contains("Saved.").doesNotContain("<html");
		assertThat(this.statuses.of(this.tenant, this.agent.id()).status()).isEqualTo(AgentStatus.BREAK);
		// A new page (after a restart, too) shows what is stored.
		UiSession again = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		assertThat(selected(again.get("/console").body())).isEqualTo("BREAK");
		assertThat(selected(again.get("/console/panels/status", "HX-Request", "true").body())).isEqualTo("BREAK");
	}

	@Test
	void theConsoleSelectorSpeaksSpanish() {
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		String page = ui.get("/console?lang=es").body();

		assertThat(page).contains("Mi estado")
			.contains(">En pausa<")
			.contains(">Disponible<")
			.contains(">Ocupado<")
			.contains(">Desconectado<");
	}

	@Test
	void anUnknownStatusFromTheConsoleIsRefused() {
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		HttpResponse<String> refused = ui.postForm("/console/status", Map.of("status", "LUNCH"), "HX-Request", "true");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(this.statuses.of(this.tenant, this.agent.id()).status()).isEqualTo(AgentStatus.AVAILABLE);
	}

	@Test
	void supervisorsSeeAndSetAgentsStatusesOnTheAgentsList() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		UiSession ui = UiSession.logIn(this.port, supervisor.username(), supervisor.password());

		HttpResponse<String> set = ui.postForm("/admin/agents/" + this.agent.id() + "/status",
				Map.of("status", "OFFLINE"));

		assertThat(set.statusCode()).isEqualTo(302);
		assertThat(this.statuses.of(this.tenant, this.agent.id()).status()).isEqualTo(AgentStatus.OFFLINE);
		String list = ui.get("/admin/agents").body();
		assertThat(list).contains("data-status=\"OFFLINE\"").contains("Status changed.");
		assertThat(ui.get("/admin/agents?lang=es").body()).contains(">Desconectado<");
	}

	@Test
	void anAgentCannotSetAColleaguesStatusFromThePages() {
		TestUser colleague = this.data.anyUser(this.tenant, Role.AGENT);
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		HttpResponse<String> refused = ui.postForm("/admin/agents/" + colleague.id() + "/status",
				Map.of("status", "OFFLINE"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(this.statuses.of(this.tenant, colleague.id()).status()).isEqualTo(AgentStatus.AVAILABLE);
	}

	@Test
	void theAgentPageShowsTheLastPushErrorInEnglishAndSpanish() {
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		TelephonyAccount account = this.accounts.create(this.tenant, FakeAvailabilityProvider.KEY, "Employees PBX",
				true, Map.of(), new Credentials(Map.of("secret", "s3cret")));
		FakeAvailabilityProvider.down(account, true);
		try {
			this.data.assignExtension(this.tenant, this.agent.id(), account.id(), "7001");
			await().until(() -> this.pushes.find(account.id(), this.agent.id()).orElseThrow().lastError() != null);
			UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());

			String english = ui.get("/admin/agents/" + this.agent.id() + "/edit").body();
			String spanish = ui.get("/admin/agents/" + this.agent.id() + "/edit?lang=es").body();
			String list = ui.get("/admin/agents?lang=en").body();

			assertThat(english)
				.contains("“Available” not yet set at the provider: Fake availability: connection refused");
			assertThat(spanish)
				.contains("«Disponible» aún no está puesto en el proveedor: Fake availability: connection refused");
			assertThat(list).contains("Status not updated at Employees PBX: Fake availability: connection refused");
		}
		finally {
			FakeAvailabilityProvider.down(account, false);
		}
		await().until(() -> !this.pushes.find(account.id(), this.agent.id()).orElseThrow().pending());
		UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());
		assertThat(ui.get("/admin/agents/" + this.agent.id() + "/edit?lang=en").body())
			.contains("The provider has: Available")
			.doesNotContain("connection refused");
	}

	@Test
	void theAgentsOpenConsoleIsToldWhenASupervisorChangesTheirStatus() throws Exception {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads)) {
			console.logIn(this.agent.username(), this.agent.password());
			console.openEvents();

			this.api.as(supervisor.token())
				.put("/api/v1/agents/{id}/status", Map.of("status", "BUSY"), this.agent.id())
				.json(200);

			ConsoleClient.Event event = console.nextOther(Duration.ofSeconds(15));
			assertThat(event).isNotNull();
			assertThat(event.name()).isEqualTo("status");
			assertThat(event.data()).contains("\"status\":\"BUSY\"");
		}
	}

	// The value of the console's selected status option.
	private static String selected(String html) {
		var matcher = Pattern.compile("<option value=\"(\\w+)\" selected=\"selected\"")
			.matcher(html.substring(html.indexOf("id=\"agent-status-select\"")));
		assertThat(matcher.find()).as("a selected status in %s", html).isTrue();
		return matcher.group(1);
	}

}
