package io.callbridge.telephony;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
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
 * The settings rule of telephony accounts: a change merges settings into the stored ones
 * (a key left out keeps its value, null or blank removes it), in the API as in the form;
 * every value set is checked when saved, with a 422 naming the setting in the reader's
 * language; unknown keys are refused. And who may do what: admins change accounts,
 * credentials and run the provider actions, supervisors read them (credentials never
 * shown), agents neither.
 */
@IntegrationTest
class TelephonyAccountSettingsTests {

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

	private TelephonyAccount zadarma;

	@BeforeEach
	void zadarmaAccountWithSettings() {
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.zadarma = this.accounts.create(this.tenant, "zadarma", "Zadarma", true,
				Map.of("baseUrl", "http://127.0.0.1:9/zadarma", "timeZone", "Europe/Madrid", "allowedIps",
						"185.45.152.40/30", "defaultResponsibleId", "42"),
				new Credentials(Map.of("key", "k", "secret", "s")));
	}

	@Test
	void aPutThatLeavesOutSettingsKeepsThemAndANullRemovesOne() {
		ApiClient.Caller caller = this.api.as(this.admin.token());
		this.accounts.update(this.tenant, this.zadarma.id(), "Zadarma", false, this.zadarma.settings(), null);

		JsonNode changed = caller
			.put(ACCOUNTS + "/{id}",
					Map.of("provider", "zadarma", "name", "Zadarma", "settings", Map.of("returnTimeout", "30")),
					this.zadarma.id())
			.json(200);
		Map<String, Object> removal = new HashMap<>();
		removal.put("allowedIps", null);
		removal.put("callerName", "");
		caller
			.put(ACCOUNTS + "/{id}", Map.of("provider", "zadarma", "name", "Zadarma", "settings", removal),
					this.zadarma.id())
			.json(200);

		assertThat(changed.path("settings").path("baseUrl").asString()).isEqualTo("http://127.0.0.1:9/zadarma");
		assertThat(changed.path("enabled").asBoolean()).as("enabled left out keeps it").isFalse();
		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).settings())
			.containsEntry("baseUrl", "http://127.0.0.1:9/zadarma")
			.containsEntry("timeZone", "Europe/Madrid")
			.containsEntry("returnTimeout", "30")
			.containsEntry("defaultResponsibleId", "42")
			.doesNotContainKeys("allowedIps", "callerName");
	}

	@Test
	void switchesAndNumbersMayBeSentAsJsonValuesButNotAsObjects() {
		ApiClient.Caller caller = this.api.as(this.admin.token());

		caller
			.put(ACCOUNTS + "/{id}", Map.of("provider", "zadarma", "name", "Zadarma", "settings",
					Map.of("callerName", true, "returnTimeout", 30)), this.zadarma.id())
			.json(200);
		JsonNode refused = caller
			.put(ACCOUNTS + "/{id}", Map.of("provider", "zadarma", "name", "Zadarma", "settings",
					Map.of("returnTimeout", Map.of("seconds", 30))), this.zadarma.id())
			.problem(400);

		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).settings()).containsEntry("callerName", "true")
			.containsEntry("returnTimeout", "30");
		assertThat(refused.path("detail").asString()).doesNotContain("java.");
	}

	@Test
	void everySettingIsCheckedWhenSavedAndTheProblemNamesIt() {
		ApiClient.Caller caller = this.api.as(this.admin.token());
		Map<String, String> wrong = new LinkedHashMap<>();
		wrong.put("allowedIps", "185.45.152.40/3O");
		wrong.put("timeZone", "Europe/Madird");
		wrong.put("baseUrl", "ftp://api.zadarma.com");
		wrong.put("returnTimeout", "-1");
		wrong.put("callerName", "yes");
		wrong.put("allowedIP", "185.45.152.40");

		JsonNode problem = caller
			.put(ACCOUNTS + "/{id}", Map.of("provider", "zadarma", "name", "Zadarma", "settings", wrong),
					this.zadarma.id())
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("settings.allowedIps",
				"settings.timeZone", "settings.baseUrl", "settings.returnTimeout", "settings.callerName",
				"settings.allowedIP");
		assertThat(problem.path("detail").asString()).contains("'185.45.152.40/3O' is not an IPv4 address or range")
			.contains("Setting 'timeZone' must be a time zone such as Europe/Madrid, not 'Europe/Madird'")
			.contains("http or https URL")
			.contains("whole number")
			.contains("true or false")
			.contains("Unknown setting 'allowedIP'. Zadarma accounts have:")
			.contains("allowedIps");
		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).settings()).isEqualTo(this.zadarma.settings());
	}

	@Test
	void aSettingStoredBeforeTheCheckDoesNotBlockAnUnrelatedChange() {
		Map<String, String> legacy = new LinkedHashMap<>(this.zadarma.settings());
		legacy.put("oldSetting", "x");
		this.accounts.update(this.tenant, this.zadarma.id(), "Zadarma", true, legacy, null);
		Map<String, String> roundTrip = new LinkedHashMap<>(legacy);
		roundTrip.put("returnTimeout", "25");

		this.api.as(this.admin.token())
			.put(ACCOUNTS + "/{id}", Map.of("provider", "zadarma", "name", "Zadarma", "settings", roundTrip),
					this.zadarma.id())
			.json(200);

		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).settings()).containsEntry("returnTimeout", "25")
			.containsEntry("oldSetting", "x");
	}

	@Test
	void theFormShowsTheProblemOfEachSettingInEnglishAndSpanishAndSavesNothing() {
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		Map<String, String> form = form(Map.of("setting.allowedIps", "185.45.152.40/3O"));

		String english = ui.postForm("/admin/telephony/" + this.zadarma.id(), form).body();
		ui.get("/admin/telephony?lang=es");
		String spanish = ui.postForm("/admin/telephony/" + this.zadarma.id(), form).body();

		assertThat(english).contains("Setting &#39;allowedIps&#39;: &#39;185.45.152.40/3O&#39; is not an IPv4 address");
		assertThat(spanish).contains("Ajuste &#39;allowedIps&#39;: &#39;185.45.152.40/3O&#39; no es una dirección");
		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).settings()).containsEntry("allowedIps",
				"185.45.152.40/30");
	}

	@Test
	void theFormRemovesAnEmptiedSettingAndKeepsThoseItDoesNotShow() {
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		assertThat(ui.get("/admin/telephony/" + this.zadarma.id() + "/edit").body())
			.contains("name=\"setting.baseUrl\"")
			.doesNotContain("name=\"setting.defaultResponsibleId\"");

		HttpResponse<String> saved = ui.postForm("/admin/telephony/" + this.zadarma.id(),
				form(Map.of("setting.allowedIps", "")));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).settings()).doesNotContainKey("allowedIps")
			.containsEntry("baseUrl", "http://127.0.0.1:9/zadarma")
			.containsEntry("defaultResponsibleId", "42");
	}

	@Test
	void supervisorsReadAccountsWithoutCredentialsButOnlyAdminsChangeThemOrAskTheProvider() {
		ApiClient.Caller asSupervisor = this.api.as(this.supervisor.token());
		ApiClient.Caller asAdmin = this.api.as(this.admin.token());
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		long sandbox = this.data.sandboxAccount(this.tenant).id();
		Map<String, Object> change = Map.of("provider", "zadarma", "name", "Renamed");

		JsonNode read = asSupervisor.get(ACCOUNTS + "/{id}", this.zadarma.id()).json(200);
		asSupervisor.get(ACCOUNTS).json(200);
		asSupervisor.get(ACCOUNTS + "/{id}/endpoints", sandbox).json(200);
		asSupervisor.put(ACCOUNTS + "/{id}", change, this.zadarma.id()).problem(403, "forbidden");
		asSupervisor.post(ACCOUNTS, Map.of("provider", "sandbox", "name", "Another")).problem(403, "forbidden");
		asSupervisor.post(ACCOUNTS + "/{id}/checks", Map.of(), sandbox).problem(403, "forbidden");
		asSupervisor.post(ACCOUNTS + "/{id}/webhook-registration", Map.of(), this.zadarma.id())
			.problem(403, "forbidden");
		asSupervisor.delete(ACCOUNTS + "/{id}", this.zadarma.id()).problem(403, "forbidden");
		this.api.as(agent.token()).get(ACCOUNTS + "/{id}", this.zadarma.id()).problem(403, "forbidden");
		asAdmin.post(ACCOUNTS + "/{id}/checks", Map.of(), sandbox).json(200);
		asAdmin.put(ACCOUNTS + "/{id}", change, this.zadarma.id()).json(200);

		assertThat(read.path("hasCredentials").asBoolean()).isTrue();
		assertThat(read.toString()).doesNotContain("\"credentials\"").doesNotContain("\"secret\"");
		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).name()).isEqualTo("Renamed");
	}

	@Test
	void supervisorsSeeTheTelephonyPageReadOnly() {
		UiSession ui = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password());
		UiSession adminUi = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		String page = ui.get("/admin/telephony").body();
		int edit = ui.get("/admin/telephony/" + this.zadarma.id() + "/edit").statusCode();
		int save = ui.postForm("/admin/telephony/" + this.zadarma.id(), form(Map.of())).statusCode();
		int check = ui.postForm("/admin/telephony/" + this.zadarma.id() + "/checks", Map.of()).statusCode();
		int register = ui.postForm("/admin/telephony/" + this.zadarma.id() + "/webhook-registration", Map.of())
			.statusCode();
		int allowList = ui.postForm("/admin/telephony/" + this.zadarma.id() + "/allowed-ips", Map.of()).statusCode();
		String adminPage = adminUi.get("/admin/telephony").body();

		assertThat(page).contains("Zadarma")
			.doesNotContain("check-account")
			.doesNotContain("register-webhook")
			.doesNotContain("/edit\"");
		assertThat(new int[] { edit, save, check, register, allowList }).containsOnly(403);
		assertThat(adminPage).contains("check-account").contains("register-webhook");
	}

	@Test
	void oneClickAllowsOnlyZadarmasDocumentedSourceAddresses() {
		this.accounts.update(this.tenant, this.zadarma.id(), "Zadarma", true, Map.of("timeZone", "Europe/Madrid"),
				null);
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		String before = ui.get("/admin/telephony").body();

		HttpResponse<String> clicked = ui.postForm("/admin/telephony/" + this.zadarma.id() + "/allowed-ips", Map.of());
		String after = ui.get("/admin/telephony").body();

		assertThat(before).contains("any address (signed requests only)")
			.contains("Allow only Zadarma’s documented addresses (185.45.152.40/30)");
		assertThat(clicked.statusCode()).isEqualTo(302);
		assertThat(this.accounts.get(this.tenant, this.zadarma.id()).settings())
			.containsEntry("allowedIps", "185.45.152.40/30")
			.containsEntry("timeZone", "Europe/Madrid");
		assertThat(after).contains("<code class=\"current-allow-list\">185.45.152.40/30</code>")
			.contains("Only Zadarma’s documented source addresses.")
			.doesNotContain("Allow only Zadarma’s documented addresses");
	}

	private static Map<String, String> form(Map<String, String> overrides) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("provider", "zadarma");
		form.put("name", "Zadarma");
		form.put("enabled", "true");
		form.put("setting.callerName", "true");
		form.put("setting.routeToResponsible", "true");
		form.put("setting.returnTimeout", "20");
		form.put("setting.blacklist", "true");
		form.put("setting.blacklistAction", "busy");
		form.put("setting.timeZone", "Europe/Madrid");
		form.put("setting.allowedIps", "185.45.152.40/30");
		form.put("setting.baseUrl", "http://127.0.0.1:9/zadarma");
		form.putAll(overrides);
		return form;
	}

}
