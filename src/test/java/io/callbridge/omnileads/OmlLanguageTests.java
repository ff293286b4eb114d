package io.callbridge.omnileads;

import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language of the OMniLeads-compatible API, as OMniLeads' Django chooses it: Spanish
 * by default, OMniLeads' own English when {@code Accept-Language} prefers English before
 * any other language OMniLeads offers; languages Callbridge does not speak (OMniLeads'
 * Portuguese) fall back to Spanish.
 */
@IntegrationTest
class OmlLanguageTests {

	private static final String LOGIN = "/omnileads/api/v1/login/";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	Tenants tenants;

	@Test
	void spanishIsTheDefault() {
		assertThat(missingUsername(new OmlClient(this.port))).isEqualTo("Este campo es obligatorio.");
	}

	@Test
	void englishWhenAcceptLanguagePrefersIt() {
		assertThat(missingUsername(new OmlClient(this.port).language("en-US,en;q=0.9,es;q=0.8")))
			.isEqualTo("This field is required.");
		assertThat(missingUsername(new OmlClient(this.port).language("fr-FR, en;q=0.5")))
			.isEqualTo("This field is required.");
	}

	@Test
	void spanishWhenAnotherOfferedLanguageComesFirstOrNoneIsOffered() {
		assertThat(missingUsername(new OmlClient(this.port).language("es-AR, en;q=0.5")))
			.isEqualTo("Este campo es obligatorio.");
		assertThat(missingUsername(new OmlClient(this.port).language("pt-BR, en;q=0.5")))
			.isEqualTo("Este campo es obligatorio.");
		assertThat(missingUsername(new OmlClient(this.port).language("fr, de")))
			.isEqualTo("Este campo es obligatorio.");
	}

	@Test
	void listingsMessagesFollowTheLanguage() {
		TestUser supervisor = this.data.anyUser(this.tenants.defaultTenant().id(), Role.SUPERVISOR);
		OmlClient client = OmlSession.loggedIn(this.port, supervisor);

		assertThat(client.get("/omnileads/api/v1/agents_external_system/").json(200).path("message").asString())
			.isEqualTo("Se obtuvieron los agentes de forma exitosa");
		assertThat(client.language("en")
			.get("/omnileads/api/v1/agents_external_system/")
			.json(200)
			.path("message")
			.asString()).isEqualTo("Agents fetched successfully");
	}

	@Test
	void aLanguageCookieOfCallbridgesUiIsIgnored() {
		OmlClient client = new OmlClient(this.port).header("Cookie", "callbridge-lang=en");

		assertThat(missingUsername(client)).isEqualTo("Este campo es obligatorio.");
	}

	private static String missingUsername(OmlClient client) {
		return client.postJson(LOGIN, Map.of("password", "x")).json(400).path("username").path(0).asString();
	}

}
