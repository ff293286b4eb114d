package io.callbridge.crm.retailcrm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.AgentService;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisSetupPage;
import io.callbridge.uis.UisSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static io.callbridge.crm.retailcrm.RetailCrmConnectionSteps.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * retailCRM through the whole application with UIS as the telephony, both simulated: a
 * connection made through the API registers the integration with our URLs and the
 * managers' codes; a UIS inbound call becomes retailCRM's pop-up for the agent's code,
 * its hangup and its history entry with a recording link that plays; the CRM's
 * click-to-call rings through UIS and its status change reaches the UIS employee;
 * strangers and unknown managers are refused; the CRM being down only delays deliveries;
 * and routing asks the CRM for the caller's manager.
 */
@IntegrationTest
@TestPropertySource(properties = RetailCrmUisEndToEndTests.RETRIES)
class RetailCrmUisEndToEndTests {

	// Its call uploads are retried on the RETRIES schedule until the CRM double takes
	// them. On PostgreSQL the suite's other cached contexts share one database as nodes
	// with the default schedule, and one of them could claim an upload and give up on
	// it sooner.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "retailcrm_uis");
	}

	/**
	 * Retries every 150 ms for about 6 s, so an outage of a second or two is ridden out.
	 */
	static final String RETRIES = "callbridge.webhooks.retry-schedule=150ms,150ms,150ms,150ms,150ms,150ms,150ms,"
			+ "150ms,150ms,150ms,150ms,150ms,150ms,150ms,150ms,150ms,150ms,150ms,150ms,150ms,"
			+ "300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms";

	static final String KEY = "retailcrm-e2e-key";

	static final String TOKEN = "uis-e2e-token";

	static final String SECRET = "uis-e2e-secret";

	static final String VIRTUAL_NUMBER = "74993720692";

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

	private UisSimulator uis;

	private RetailCrmSimulator crm;

	private TelephonyAccount account;

	private TestUser ana;

	private TestUser luis;

	private TestUser admin;

	private RetailCrmConnectionSteps steps;

	@BeforeEach
	void agentsOnAUisAccountAndAShopOnRetailCrm() {
		this.uis = UisSimulator.start();
		this.uis.permanentToken(TOKEN);
		this.uis.employees().add(25, "Anna", "Ivanova", "125", "79260000025");
		this.uis.employees().add(26, "Luis", "Garcia", "126", "79260000026");
		this.uis.account().addVirtualNumber(VIRTUAL_NUMBER, "active");
		long tenant = this.data.anyTenant();
		this.account = this.accounts.create(tenant, "uis", "UIS main", true,
				Map.of("timeZone", "Europe/Moscow", "callApiUrl", this.uis.callApiUrl().toString(), "dataApiUrl",
						this.uis.dataApiUrl().toString(), "virtualNumber", VIRTUAL_NUMBER),
				new Credentials(Map.of("accessToken", TOKEN, "notificationSecret", SECRET)));
		this.ana = this.data.anyUser(tenant, Role.AGENT);
		this.luis = this.data.anyUser(tenant, Role.AGENT);
		this.agents.assignExtension(tenant, this.ana.id(), this.account.id(), "25");
		this.agents.assignExtension(tenant, this.luis.id(), this.account.id(), "26");
		this.admin = this.data.anyUser(tenant, Role.ADMIN);
		UisSetupPage.configure(UiSession.logIn(this.port, this.admin.username(), this.admin.password()),
				this.account.id(), SECRET, this.uis);
		this.crm = RetailCrmSimulator.start(KEY);
		this.crm.user(27);
		this.crm.user(28);
		this.steps = new RetailCrmConnectionSteps(this.api, this.admin.token(), this.port);
	}

	@AfterEach
	void stopTheSimulators() {
		this.uis.close();
		this.crm.close();
	}

	@Test
	void anInboundCallPopsUpForTheAgentsCodeHangsUpAndIsUploadedWithARecordingLinkThatPlays() throws Exception {
		long connection = connectedWithAnaAndLuis(false);

		long session = this.uis.calls().inboundAnswered("79261112233", VIRTUAL_NUMBER, 25, 8, 90);
		JsonNode call = awaitCall(String.valueOf(session), "ENDED");
		String callId = call.path("id").asString();
		List<RetailCrmCall> uploads = await().atMost(PATIENCE)
			.until(() -> uploadsOf(callId), (u) -> u.stream().anyMatch((c) -> c.recordUrl() != null));

		assertThat(eventsOf(callId)).extracting(RetailCrmEvent::type).containsExactly("in", "hangup");
		RetailCrmEvent in = eventsOf(callId).get(0);
		assertThat(in.phone()).isEqualTo("+79261112233");
		assertThat(in.codes()).containsExactly("25");
		assertThat(in.userIds()).containsExactly(27);
		assertThat(in.externalPhone()).isIn(VIRTUAL_NUMBER, "+" + VIRTUAL_NUMBER);
		assertThat(in.notExistCodes()).isEmpty();
		assertThat(eventsOf(callId).get(1).hangupStatus()).isEqualTo("answered");
		RetailCrmCall first = uploads.get(0);
		assertThat(first.type()).isEqualTo("in");
		assertThat(first.result()).isEqualTo("answered");
		assertThat(first.duration()).isEqualTo(90);
		// UIS counts the second in the scenario before the eight ringing
		assertThat(first.durationWaiting()).isEqualTo(9).isEqualTo(call.path("ringSeconds").asInt());
		assertThat(first.code()).isEqualTo("25");
		assertThat(first.phone()).isEqualTo("+79261112233");
		String recordUrl = uploads.stream()
			.map(RetailCrmCall::recordUrl)
			.filter((u) -> u != null)
			.findFirst()
			.orElseThrow();
		assertThat(recordUrl).startsWith("http://localhost:" + this.port + "/webhooks/crm/recordings/" + callId + "?");
		String providerLink = recordingLink(call.path("id").asLong());
		try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
			HttpResponse<String> played = http.send(HttpRequest.newBuilder(URI.create(recordUrl)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(played.statusCode()).as(played.body()).isEqualTo(302);
			assertThat(played.headers().firstValue("Location")).hasValue(providerLink);
			HttpResponse<String> forged = http.send(
					HttpRequest.newBuilder(URI.create(recordUrl.replaceAll("s=[^&]+", "s=forged"))).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(forged.statusCode()).isEqualTo(403);
		}
		// When the recording came after the first upload, it was uploaded again and
		// retailCRM called that a duplicate (whether it came after depends on timing; the
		// Zadarma tests make it come after).
		List<RetailCrmUpload> ofCall = this.crm.uploads()
			.stream()
			.filter((u) -> u.calls().get(0).externalId().equals(callId))
			.toList();
		assertThat(ofCall.subList(1, ofCall.size()))
			.allSatisfy((u) -> assertThat(u.duplicateCalls()).containsExactly(callId));
		JsonNode settled = this.steps.settled(connection);
		assertThat(settled.path("deliveries").path("failed").asLong()).isZero();
		assertThat(this.crm.refused()).isZero();
	}

	@Test
	void connectingRegistersOurUrlsAndTheManagersCodes() {
		long connection = connectedWithAnaAndLuis(false);

		RetailCrmRegistration registration = this.crm.registrations().get(0);
		JsonNode telephony = registration.module().path("integrations").path("telephony");
		String base = "http://localhost:" + this.port;
		assertThat(registration.module().path("active").asBoolean()).isTrue();
		assertThat(telephony.path("makeCallUrl").asString()).startsWith(base + "/");
		assertThat(telephony.path("changeUserStatusUrl").asString()).startsWith(base + "/");
		assertThat(telephony.path("additionalCodes").toString()).contains("{\"userId\":27,\"code\":\"25\"}")
			.contains("{\"userId\":28,\"code\":\"26\"}");
		assertThat(registration.notExistUsersIds()).isEmpty();
		assertThat(this.steps.get(connection).path("registration").path("unknownUserIds")).isEmpty();
	}

	@Test
	void theCrmsClickToCallRingsTheAgentThroughUisAndTheCallComesBackToTheCrm() {
		long connection = connectedWithAnaAndLuis(false);
		this.uis.calls().outboundOutcome(30);

		RetailCrmCallback answer = this.crm.makeCall(27, "25", "+7 926 111-22-33", null);
		this.uis.awaitCalls(PATIENCE);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(this.uis.account().started()).singleElement().satisfies((params) -> {
			assertThat(params.path("employee").path("id").asLong()).isEqualTo(25);
			assertThat(params.path("contact").asString()).isEqualTo("79261112233");
			assertThat(params.path("virtual_phone_number").asString()).isEqualTo(VIRTUAL_NUMBER);
		});
		List<RetailCrmCall> uploads = await().atMost(PATIENCE)
			.until(() -> this.crm.uploads().stream().flatMap((u) -> u.calls().stream()).toList(), (u) -> !u.isEmpty());
		String callId = uploads.get(0).externalId();
		assertThat(uploads.get(0).type()).isEqualTo("out");
		assertThat(uploads.get(0).code()).isEqualTo("25");
		assertThat(uploads.get(0).result()).isEqualTo("answered");
		assertThat(uploads.get(0).duration()).isEqualTo(30);
		assertThat(eventsOf(callId)).extracting(RetailCrmEvent::type).containsExactly("out", "hangup");
		assertThat(eventsOf(callId).get(0).codes()).containsExactly("25");
		this.steps.settled(connection);
	}

	@Test
	void theCrmsStatusChangeReachesTheUisEmployee() {
		connectedWithAnaAndLuis(false);

		RetailCrmCallback answer = this.crm.changeUserStatus(27, "25", "break");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		await().atMost(PATIENCE).until(() -> "break".equals(this.uis.employees().status(25)));
		// (assigning the extensions pushed both agents' availability before)
		assertThat(this.uis.requests()).filteredOn((r) -> "update.employees".equals(r.method()))
			.filteredOn((r) -> "break".equals(r.params().path("status").asString()))
			.extracting((r) -> r.params().path("id").asLong())
			.containsOnly(25L);
		assertThat(this.uis.employees().status(26)).isEqualTo("available");
	}

	@Test
	void aStrangersClientIdIsForbiddenAndAnUnknownManagerNotFound() {
		connectedWithAnaAndLuis(false);

		RetailCrmCallback stranger = this.crm.makeCallAs("not-our-client", 27, "25", "+79261112233", null);
		RetailCrmCallback strangerStatus = this.crm.changeUserStatusAs("not-our-client", 27, "25", "break");
		RetailCrmCallback unknown = this.crm.makeCall(99, "999", "+79261112233", null);
		RetailCrmCallback unknownStatus = this.crm.changeUserStatus(99, "999", "busy");

		assertThat(stranger.status()).isEqualTo(403);
		assertThat(strangerStatus.status()).isEqualTo(403);
		assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
		assertThat(unknownStatus.status()).as(unknownStatus.body()).isEqualTo(404);
		assertThat(this.uis.account().started()).isEmpty();
		assertThat(this.uis.employees().status(25)).isEqualTo("available");
		assertThat(this.uis.requests()).filteredOn((r) -> "update.employees".equals(r.method()))
			.noneMatch((r) -> r.params().path("status").asString("available").matches("break|do_not_disturb"));
	}

	@Test
	void aWrongApiKeyFailsTheRegistrationWithTheCrmsMessage() {
		long connection = this.steps.create(this.crm, "wrong-key", false, this.account.id());
		this.steps.managers(connection, Map.of(this.ana.id(), "27"));

		JsonNode answered = this.steps.connect(connection);

		JsonNode registration = answered.path("registration");
		assertThat(registration.path("state").asString()).as(answered.toString()).isEqualTo("FAILED");
		assertThat(registration.path("message").asString() + registration.path("answer").asString())
			.contains("Wrong \"apiKey\" value.");
		assertThat(this.steps.get(connection).path("registration").path("state").asString()).isEqualTo("FAILED");
		assertThat(this.crm.registrations()).isEmpty();
		assertThat(this.crm.refused("Wrong \"apiKey\" value.")).isEqualTo(1);
	}

	@Test
	void whileRetailCrmIsDownOrRefusingDeliveriesWaitAndThenArriveInOrderOnce() {
		this.uis.calls().recordCalls(false);
		long connection = connectedWithAnaAndLuis(false);
		this.crm.down();

		long session = this.uis.calls().inboundAnswered("79261112233", VIRTUAL_NUMBER, 25, 3, 20);
		String callId = awaitCall(String.valueOf(session), "ENDED").path("id").asString();
		await().atMost(PATIENCE).until(() -> this.crm.refused("down") >= 2);
		// then the front proxy answers with its own page, then retailCRM says "too many"
		this.crm.downHtml();
		await().atMost(PATIENCE).until(() -> this.crm.refused("down") >= 4);
		this.crm.up();
		this.crm.refuseNext(2, 429);
		await().atMost(PATIENCE).until(() -> this.crm.refused("forced") >= 2);

		await().atMost(PATIENCE).until(() -> uploadsOf(callId).size() == 1);
		JsonNode settled = this.steps.settled(connection);
		assertThat(eventsOf(callId)).extracting(RetailCrmEvent::type).containsExactly("in", "hangup");
		assertThat(uploadsOf(callId)).hasSize(1);
		List<String> taken = this.crm.requests()
			.stream()
			.filter((r) -> !r.refused() && r.path().contains("/telephony/"))
			.map((r) -> r.path().substring(r.path().lastIndexOf('/') + 1))
			.toList();
		assertThat(taken).containsExactly("event", "event", "upload");
		assertThat(settled.path("deliveries").path("failed").asLong()).isZero();
	}

	@Test
	void aCodeTheCrmDoesNotKnowIsFlaggedOnTheConnection() {
		this.uis.calls().recordCalls(false);
		this.crm.user(27);
		long connection = this.steps.create(this.crm, KEY, false, this.account.id());
		// 77 is no user of this CRM: retailCRM keeps no code for it
		this.steps.managers(connection, Map.of(this.ana.id(), "27", this.luis.id(), "77"));
		JsonNode connected = this.steps.connected(connection);

		long session = this.uis.calls().inboundAnswered("79261112233", VIRTUAL_NUMBER, 26, 2, 10);
		String callId = awaitCall(String.valueOf(session), "ENDED").path("id").asString();
		await().atMost(PATIENCE).until(() -> uploadsOf(callId).size() == 1);

		assertThat(connected.path("registration").path("unknownUserIds").toString()).contains("77");
		assertThat(eventsOf(callId).get(0).notExistCodes()).containsExactly("26");
		JsonNode flagged = await().atMost(PATIENCE)
			.until(() -> this.steps.get(connection), (c) -> c.path("unknownCodes").toString().contains("26"));
		assertThat(flagged.path("unknownCodes").toString()).doesNotContain("25");
	}

	@Test
	void routingAsksTheCrmForTheCallersManagerAndSendsTheCallToTheirPhones() throws Exception {
		connectedWithAnaAndLuis(true);
		this.api.as(this.admin.token()).get("/api/v1/telephony-accounts/{id}/endpoints", this.account.id()).json(200);
		this.crm.directory("+79261112233", RetailCrmManager.free(28, "Luis", "26"), null);

		HttpResponse<String> known = route("79261112233", "9001");
		HttpResponse<String> unknown = route("79260000999", "9002");

		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(known.body()).startsWith("{\"phones\":[\"79260000026\"]");
		assertThat(unknown.body()).isEqualTo("{\"returned_code\":2}");
		assertThat(this.crm.lookups()).hasSize(2);
	}

	long connectedWithAnaAndLuis(boolean responsibleFromCrm) {
		long connection = this.steps.create(this.crm, KEY, responsibleFromCrm, this.account.id());
		this.steps.managers(connection, Map.of(this.ana.id(), "27", this.luis.id(), "28"));
		this.steps.connected(connection);
		return connection;
	}

	private HttpResponse<String> route(String caller, String session) throws Exception {
		URI uri = URI.create(
				"http://localhost:" + this.port + "/webhooks/uis/" + this.account.webhookToken() + "/routing?secret="
						+ SECRET + "&numa=" + caller + "&numb=" + VIRTUAL_NUMBER + "&call_session_id=" + session);
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private List<RetailCrmEvent> eventsOf(String callId) {
		return this.crm.events().stream().filter((e) -> callId.equals(e.callExternalId())).toList();
	}

	private List<RetailCrmCall> uploadsOf(String callId) {
		return this.crm.uploads()
			.stream()
			.flatMap((u) -> u.calls().stream())
			.filter((c) -> callId.equals(c.externalId()))
			.toList();
	}

	private String recordingLink(long callId) {
		JsonNode recording = await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.api.as(this.ana.token()).get("/api/v1/calls/{id}/recording", callId).json(200),
					(r) -> "AVAILABLE".equals(r.path("status").asString()));
		return recording.path("link").asString();
	}

	private JsonNode awaitCall(String providerCallId, String state) {
		return await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> findCall(providerCallId).filter((c) -> state.equals(c.path("state").asString())),
					Optional::isPresent)
			.orElseThrow();
	}

	private Optional<JsonNode> findCall(String providerCallId) {
		JsonNode page = this.api.as(this.admin.token()).get("/api/v1/calls").json(200);
		for (JsonNode call : page.path("items")) {
			if (providerCallId.equals(call.path("providerCallId").asString())) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

}
