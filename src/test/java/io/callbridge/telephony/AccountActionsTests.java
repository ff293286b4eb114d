package io.callbridge.telephony;

import java.net.http.HttpResponse;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account actions against the provider, with the scripted fake provider: new
 * credentials tried before they are saved, the connection check, the webhook
 * registration, and the typed settings form.
 */
@IntegrationTest
class AccountActionsTests {

	private static final String ACCOUNTS = "/api/v1/telephony-accounts";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	ApiClient api;

	private long tenant;

	private TestUser admin;

	private TestUser supervisor;

	@BeforeEach
	void tenantWithAdminAndSupervisor() {
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
	}

	@Test
	void credentialsTheProviderRefusesAreNotSavedAndItsMessageIsShown() {
		ApiClient.Caller caller = this.api.as(this.admin.token());

		JsonNode refused = caller.post(ACCOUNTS, account("Fake", "wrong")).problem(422);
		JsonNode unreachable = caller.post(ACCOUNTS, account("Fake", "down")).problem(502);

		assertThat(refused.toString()).contains("Fake provider refused the credentials: Not authorized");
		assertThat(unreachable.get("detail").asText()).contains("could not be reached").contains("nothing was saved");
		assertThat(this.accounts.list(this.tenant)).noneMatch((a) -> a.provider().equals(FakeTelephonyProvider.KEY));
	}

	@Test
	void changingToRefusedCredentialsKeepsTheStoredOnes() {
		long id = this.api.as(this.admin.token()).post(ACCOUNTS, account("Fake", "good")).json(201).get("id").asLong();

		this.api.as(this.admin.token()).put(ACCOUNTS + "/{id}", account("Fake", "wrong"), id).problem(422);

		assertThat(this.accounts.credentials(this.accounts.get(this.tenant, id)).get("secret")).isEqualTo("good");
	}

	@Test
	void checkReportsEachCheckAndRegistrationMakesTheWebhookCheckPass() {
		JsonNode created = this.api.as(this.admin.token()).post(ACCOUNTS, account("Fake", "good")).json(201);
		long id = created.get("id").asLong();
		assertThat(created.get("webhookUrl").asText()).startsWith("http://localhost:" + this.port + "/webhooks/fake/")
			.endsWith(created.get("webhookPath").asText().substring("/webhooks/fake/".length()));
		ApiClient.Caller caller = this.api.as(this.admin.token());

		JsonNode before = caller.post(ACCOUNTS + "/{id}/checks", Map.of(), id).json(200);
		JsonNode registration = caller.post(ACCOUNTS + "/{id}/webhook-registration", Map.of(), id).json(200);
		JsonNode after = caller.post(ACCOUNTS + "/{id}/checks", Map.of(), id).json(200);

		assertThat(before.get(1).get("passed").asBoolean()).isFalse();
		assertThat(registration.get("url").asText()).isEqualTo(created.get("webhookUrl").asText());
		assertThat(after.get(0).get("detail").asText()).isEqualTo("Balance 10.00 USD");
		assertThat(after.get(1).get("passed").asBoolean()).isTrue();
	}

	@Test
	void registeringAtAProviderWithoutAnApiIsAConflictAndAgentsMayNotCheck() {
		long sandbox = this.data.sandboxAccount(this.tenant).id();
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);

		assertThat(this.api.as(this.admin.token())
			.post(ACCOUNTS + "/{id}/webhook-registration", Map.of(), sandbox)
			.problem(409)
			.get("detail")
			.asText()).contains("portal");
		this.api.as(agent.token()).post(ACCOUNTS + "/{id}/checks", Map.of(), sandbox).problem(403);
		assertThat(this.api.as(this.admin.token()).post(ACCOUNTS + "/{id}/checks", Map.of(), sandbox).json(200))
			.singleElement()
			.satisfies((check) -> assertThat(check.get("detail").asText()).isEqualTo("20 endpoints"));
	}

	@Test
	void settingsFormShowsTheRuleSwitchesAndSavesThem() {
		TelephonyAccount account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake form", true,
				Map.of("custom", "x"), new io.callbridge.telephony.Credentials(Map.of("secret", "good")));
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		String form = ui.get("/admin/telephony/" + account.id() + "/edit").body();
		assertThat(form).contains("name=\"setting.createLeads\"")
			.contains("name=\"setting.missedCallTasks\"")
			.contains("name=\"setting.reconcile\"")
			.contains("Create a lead for an unknown caller");

		HttpResponse<String> saved = ui.postForm("/admin/telephony/" + account.id(), Map.of("provider", "fake", "name",
				"Fake form", "enabled", "true", "setting.createLeads", "true", "setting.custom", "y"));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.accounts.get(this.tenant, account.id()).settings()).containsEntry("createLeads", "true")
			.containsEntry("missedCallTasks", "false")
			.containsEntry("reconcile", "false")
			.containsEntry("custom", "y");
	}

	@Test
	void checkButtonShowsTheResultsInThePage() {
		TelephonyAccount account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake page", true,
				Map.of(), new io.callbridge.telephony.Credentials(Map.of("secret", "good")));
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		assertThat(ui.get("/admin/telephony").body()).contains("Check connection")
			.contains("Register the webhook URL at the provider");

		String checks = ui.postForm("/admin/telephony/" + account.id() + "/checks", Map.of()).body();
		String registered = ui.postForm("/admin/telephony/" + account.id() + "/webhook-registration", Map.of()).body();

		assertThat(checks).contains("Balance 10.00 USD").contains("No webhook URL registered");
		assertThat(registered).contains("Webhook registered.");
	}

	@Test
	void checkNamesAreShownInSpanish() {
		TelephonyAccount account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake es", true,
				Map.of(), new io.callbridge.telephony.Credentials(Map.of("secret", "good")));
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		assertThat(ui.get("/admin/telephony?lang=es").body()).contains("Comprobar conexión");

		String checks = ui.postForm("/admin/telephony/" + account.id() + "/checks", Map.of()).body();

		assertThat(checks).contains(">Credenciales<")
			.contains(">Notificaciones de llamadas<")
			.doesNotContain(">Credentials<");
	}

	@Test
	void zadarmaSettingsAreTypedInTheFormAndCheckedInTheApi() {
		TelephonyAccount zadarma = this.accounts.create(this.tenant, "zadarma", "Zadarma", true, Map.of(),
				new io.callbridge.telephony.Credentials(Map.of("key", "k", "secret", "s")));
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		String form = ui.get("/admin/telephony/" + zadarma.id() + "/edit").body();
		JsonNode refused = this.api.as(this.admin.token())
			.put(ACCOUNTS + "/{id}",
					Map.of("provider", "zadarma", "name", "Zadarma", "settings",
							Map.of("returnTimeout", "soon", "blacklistAction", "shout")),
					zadarma.id())
			.problem(422);

		assertThat(form).contains("name=\"setting.routeToResponsible\"")
			.contains("name=\"setting.callerName\"")
			.contains("name=\"setting.blacklistAction\"")
			.contains("Route known callers to their responsible agent");
		assertThat(refused.toString()).contains("returnTimeout").contains("whole number").contains("busy, hangup");
	}

	private static Map<String, Object> account(String name, String secret) {
		return Map.of("provider", FakeTelephonyProvider.KEY, "name", name, "credentials", Map.of("secret", secret));
	}

}
