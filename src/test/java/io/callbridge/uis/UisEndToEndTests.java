package io.callbridge.uis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.AgentService;
import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.calls.application.ReconciliationReport;
import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisNotificationSender.Posted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The UIS provider through the whole application against the {@link UisSimulator}: the
 * account's API addresses point at the simulator and its notifications are configured
 * from the account's setup page as an admin would. Click-to-call ends as a finished call
 * with a playable recording; a call whose notifications were lost is recovered by
 * reconciliation, once; an agent's status reaches their UIS employee; a point-limit
 * refusal is told clearly.
 */
@IntegrationTest
class UisEndToEndTests {

	static final String TOKEN = "uis-e2e-token";

	static final String SECRET = "uis-e2e-secret";

	static final String VIRTUAL_NUMBER = "74993720692";

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentService agents;

	@Autowired
	ApiClient api;

	@Autowired
	CallHistoryReconciliation reconciliation;

	private UisSimulator uis;

	private long tenant;

	private TelephonyAccount account;

	private TestUser ana;

	private Contact contact;

	@BeforeEach
	void agentOnAUisAccountConfiguredFromItsSetupPage() {
		this.uis = simulatorWithEmployees();
		this.tenant = this.data.anyTenant();
		this.account = uisAccount(this.accounts, this.tenant, this.uis);
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.agents.assignExtension(this.tenant, this.ana.id(), this.account.id(), "25");
		this.contact = this.data.anyContact(this.tenant, "Ivan Petrov", "+7 926 111 22 33");
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		UisSetupPage.configure(UiSession.logIn(this.port, admin.username(), admin.password()), this.account.id(),
				SECRET, this.uis);
	}

	@AfterEach
	void stopTheSimulator() {
		this.uis.close();
	}

	/**
	 * A simulator with a token, two employees with phones, and the account's virtual
	 * number.
	 */
	static UisSimulator simulatorWithEmployees() {
		UisSimulator uis = UisSimulator.start();
		uis.permanentToken(TOKEN);
		uis.employees().add(25, "Anna", "Ivanova", "125", "79260000025");
		uis.employees().add(26, "Luis", "Garcia", "126", "79260000026");
		uis.account().addVirtualNumber(VIRTUAL_NUMBER, "active");
		return uis;
	}

	/** A UIS account whose API addresses are the simulator's. */
	static TelephonyAccount uisAccount(TelephonyAccounts accounts, long tenant, UisSimulator uis) {
		return accounts.create(tenant, "uis", "UIS main", true,
				Map.of("timeZone", "Europe/Moscow", "callApiUrl", uis.callApiUrl().toString(), "dataApiUrl",
						uis.dataApiUrl().toString(), "virtualNumber", VIRTUAL_NUMBER),
				new Credentials(Map.of("accessToken", TOKEN, "notificationSecret", SECRET)));
	}

	@Test
	void clickToCallEndsAsAnAnsweredOutboundCallOfTheAgentAndContactWithAPlayableRecording() throws Exception {
		this.uis.calls().outboundOutcome(42);

		JsonNode originated = this.api.as(this.ana.token())
			.post("/api/v1/click-to-call", Map.of("number", "+7 926 111 22 33", "contactId", this.contact.id()))
			.json(202);
		this.uis.awaitCalls(PATIENCE);

		assertThat(this.uis.account().started()).singleElement().satisfies((params) -> {
			assertThat(params.path("employee").path("id").asLong()).isEqualTo(25);
			assertThat(params.path("contact").asString()).isEqualTo("79261112233");
			assertThat(params.path("virtual_phone_number").asString()).isEqualTo(VIRTUAL_NUMBER);
			assertThat(params.path("first_call").asString()).isEqualTo("employee");
		});
		String sessionId = originated.path("providerCallId").asString();
		assertThat(this.uis.calls().slugs(Long.parseLong(sessionId))).containsExactly("waiting", "call-outgoing",
				"talk-started", "talk-finished", "call-finished", "recording");
		assertThat(this.uis.calls().posted()).extracting(Posted::status).containsOnly(200);
		JsonNode call = awaitCall(sessionId, "ENDED");
		assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(call.path("result").asString()).isEqualTo("ANSWERED");
		assertThat(call.path("talkSeconds").asInt()).isEqualTo(42);
		assertThat(call.path("originatedBy").asLong()).isEqualTo(this.ana.id());
		assertThat(call.path("agentId").asLong()).isEqualTo(this.ana.id());
		assertThat(call.path("contactId").asLong()).isEqualTo(this.contact.id());
		assertThat(call.path("externalNumber").asString()).isEqualTo("+79261112233");
		long callId = call.path("id").asLong();
		JsonNode recording = await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.api.as(this.ana.token()).get("/api/v1/calls/{id}/recording", callId).json(200),
					(r) -> !"PENDING".equals(r.path("status").asString()));
		assertThat(recording.path("status").asString()).as(recording.toString()).isEqualTo("AVAILABLE");
		String link = recording.path("link").asString();
		assertThat(link).isEqualTo(this.uis.reports().calls().get(0).path("full_record_file_link").asString());
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<byte[]> audio = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(audio.statusCode()).isEqualTo(200);
			assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		}
		UiSession ui = UiSession.logIn(this.port, this.ana.username(), this.ana.password());
		HttpResponse<String> player = ui.get("/calls/" + callId + "/recording/panel");
		assertThat(player.statusCode()).isEqualTo(200);
		assertThat(player.body()).contains("<audio").contains("/calls/" + callId + "/recording");
	}

	@Test
	void callsWhoseNotificationsWereLostAreCompletedOrAddedByReconciliationOnlyOnce() {
		this.uis.calls().dropNext("call-finished");
		long halfLost = this.uis.calls().inboundAnswered("79261112233", VIRTUAL_NUMBER, 25, 8, 90);
		for (String slug : UisNotificationTemplates.SLUGS) {
			this.uis.calls().dropNext(slug);
		}
		long allLost = this.uis.calls().inboundMissed("79261114455", VIRTUAL_NUMBER, 30, 25);
		assertThat(this.uis.calls().slugs(allLost)).isEmpty();
		assertThat(awaitCall(String.valueOf(halfLost), "ANSWERED").path("state").asString()).isNotEqualTo("ENDED");

		Instant from = Instant.now().minus(Duration.ofHours(1));
		Instant to = Instant.now().plus(Duration.ofMinutes(10));
		ReconciliationReport first = this.reconciliation.reconcile(this.tenant, this.account.id(), from, to);
		ReconciliationReport second = this.reconciliation.reconcile(this.tenant, this.account.id(), from, to);

		assertThat(first.checked()).isEqualTo(2);
		assertThat(first.completed()).isEqualTo(1);
		assertThat(first.added()).isEqualTo(1);
		assertThat(second.added()).isZero();
		assertThat(second.completed()).isZero();
		assertThat(second.alreadyKnown()).isEqualTo(2);
		JsonNode completed = findCall(String.valueOf(halfLost)).orElseThrow();
		assertThat(completed.path("state").asString()).isEqualTo("ENDED");
		assertThat(completed.path("result").asString()).isEqualTo("ANSWERED");
		assertThat(completed.path("talkSeconds").asInt()).isEqualTo(90);
		JsonNode added = findCall(String.valueOf(allLost)).orElseThrow();
		assertThat(added.path("state").asString()).isEqualTo("ENDED");
		assertThat(added.path("result").asString()).isEqualTo("MISSED");
		assertThat(added.path("externalNumber").asString()).isEqualTo("+79261114455");
		assertThat(callsOf(String.valueOf(halfLost))).isEqualTo(1);
		assertThat(callsOf(String.valueOf(allLost))).isEqualTo(1);
	}

	@Test
	void anAgentsStatusReachesTheirUisEmployee() {
		this.api.as(this.ana.token()).put("/api/v1/me/status", Map.of("status", "BREAK")).json(200);

		await().atMost(PATIENCE)
			.until(() -> "break".equals(this.uis.employees().status(25)) && !this.uis.employees().callsAvailable(25));
		assertThat(this.uis.employees().status(26)).isEqualTo("available");

		this.api.as(this.ana.token()).put("/api/v1/me/status", Map.of("status", "AVAILABLE")).json(200);

		await().atMost(PATIENCE)
			.until(() -> "available".equals(this.uis.employees().status(25))
					&& this.uis.employees().callsAvailable(25));
		assertThat(this.uis.requests()).filteredOn((r) -> "update.employees".equals(r.method()))
			.extracting((r) -> r.params().path("id").asLong())
			.containsOnly(25L);
	}

	@Test
	void aPointLimitRefusalIsToldClearlyAndHoldsBackTheNextRequestLocally() {
		this.uis.forceLimitExceeded(UisSimulator.CALL, "minute");

		ApiResponse refused = this.api.as(this.ana.token())
			.post("/api/v1/click-to-call", Map.of("number", "+7 926 111 22 33", "contactId", this.contact.id()));
		ApiResponse again = this.api.as(this.ana.token())
			.post("/api/v1/click-to-call", Map.of("number", "+7 926 111 22 33", "contactId", this.contact.id()));

		assertThat(refused.status()).as(refused.body()).isBetween(400, 599);
		assertThat(refused.detail()).contains("UIS").containsIgnoringCase("points");
		assertThat(again.status()).as(again.body()).isBetween(400, 599);
		assertThat(again.detail()).contains("UIS").containsIgnoringCase("held back");
		List<UisSimulator.Received> starts = this.uis.requests()
			.stream()
			.filter((r) -> "start.employee_call".equals(r.method()))
			.toList();
		assertThat(starts).singleElement().satisfies((r) -> assertThat(r.error()).isEqualTo("limit_exceeded"));
		assertThat(this.uis.account().started()).isEmpty();
	}

	private JsonNode awaitCall(String providerCallId, String state) {
		return await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> findCall(providerCallId).filter((c) -> state.equals(c.path("state").asString())),
					Optional::isPresent)
			.orElseThrow();
	}

	private Optional<JsonNode> findCall(String providerCallId) {
		JsonNode page = this.api.as(this.ana.token()).get("/api/v1/calls").json(200);
		for (JsonNode call : page.path("items")) {
			if (providerCallId.equals(call.path("providerCallId").asString())) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

	private long callsOf(String providerCallId) {
		JsonNode page = this.api.as(this.ana.token()).get("/api/v1/calls").json(200);
		long count = 0;
		for (JsonNode call : page.path("items")) {
			if (providerCallId.equals(call.path("providerCallId").asString())) {
				count++;
			}
		}
		return count;
	}

}
