package io.callbridge.crm.retailcrm.outbound;

import java.util.Locale;
import java.util.Map;

import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmRegistrationResult;
import io.callbridge.crm.retailcrm.RetailCrmRegistration;
import io.callbridge.crm.retailcrm.RetailCrmSimulator;
import io.callbridge.shared.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.API_KEY;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.CLIENT_ID;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.CODE;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.connection;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.registration;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.secrets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registering Callbridge as retailCRM's integration module and checking a connection,
 * against the retailCRM simulator: the module as retailCRM takes it (URLs, events, each
 * manager's user id with their code, the stores' numbers), retailCRM's unknown users, and
 * the check proving the key before and after the registration, or naming the field at
 * fault.
 */
class RetailCrmRegistrationTests {

	private RetailCrmSimulator crm;

	private final RetailCrmConnector connector = RetailCrmFixture.connector();

	@BeforeEach
	void start() {
		this.crm = RetailCrmSimulator.start(API_KEY);
		this.crm.user(27);
		this.crm.user(28);
	}

	@AfterEach
	void stop() {
		this.crm.close();
	}

	@Test
	void registersTheModuleWithItsUrlsEventsCodesAndExternalPhones() {
		CrmRegistrationResult result = this.connector.register(
				connection(this.crm.baseUrl(),
						Map.of("externalPhones", "main-store=+34 910 000 099\n\nb2b=+34910000098")),
				secrets(), registration(new CrmManager(1, "27", "101"), new CrmManager(2, "28", "102"),
						new CrmManager(3, null, "103"), new CrmManager(4, "29", null)));

		assertThat(result).isInstanceOf(CrmRegistrationResult.Registered.class);
		RetailCrmRegistration registered = this.crm.registrations().get(0);
		assertThat(registered.code()).isEqualTo(CODE);
		JsonNode module = registered.module();
		assertThat(module.path("code").asString()).isEqualTo(CODE);
		assertThat(module.path("integrationCode").asString()).isEqualTo(CODE);
		assertThat(module.path("active").asBoolean()).isTrue();
		assertThat(module.path("name").asString()).isEqualTo("Callbridge");
		assertThat(module.path("logo").asString()).isEqualTo("https://callbridge.example/images/callbridge.svg");
		assertThat(module.path("clientId").asString()).isEqualTo(CLIENT_ID);
		assertThat(module.path("baseUrl").asString()).isEqualTo("https://callbridge.example");
		assertThat(module.path("accountUrl").asString()).isEqualTo("https://callbridge.example/admin/crm/7");
		JsonNode telephony = module.path("integrations").path("telephony");
		assertThat(telephony.path("makeCallUrl").asString())
			.isEqualTo("https://callbridge.example/webhooks/crm/retailcrm/make-call");
		assertThat(telephony.path("changeUserStatusUrl").asString())
			.isEqualTo("https://callbridge.example/webhooks/crm/retailcrm/user-status");
		assertThat(telephony.path("allowEdit").asBoolean(true)).isFalse();
		assertThat(telephony.path("inputEventSupported").asBoolean()).isTrue();
		assertThat(telephony.path("outputEventSupported").asBoolean()).isTrue();
		assertThat(telephony.path("hangupEventSupported").asBoolean()).isTrue();
		// Only managers with both a user id and a code; user ids as numbers.
		assertThat(telephony.path("additionalCodes").toString())
			.isEqualTo("[{\"userId\":27,\"code\":\"101\"},{\"userId\":28,\"code\":\"102\"}]");
		assertThat(telephony.path("externalPhones").toString())
			.isEqualTo("[{\"siteCode\":\"main-store\",\"externalPhone\":\"+34910000099\"},"
					+ "{\"siteCode\":\"b2b\",\"externalPhone\":\"+34910000098\"}]");
	}

	@Test
	void registrationReportsTheUsersRetailCrmDoesNotHave() {
		CrmRegistrationResult result = this.connector.register(connection(this.crm.baseUrl()), secrets(), registration(
				new CrmManager(1, "27", "101"), new CrmManager(2, "404", "102"), new CrmManager(3, "anna", "103")));

		CrmRegistrationResult.Registered registered = (CrmRegistrationResult.Registered) result;
		assertThat(registered.status()).isEqualTo(201);
		// 404 is unknown to retailCRM; "anna" cannot be a retailCRM user and is not sent.
		assertThat(registered.unknownUserIds()).containsExactly("404", "anna");
		assertThat(registered.answer()).contains("notExistUsersIds");
		assertThat(this.crm.registrations().get(0).module().toString()).doesNotContain("anna");
	}

	@Test
	void registeringAgainUpdatesTheModule() {
		this.connector.register(connection(this.crm.baseUrl()), secrets(),
				registration(new CrmManager(1, "27", "101")));
		this.connector.register(connection(this.crm.baseUrl()), secrets(),
				registration(new CrmManager(1, "27", "201")));

		assertThat(this.crm.registrations()).hasSize(2);
		assertThat(this.crm.module(CODE).path("integrations").path("telephony").path("additionalCodes").toString())
			.contains("\"201\"")
			.doesNotContain("\"101\"");
	}

	@Test
	void aWrongKeyFailsTheRegistrationForGood() {
		CrmRegistrationResult result = this.connector.register(connection(this.crm.baseUrl()), secrets("not-the-key"),
				registration());

		CrmRegistrationResult.Failed failed = (CrmRegistrationResult.Failed) result;
		assertThat(failed.retryable()).isFalse();
		assertThat(failed.status()).isEqualTo(403);
		assertThat(failed.reason().english()).contains("does not accept the API key")
			.contains("Wrong \"apiKey\" value.");
		assertThat(spanish(failed.reason())).contains("no acepta la clave de API");
	}

	@Test
	void aBusyRetailCrmFailsTheRegistrationForNow() {
		this.crm.force(503);

		CrmRegistrationResult result = this.connector.register(connection(this.crm.baseUrl()), secrets(),
				registration());

		CrmRegistrationResult.Failed failed = (CrmRegistrationResult.Failed) result;
		assertThat(failed.retryable()).isTrue();
		assertThat(failed.status()).isEqualTo(503);
		assertThat(this.crm.requests()).hasSize(RetailCrmApi.TRIES);
	}

	@Test
	void aRefusedModuleListsRetailCrmsObjections() {
		CrmRegistrationResult result = this.connector.register(connection(this.crm.baseUrl()), secrets(),
				new io.callbridge.crm.CrmRegistration("not a url", "also not", java.util.List.of()));

		CrmRegistrationResult.Failed failed = (CrmRegistrationResult.Failed) result;
		assertThat(failed.retryable()).isFalse();
		assertThat(failed.status()).isEqualTo(400);
		assertThat(failed.reason().english()).contains("did not accept the data sent")
			.contains("Errors in the entity format")
			.contains("Its objections: ")
			.contains("baseUrl");
	}

	@Test
	void checkProvesTheKeyBeforeTheModuleIsRegistered() {
		CrmCheck check = this.connector.check(connection(this.crm.baseUrl()), secrets());

		assertThat(check).isInstanceOf(CrmCheck.Passed.class);
		assertThat(((CrmCheck.Passed) check).detail().english()).contains("accepted the API key")
			.contains("not registered yet");
		assertThat(this.crm.registrations()).isEmpty();
	}

	@Test
	void checkSaysWhenTheModuleIsRegistered() {
		this.connector.register(connection(this.crm.baseUrl()), secrets(), registration());

		CrmCheck check = this.connector.check(connection(this.crm.baseUrl()), secrets());

		assertThat(((CrmCheck.Passed) check).detail().english()).contains("is registered and active");
	}

	@Test
	void checkNamesTheKeyWhenRetailCrmRefusesIt() {
		CrmCheck check = this.connector.check(connection(this.crm.baseUrl()), secrets("wrong-key"));

		CrmCheck.Failed failed = (CrmCheck.Failed) check;
		assertThat(failed.field()).isEqualTo("apiKey");
		assertThat(failed.reason().english()).contains("Wrong \"apiKey\" value.");
	}

	@Test
	void checkNamesTheAddressWhenAWebPageAnswers() {
		this.connector.register(connection(this.crm.baseUrl()), secrets(), registration());
		this.crm.garbage("<!DOCTYPE html><html><body>Shop</body></html>");

		CrmCheck.Failed failed = (CrmCheck.Failed) this.connector.check(connection(this.crm.baseUrl()), secrets());

		assertThat(failed.field()).isEqualTo("baseUrl");
		assertThat(failed.reason().english()).contains("web page").contains("no retailCRM account exists there");
		assertThat(spanish(failed.reason())).contains("página web");
	}

	@Test
	void checkNamesTheSettingOutOfForm() {
		CrmCheck.Failed zone = (CrmCheck.Failed) this.connector
			.check(connection(this.crm.baseUrl(), Map.of("timeZone", "Mars/Olympus")), secrets());
		CrmCheck.Failed phones = (CrmCheck.Failed) this.connector
			.check(connection(this.crm.baseUrl(), Map.of("externalPhones", "main=+34910000099\nmain 34")), secrets());
		CrmCheck.Failed key = (CrmCheck.Failed) this.connector.check(connection(this.crm.baseUrl()), secrets(" "));

		assertThat(zone.field()).isEqualTo("timeZone");
		assertThat(zone.reason().english()).contains("Mars/Olympus");
		assertThat(phones.field()).isEqualTo("externalPhones");
		assertThat(phones.reason().english()).contains("Line 2").contains("main 34");
		assertThat(key.field()).isEqualTo("apiKey");
		assertThat(this.crm.requests()).isEmpty();
	}

	@Test
	void settingsAreCheckedAsTheyAreSaved() {
		assertThat(this.connector.checkSettings(Map.of("site", "main-store", "timeZone", "Europe/Moscow",
				"externalPhones", "main-store=+7 (495) 000-00-00")))
			.isEmpty();
		assertThat(this.connector.checkSettings(Map.of())).isEmpty();
		assertThat(this.connector.checkSettings(Map.of("site", "main store")).orElseThrow().field()).isEqualTo("site");
		assertThat(this.connector.checkSettings(Map.of("timeZone", "GMT+25")).orElseThrow().field())
			.isEqualTo("timeZone");
		CrmCheck.Failed phones = this.connector.checkSettings(Map.of("externalPhones", "main-store 749500000"))
			.orElseThrow();
		assertThat(phones.field()).isEqualTo("externalPhones");
		assertThat(spanish(phones.reason())).contains("La línea 1");
	}

	private static String spanish(Text text) {
		return text.in(RetailCrmTexts.MESSAGES, Locale.forLanguageTag("es"));
	}

}
