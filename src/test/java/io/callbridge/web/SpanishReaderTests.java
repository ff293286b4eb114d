package io.callbridge.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server itself writes, read by someone who speaks Spanish (Accept-Language on
 * the API, the language cookie in the UI): validation and import errors, "not found", the
 * seeded call outcomes and the first admin's name, and the same in English.
 */
@IntegrationTest
class SpanishReaderTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	Tenants tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Test
	void apiValidationErrorsAreInTheLanguageOfAcceptLanguage() {
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);
		Map<String, Object> invalid = Map.of("name", " ", "email", "nowhere", "phones", new String[] { "12ab" });

		JsonNode spanish = this.api.as(agent.token())
			.speaking("es-ES,es;q=0.9")
			.post("/api/v1/contacts", invalid)
			.problem(422, "invalid-input");
		JsonNode english = this.api.as(agent.token())
			.speaking("en")
			.post("/api/v1/contacts", invalid)
			.problem(422, "invalid-input");

		assertThat(spanish.path("detail").asString()).contains("El nombre es obligatorio.")
			.contains("«nowhere» no es una dirección de correo electrónico.")
			.contains("«12ab» no es un número de teléfono");
		assertThat(english.path("detail").asString()).contains("The name is required.")
			.contains("'nowhere' is not an e-mail address.")
			.contains("'12ab' is not a phone number");
	}

	@Test
	void beanValidationOfARequestBodyIsInTheReadersLanguage() {
		TestUser admin = this.data.anyUser(this.data.anyTenant(), Role.ADMIN);
		Map<String, Object> blank = Map.of("username", "", "displayName", "Ana", "role", "AGENT");

		JsonNode spanish = this.api.as(admin.token())
			.speaking("es")
			.post("/api/v1/agents", blank)
			.problem(400, "bad-request");
		JsonNode english = this.api.as(admin.token()).post("/api/v1/agents", blank).problem(400, "bad-request");

		assertThat(spanish.path("errors").get(0).path("message").asString()).isEqualTo("username no puede estar vacío");
		assertThat(english.path("errors").get(0).path("message").asString()).isEqualTo("username must not be blank");
	}

	@Test
	void aRoleRefusalNamesTheRoleInTheReadersLanguage() {
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);
		Map<String, Object> newAgent = Map.of("username", "nuevo", "displayName", "Nuevo", "role", "AGENT");

		String spanish = this.api.as(agent.token())
			.speaking("es")
			.post("/api/v1/agents", newAgent)
			.problem(403, "forbidden")
			.path("detail")
			.asString();
		String english = this.api.as(agent.token())
			.post("/api/v1/agents", newAgent)
			.problem(403, "forbidden")
			.path("detail")
			.asString();

		assertThat(spanish).isEqualTo("Esta acción requiere el rol administrador (ADMIN).");
		assertThat(english).isEqualTo("This action needs the ADMIN role.");
	}

	@Test
	void notFoundIsInTheReadersLanguageOnTheApiAndOnPages() {
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);
		UiSession ui = UiSession.logIn(this.port, agent.username(), agent.password());

		String apiSpanish = this.api.as(agent.token())
			.speaking("es")
			.get("/api/v1/contacts/999999999")
			.problem(404, "not-found")
			.path("detail")
			.asString();
		String apiEnglish = this.api.as(agent.token())
			.get("/api/v1/contacts/999999999")
			.problem(404, "not-found")
			.path("detail")
			.asString();
		String pageEnglish = ui.get("/no-such-page", "Accept", "text/html").body();
		ui.get("/console?lang=es");
		HttpResponse<String> missingPage = ui.get("/no-such-page", "Accept", "text/html");
		HttpResponse<String> missingRecord = ui.get("/contacts/999999999", "Accept", "text/html");

		assertThat(apiSpanish).isEqualTo("No se encontró el contacto 999999999.");
		assertThat(apiEnglish).isEqualTo("Contact 999999999 was not found.");
		assertThat(missingPage.statusCode()).isEqualTo(404);
		assertThat(missingPage.body()).contains("404 No encontrado").contains("Esta página no existe.");
		assertThat(pageEnglish).contains("404 Not Found").contains("This page does not exist.");
		assertThat(missingRecord.statusCode()).isEqualTo(404);
		assertThat(missingRecord.body()).contains("No se encontró el contacto 999999999.");
	}

	@Test
	void csvImportErrorsAreInSpanishForASpanishReader() {
		TestUser admin = this.data.anyUser(this.data.anyTenant(), Role.ADMIN);
		UiSession ui = UiSession.logIn(this.port, admin.username(), admin.password());
		String csv = "name,phones,email\nBuena Fila,612 345 678,\nMala Fila,12ab,\n,612 345 679,x\n";

		ui.get("/contacts/import");
		String english = ui.awaitImport(ui.postFile("/contacts/import", "file", "contacts.csv", csv)).body();
		ui.get("/contacts/import?lang=es");
		String spanish = ui.awaitImport(ui.postFile("/contacts/import", "file", "contacts.csv", csv)).body();

		assertThat(spanish).contains("«12ab» no es un número de teléfono")
			.contains("El nombre es obligatorio.")
			.contains("«x» no es una dirección de correo electrónico.")
			.doesNotContain("is not a phone number");
		assertThat(english).contains("&#39;12ab&#39; is not a phone number").contains("The name is required.");
	}

	@Test
	void seededOutcomesShowInTheReadersLanguageUntilAnAdminRenamesThem() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);

		assertThat(labels(admin, "es")).contains("Interesado", "No interesado", "Volver a llamar más tarde",
				"Promesa de pago", "Número equivocado");
		assertThat(labels(admin, "en")).contains("Interested", "Not interested", "Call back later", "Payment promise",
				"Wrong number");

		// Saved as the Spanish form shows it: still the seeded, translated label.
		this.api.as(admin.token())
			.speaking("es")
			.put("/api/v1/disposition-outcomes/interested", Map.of("label", "Interesado", "position", 1))
			.hasStatus(200);
		assertThat(labels(admin, "en")).contains("Interested");

		// Renamed: the admin's own words, in every language.
		this.api.as(admin.token())
			.put("/api/v1/disposition-outcomes/wrong-number", Map.of("label", "Número erróneo", "position", 5))
			.hasStatus(200);
		assertThat(labels(admin, "en")).contains("Número erróneo").doesNotContain("Wrong number");
		assertThat(labels(admin, "es")).contains("Número erróneo").doesNotContain("Número equivocado");
	}

	@Test
	void theDispositionFormOfACallShowsTheSeededOutcomesInSpanish() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		long callId = anEndedCallOf(tenant, agent);
		UiSession ui = UiSession.logIn(this.port, agent.username(), agent.password());

		String english = ui.get("/calls/" + callId).body();
		String spanish = ui.get("/calls/" + callId + "?lang=es").body();

		assertThat(spanish).contains(">Interesado<").contains(">Volver a llamar más tarde<");
		assertThat(english).contains(">Interested<").contains(">Call back later<");
	}

	@Test
	void theFirstAdminOfATenantIsNamedInTheOperatorsLanguage() {
		TestUser operator = this.data.anyUser(this.tenants.defaultTenant().id(), Role.ADMIN);

		String spanish = displayNameOfFirstAdmin(operator, "es");
		String english = displayNameOfFirstAdmin(operator, "en");

		assertThat(spanish).isEqualTo("Administrador");
		assertThat(english).isEqualTo("Administrator");
	}

	private String displayNameOfFirstAdmin(TestUser operator, String language) {
		String slug = "sp-" + UUID.randomUUID().toString().substring(0, 8);
		long id = this.api.as(operator.token())
			.speaking(language)
			.post("/api/v1/tenants",
					Map.of("slug", slug, "name", "Org " + slug, "defaultRegion", "ES", "timeZone", "Europe/Madrid",
							"currency", "EUR", "adminUsername", "jefa", "adminPassword", "secret-" + slug))
			.json(201)
			.path("id")
			.asLong();
		return this.jdbc.sql("SELECT display_name FROM users WHERE tenant_id = ? AND username = 'jefa'")
			.param(id)
			.query(String.class)
			.single();
	}

	private String labels(TestUser user, String language) {
		return this.api.as(user.token()).speaking(language).get("/api/v1/disposition-outcomes?all=true").body();
	}

	private long anEndedCallOf(long tenant, TestUser agent) {
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.data.assignExtension(tenant, agent.id(), account.id(), "7102");
		String providerCallId = "fake-" + UUID.randomUUID();
		for (CallEventType type : new CallEventType[] { CallEventType.RINGING, CallEventType.ANSWERED,
				CallEventType.ENDED }) {
			this.sink.accept(ProviderCallEvent.of(account.id(), providerCallId, type, Instant.now())
				.direction(CallDirection.INBOUND)
				.externalNumber("+34612000778")
				.extension("7102")
				.result((type == CallEventType.ENDED) ? CallResult.ANSWERED : null)
				.build());
		}
		return this.jdbc.sql("SELECT id FROM calls WHERE provider_call_id = ?")
			.param(providerCallId)
			.query(Long.class)
			.single();
	}

}
