package io.callbridge.telephony;

import java.net.http.HttpResponse;
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
 * Each provider's typed settings, as the admin meets them: a bad value is refused when
 * saved, through the API and the account form alike, with a 422 naming the setting in
 * English and Spanish; a value stored before its rule existed reads as its default and is
 * shown to the admin, in the API and on the form, instead of failing later.
 */
@IntegrationTest
class ProviderSettingsTests {

	private static final String ACCOUNT = "/api/v1/telephony-accounts/{id}";

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

	private TelephonyAccount sandbox;

	private TelephonyAccount zadarma;

	private TelephonyAccount callMyWay;

	@BeforeEach
	void oneAccountOfEachProvider() {
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.sandbox = this.data.sandboxAccount(this.tenant);
		this.zadarma = this.accounts.create(this.tenant, "zadarma", "Zadarma", true,
				Map.of("baseUrl", "http://127.0.0.1:9/zadarma", "timeZone", "Europe/Madrid"),
				new Credentials(Map.of("key", "k", "secret", "s")));
		this.callMyWay = this.accounts.create(this.tenant, "callmyway", "CallMyWay", true,
				Map.of("baseUrl", "http://127.0.0.1:9/callmyway", "timeZone", "UTC"),
				new Credentials(Map.of("username", "u", "password", "p")));
	}

	@Test
	void theApiRefusesABadValueOfEachProviderNamingTheSetting() {
		ApiClient.Caller caller = this.api.as(this.admin.token());

		JsonNode sandbox = caller
			.put(ACCOUNT,
					Map.of("provider", "sandbox", "name", this.sandbox.name(), "settings",
							Map.of("extensions", "100-", "createLeads", "yes")),
					this.sandbox.id())
			.problem(422, "invalid-input");
		JsonNode zadarma = caller
			.put(ACCOUNT,
					Map.of("provider", "zadarma", "name", "Zadarma", "settings",
							Map.of("allowedIps", "185.45.152.40/3O", "reconcile", "1")),
					this.zadarma.id())
			.problem(422, "invalid-input");
		JsonNode callMyWay = caller
			.put(ACCOUNT,
					Map.of("provider", "callmyway", "name", "CallMyWay", "settings",
							Map.of("callFirst", "both", "callerIdentities", "8000001; 8000002")),
					this.callMyWay.id())
			.problem(422, "invalid-input");

		assertThat(sandbox.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("settings.extensions",
				"settings.createLeads");
		assertThat(zadarma.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("settings.allowedIps",
				"settings.reconcile");
		assertThat(callMyWay.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("settings.callFirst",
				"settings.callerIdentities");
		assertThat(callMyWay.path("detail").asString()).contains("Setting 'callFirst' must be one of agent, contact");
		assertThat(this.accounts.get(this.tenant, this.callMyWay.id()).settings()).isEqualTo(this.callMyWay.settings());
	}

	@Test
	void theApiNamesTheSettingInSpanish() {
		JsonNode problem = this.api.as(this.admin.token())
			.speaking("es")
			.put(ACCOUNT,
					Map.of("provider", "zadarma", "name", "Zadarma", "settings",
							Map.of("allowedIps", "185.45.152.40/3O")),
					this.zadarma.id())
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("settings.allowedIps");
		assertThat(problem.path("detail").asString())
			.contains("Ajuste 'allowedIps': '185.45.152.40/3O' no es una dirección ni un rango IPv4");
	}

	@Test
	void theFormRefusesABadValueOfEachProviderWith422InEnglishAndSpanish() {
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		HttpResponse<String> sandbox = ui.postForm("/admin/telephony/" + this.sandbox.id(),
				sandboxForm(Map.of("setting.extensions", "119-100")));
		HttpResponse<String> zadarma = ui.postForm("/admin/telephony/" + this.zadarma.id(),
				zadarmaForm(Map.of("setting.allowedIps", "185.45.152.40/3O")));
		HttpResponse<String> callMyWay = ui.postForm("/admin/telephony/" + this.callMyWay.id(),
				callMyWayForm(Map.of("setting.callerIdentities", "8000001; 8000002")));
		ui.get("/admin/telephony?lang=es");
		HttpResponse<String> spanish = ui.postForm("/admin/telephony/" + this.callMyWay.id(),
				callMyWayForm(Map.of("setting.callFirst", "both")));

		assertThat(sandbox.statusCode()).isEqualTo(422);
		assertThat(sandbox.body()).contains("Setting &#39;extensions&#39; must list extensions and ranges")
			.contains("the range 119-100 ends before it starts");
		assertThat(zadarma.statusCode()).isEqualTo(422);
		assertThat(zadarma.body())
			.contains("Setting &#39;allowedIps&#39;: &#39;185.45.152.40/3O&#39; is not an IPv4 address");
		assertThat(callMyWay.statusCode()).isEqualTo(422);
		assertThat(callMyWay.body()).contains("Setting &#39;callerIdentities&#39;: &#39;8000001; 8000002&#39;");
		assertThat(spanish.statusCode()).isEqualTo(422);
		assertThat(spanish.body()).contains("El ajuste &#39;callFirst&#39; debe ser uno de agent, contact");
		assertThat(this.accounts.get(this.tenant, this.sandbox.id()).settings()).isEqualTo(this.sandbox.settings());
	}

	@Test
	void aLegacyUnusableValueReadsAsItsDefaultAndIsShownToTheAdmin() {
		Map<String, String> legacy = new LinkedHashMap<>(this.zadarma.settings());
		legacy.put("allowedIps", "185.45.152.40/3O");
		legacy.put("callerName", "maybe");
		this.accounts.update(this.tenant, this.zadarma.id(), "Zadarma", true, legacy, null);
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		JsonNode view = this.api.as(this.admin.token()).get(ACCOUNT, this.zadarma.id()).json(200);
		String form = ui.get("/admin/telephony/" + this.zadarma.id() + "/edit").body();
		JsonNode spanish = this.api.as(this.admin.token()).speaking("es").get(ACCOUNT, this.zadarma.id()).json(200);

		assertThat(view.path("settingProblems").findValuesAsString("field"))
			.containsExactlyInAnyOrder("settings.allowedIps", "settings.callerName");
		assertThat(view.path("settingProblems").findValuesAsString("message"))
			.anySatisfy((message) -> assertThat(message).startsWith("Setting 'callerName' must be true or false")
				.endsWith("Until it is corrected, the setting's default applies."));
		assertThat(spanish.path("settingProblems").findValuesAsString("message"))
			.anySatisfy((message) -> assertThat(message).contains("se aplica el valor por defecto"));
		assertThat(form).contains("Setting &#39;callerName&#39; must be true or false, not &#39;maybe&#39;.");
		assertThat(ui
			.postForm("/admin/telephony/" + this.zadarma.id(),
					zadarmaForm(Map.of("setting.allowedIps", "185.45.152.40/30")))
			.statusCode()).as("the admin corrects it").isEqualTo(302);
		assertThat(this.api.as(this.admin.token()).get(ACCOUNT, this.zadarma.id()).json(200).path("settingProblems"))
			.isEmpty();
	}

	private Map<String, String> sandboxForm(Map<String, String> overrides) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("provider", "sandbox");
		form.put("name", this.sandbox.name());
		form.put("enabled", "true");
		form.put("setting.extensions", "100-119");
		form.put("setting.routeToResponsible", "true");
		form.putAll(overrides);
		return form;
	}

	private static Map<String, String> zadarmaForm(Map<String, String> overrides) {
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
		form.put("setting.baseUrl", "http://127.0.0.1:9/zadarma");
		form.putAll(overrides);
		return form;
	}

	private static Map<String, String> callMyWayForm(Map<String, String> overrides) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("provider", "callmyway");
		form.put("name", "CallMyWay");
		form.put("enabled", "true");
		form.put("setting.reconcile", "true");
		form.put("setting.callFirst", "agent");
		form.put("setting.timeZone", "UTC");
		form.put("setting.baseUrl", "http://127.0.0.1:9/callmyway");
		form.putAll(overrides);
		return form;
	}

}
