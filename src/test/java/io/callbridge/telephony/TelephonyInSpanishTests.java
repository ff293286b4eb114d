package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeAvailabilityProvider;
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
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What telephony shows a Spanish reader: the provider names and credential labels of the
 * account form, an account check, a click-to-call refusal through the API, and the stored
 * errors of a poll and of a history run; and the same in English.
 */
@IntegrationTest
class TelephonyInSpanishTests {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	// Nothing listens on port 1 of the loopback: Zadarma "cannot be reached" at once.
	private static final String NOWHERE = "http://127.0.0.1:1";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TelephonyProviders providers;

	@Autowired
	ProviderPolls polls;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	private long tenant;

	private TestUser admin;

	@BeforeEach
	void tenantWithAdmin() {
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@Test
	void everyProviderHasItsNameAndCredentialLabelsInBothLanguages() {
		for (TelephonyProvider provider : this.providers.all()) {
			// The test doubles' labels are literals, not messages.
			if (provider.key().equals(FakeTelephonyProvider.KEY)
					|| provider.key().equals(FakeAvailabilityProvider.KEY)) {
				continue;
			}
			for (Locale locale : new Locale[] { Locale.ENGLISH, SPANISH }) {
				assertThatCode(() -> resolve(provider.label(), locale)).as(provider.key()).doesNotThrowAnyException();
				for (String field : provider.credentialFields()) {
					assertThatCode(() -> resolve(provider.credentialLabel(field), locale)).as(field)
						.doesNotThrowAnyException();
				}
			}
		}
	}

	@Test
	void theAccountFormNamesTheProviderAndItsCredentialsInSpanish() {
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		String choice = ui.get("/admin/telephony/new?lang=es").body();
		String form = ui.get("/admin/telephony/new?provider=zadarma").body();

		assertThat(choice).contains("Centralita de pruebas (simulada)").doesNotContain("Sandbox PBX (simulated)");
		assertThat(form).contains(">Clave de API<").contains(">Secreto de API<").contains("Configuración → API");
	}

	@Test
	void theAccountFormStaysEnglishForAnEnglishReader() {
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());

		String choice = ui.get("/admin/telephony/new?lang=en").body();
		String form = ui.get("/admin/telephony/new?provider=callmyway").body();

		assertThat(choice).contains("Sandbox PBX (simulated)");
		assertThat(form).contains(">Username<").contains(">Password<");
	}

	@Test
	void anAccountCheckReadsInSpanish() {
		TelephonyAccount account = unreachableZadarma("Zadarma lejana");
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		ui.get("/admin/telephony?lang=es");

		String checks = ui.postForm("/admin/telephony/" + account.id() + "/checks", Map.of()).body();

		assertThat(checks).contains(">Clave y secreto de API<")
			.contains(">Saldo<")
			.contains("No se pudo contactar con Zadarma")
			.contains("No comprobado: no se pudo contactar con Zadarma")
			.doesNotContain("could not be reached");
	}

	@Test
	void theChecksApiAnswersInTheRequestedLanguage() {
		TelephonyAccount account = unreachableZadarma("Zadarma API");
		ApiClient.Caller caller = this.api.as(this.admin.token());

		JsonNode spanish = caller.speaking("es")
			.post("/api/v1/telephony-accounts/{id}/checks", Map.of(), account.id())
			.json(200);
		JsonNode english = caller.post("/api/v1/telephony-accounts/{id}/checks", Map.of(), account.id()).json(200);

		assertThat(spanish.get(0).get("name").asText()).isEqualTo("Clave y secreto de API");
		assertThat(spanish.get(0).get("detail").asText()).startsWith("No se pudo contactar con Zadarma");
		assertThat(english.get(0).get("name").asText()).isEqualTo("API key and secret");
		assertThat(english.get(0).get("detail").asText()).startsWith("Zadarma could not be reached");
	}

	@Test
	void theProviderListNamesProvidersInTheReadersLanguage() {
		ApiClient.Caller caller = this.api.as(this.admin.token());

		String spanish = caller.speaking("es").get("/api/v1/telephony-providers").json(200).toString();
		String english = caller.get("/api/v1/telephony-providers").json(200).toString();

		assertThat(spanish).contains("\"name\":\"Centralita de pruebas (simulada)\"");
		assertThat(english).contains("\"name\":\"Sandbox PBX (simulated)\"");
	}

	@Test
	void aClickToCallRefusalIsAProblemInSpanish() {
		TelephonyAccount account = unreachableZadarma("Zadarma para llamar");
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, agent.id(), account.id(), "100");
		TestUser without = this.data.anyUser(this.tenant, Role.AGENT);
		Map<String, Object> call = Map.of("number", "612 345 678");

		JsonNode refused = this.api.as(agent.token()).speaking("es").post("/api/v1/click-to-call", call).problem(502);
		JsonNode noExtension = this.api.as(without.token())
			.speaking("es")
			.post("/api/v1/click-to-call", call)
			.problem(422);
		JsonNode english = this.api.as(without.token()).post("/api/v1/click-to-call", call).problem(422);

		assertThat(refused.get("detail").asText()).startsWith("Zadarma rechazó la llamada: No se pudo contactar");
		assertThat(noExtension.get("detail").asText()).contains("No tiene extensión en ninguna cuenta");
		assertThat(english.get("detail").asText()).contains("You have no extension");
	}

	@Test
	void theSandboxShowsItsCallsAndRefusalsInSpanish() {
		TestUser agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "110");
		ApiClient.Caller caller = this.api.as(agent.token()).speaking("es");
		JsonNode call = caller
			.post("/api/v1/sandbox/calls", Map.of("from", "699 555 111", "extension", "110", "scenario", "MANUAL"))
			.json(201);
		UiSession ui = UiSession.logIn(this.port, agent.username(), agent.password());

		String calls = ui.get("/sandbox/calls?lang=es").body();
		String refusal = caller
			.post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "999"), call.path("id").asString())
			.problem(422)
			.get("detail")
			.asString();
		caller.post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call.path("id").asString()).hasStatus(200);

		assertThat(calls).contains(">Entrante<").contains(">sonando<");
		assertThat(refusal).isEqualTo("La extensión 999 no está sonando para esta llamada.");
	}

	@Test
	void aStoredPollErrorIsShownInTheReadersLanguage() {
		TelephonyAccount account = this.accounts.create(this.tenant, "callmyway", "CallMyWay sondeo", false, Map.of(),
				null);
		ProviderPolls.Claim claim = this.polls.claimIfDue(account.id(), "live", Duration.ofSeconds(4)).orElseThrow();
		this.polls.failed(claim, Text.of("callmyway.unreachable", "/call/live", "Connection refused"),
				Duration.ofSeconds(4), Duration.ofMinutes(1));
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		UiSession ui = UiSession.logIn(this.port, supervisor.username(), supervisor.password());

		String page = ui.get("/admin/telephony?lang=es").body();
		JsonNode spanish = this.api.as(supervisor.token())
			.speaking("es")
			.get("/api/v1/telephony-accounts/{id}/polling", account.id())
			.json(200);
		JsonNode english = this.api.as(supervisor.token())
			.get("/api/v1/telephony-accounts/{id}/polling", account.id())
			.json(200);

		assertThat(page).contains("No se pudo contactar con CallMyWay para /call/live: Connection refused.");
		assertThat(spanish.get("lastError").asText())
			.isEqualTo("No se pudo contactar con CallMyWay para /call/live: Connection refused.");
		assertThat(english.get("lastError").asText())
			.isEqualTo("CallMyWay could not be reached for /call/live: Connection refused.");
	}

	@Test
	void aStoredHistoryErrorIsShownInSpanishAndAnOldPlainOneAsItIs() {
		TelephonyAccount stored = unreachableZadarma("Zadarma historial");
		TelephonyAccount old = unreachableZadarma("Zadarma antigua");
		historyError(stored, StoredText
			.store(Text.of("zadarma.unreachable", "GET", "/v1/statistics/", "java.net.ConnectException"), 4000));
		historyError(old, "Zadarma could not be reached for GET /v1/statistics/: refused.");
		ApiClient.Caller caller = this.api.as(this.admin.token()).speaking("es");
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		ui.get("/admin/telephony?lang=es");

		String page = ui.get("/admin/telephony/" + stored.id() + "/history").body();
		String spanish = caller.get("/api/v1/telephony-accounts/{id}/reconciliation", stored.id())
			.json(200)
			.get("lastError")
			.asText();
		String plain = caller.get("/api/v1/telephony-accounts/{id}/reconciliation", old.id())
			.json(200)
			.get("lastError")
			.asText();

		assertThat(page).contains("No se pudo contactar con Zadarma para GET /v1/statistics/");
		assertThat(spanish)
			.isEqualTo("No se pudo contactar con Zadarma para GET /v1/statistics/: " + "java.net.ConnectException.");
		assertThat(plain).isEqualTo("Zadarma could not be reached for GET /v1/statistics/: refused.");
	}

	private TelephonyAccount unreachableZadarma(String name) {
		return this.accounts.create(this.tenant, "zadarma", name, true, Map.of("baseUrl", NOWHERE),
				new Credentials(Map.of("key", "k-" + name.hashCode(), "secret", "s")));
	}

	private void historyError(TelephonyAccount account, String lastError) {
		this.jdbc.sql("""
				INSERT INTO call_history_syncs (account_id, next_run_at, last_run_at, last_error)
				VALUES (?, ?, ?, ?)""")
			.params(account.id(), java.sql.Timestamp.from(Instant.now().plus(Duration.ofHours(1))),
					java.sql.Timestamp.from(Instant.now()), lastError)
			.update();
	}

	private String resolve(Text text, Locale locale) {
		String key = text.key();
		if (key == null) {
			throw new NoSuchMessageException("(literal)", locale);
		}
		return this.messages.getMessage(key, text.getArguments(), locale);
	}

}
