package io.callbridge.crm.retailcrm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.zadarma.SimulatedClock;
import io.callbridge.zadarma.ZadarmaSimulator;
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

/**
 * retailCRM through the whole application with Zadarma and CallMyWay as the telephony,
 * all simulated: their inbound calls pop up in the CRM for the agent's code, hang up and
 * reach the CRM's history (Zadarma's with a recording link that plays), and the CRM's
 * click-to-call rings through Zadarma.
 */
@IntegrationTest
@TestPropertySource(properties = RetailCrmUisEndToEndTests.RETRIES)
class RetailCrmProvidersEndToEndTests {

	private static final String KEY = RetailCrmUisEndToEndTests.KEY;

	private static final String ZADARMA_SECRET = "zd-secret";

	private static final String EP = "8373456";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	ApiClient api;

	private RetailCrmSimulator crm;

	private long tenant;

	private TestUser agent;

	private TestUser admin;

	private RetailCrmConnectionSteps steps;

	private ZadarmaSimulator zadarma;

	private CallMyWaySimulator callmyway;

	private TelephonyAccount callmywayAccount;

	@BeforeEach
	void aShopOnRetailCrm() {
		this.crm = RetailCrmSimulator.start(KEY);
		this.crm.user(27);
		this.tenant = this.data.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.steps = new RetailCrmConnectionSteps(this.api, this.admin.token(), this.port);
	}

	@AfterEach
	void stopTheSimulators() {
		this.crm.close();
		if (this.zadarma != null) {
			this.zadarma.close();
		}
		if (this.callmyway != null) {
			// Disabled, so the poller leaves the account alone once the simulator is
			// gone.
			this.accounts.update(this.tenant, this.callmywayAccount.id(), this.callmywayAccount.name(), false,
					this.callmywayAccount.settings(), null);
			this.callmyway.close();
		}
	}

	@Test
	void aZadarmaInboundCallPopsUpHangsUpAndIsUploadedWithARecordingLinkThatPlays() throws Exception {
		TelephonyAccount account = zadarmaAccount();
		long connection = connected(account, "100");
		this.zadarma.calls().recordCalls(true);

		String pbxCallId = this.zadarma.calls().playAnsweredInbound("34612345678", "34910000000", "100", 42);
		this.zadarma.awaitWebhooks(PATIENCE);
		String callId = awaitEnded(pbxCallId).path("id").asString();
		List<RetailCrmCall> uploads = await().atMost(PATIENCE)
			.until(() -> uploadsOf(callId), (u) -> u.stream().anyMatch((c) -> c.recordUrl() != null));

		assertThat(eventsOf(callId)).extracting(RetailCrmEvent::type).containsExactly("in", "hangup");
		assertThat(eventsOf(callId).get(0).codes()).containsExactly("100");
		assertThat(eventsOf(callId).get(0).userIds()).containsExactly(27);
		assertThat(eventsOf(callId).get(0).phone()).isEqualTo("+34612345678");
		assertThat(eventsOf(callId).get(1).hangupStatus()).isEqualTo("answered");
		RetailCrmCall first = uploads.get(0);
		assertThat(first.type()).isEqualTo("in");
		assertThat(first.result()).isEqualTo("answered");
		assertThat(first.duration()).isEqualTo(42);
		assertThat(first.code()).isEqualTo("100");
		String recordUrl = uploads.stream()
			.map(RetailCrmCall::recordUrl)
			.filter((u) -> u != null)
			.findFirst()
			.orElseThrow();
		try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
			// The upload may carry the link before the recording is fetched: it answers
			// 503 with Retry-After until then, and the CRM plays it again.
			HttpResponse<String> played = await().atMost(PATIENCE)
				.until(() -> http.send(HttpRequest.newBuilder(URI.create(recordUrl)).GET().build(),
						HttpResponse.BodyHandlers.ofString()), (answer) -> {
							if (answer.statusCode() == 503) {
								assertThat(answer.headers().firstValue("Retry-After")).isPresent();
								return false;
							}
							return true;
						});
			assertThat(played.statusCode()).as(played.body()).isEqualTo(302);
			assertThat(played.headers().firstValue("Location").orElseThrow())
				.startsWith(this.zadarma.baseUrl() + "/v1/pbx/record/download/");
		}
		assertThat(this.steps.settled(connection).path("deliveries").path("failed").asLong()).isZero();
	}

	@Test
	void aRecordingArrivingAfterTheUploadIsUploadedAgainAndTheDuplicateHarmsNothing() {
		TelephonyAccount account = zadarmaAccount();
		long connection = connected(account, "100");
		this.zadarma.calls().recordCalls(false);

		String pbxCallId = this.zadarma.calls().playAnsweredInbound("34612345678", "34910000000", "100", 42);
		this.zadarma.awaitWebhooks(PATIENCE);
		String callId = awaitEnded(pbxCallId).path("id").asString();
		await().atMost(PATIENCE).until(() -> uploadsOf(callId).size() == 1);
		this.steps.settled(connection);
		assertThat(uploadsOf(callId).get(0).recordUrl()).isNull();

		this.zadarma.calls().playRecording(pbxCallId, "1712345678.123456");
		this.zadarma.awaitWebhooks(PATIENCE);
		List<RetailCrmCall> uploads = await().atMost(PATIENCE).until(() -> uploadsOf(callId), (u) -> u.size() == 2);

		assertThat(uploads.get(1).recordUrl())
			.startsWith("http://localhost:" + this.port + "/webhooks/crm/recordings/");
		assertThat(uploads.get(1).result()).isEqualTo("answered");
		assertThat(this.crm.uploads().get(this.crm.uploads().size() - 1).duplicateCalls()).containsExactly(callId);
		// retailCRM kept the first upload (the simulator's default: duplicates do not
		// update)
		assertThat(this.crm.calls().get(callId).recordUrl()).isNull();
		JsonNode settled = this.steps.settled(connection);
		assertThat(settled.path("deliveries").path("failed").asLong()).isZero();
		assertThat(settled.path("deliveries").path("lastError").isNull()).as(settled.toString()).isTrue();
		assertThat(eventsOf(callId)).extracting(RetailCrmEvent::type).containsExactly("in", "hangup");
	}

	@Test
	void theCrmsClickToCallRingsTheAgentThroughZadarma() {
		TelephonyAccount account = zadarmaAccount();
		long connection = connected(account, "100");
		this.zadarma.calls().callbackOutcome("answered", 25);

		RetailCrmCallback answer = this.crm.makeCall(27, "100", "+34 612 345 678", null);
		this.zadarma.awaitWebhooks(PATIENCE);

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(this.zadarma.requests()).filteredOn((r) -> r.path().equals("/v1/request/callback/"))
			.singleElement()
			.satisfies((r) -> {
				assertThat(r.status()).isEqualTo(200);
				assertThat(r.params()).containsEntry("from", "100");
				assertThat(r.params().get("to")).endsWith("34612345678");
			});
		List<RetailCrmCall> uploads = await().atMost(PATIENCE)
			.until(() -> this.crm.uploads().stream().flatMap((u) -> u.calls().stream()).toList(), (u) -> !u.isEmpty());
		assertThat(uploads.get(0).type()).isEqualTo("out");
		assertThat(uploads.get(0).code()).isEqualTo("100");
		assertThat(uploads.get(0).duration()).isEqualTo(25);
		assertThat(eventsOf(uploads.get(0).externalId())).extracting(RetailCrmEvent::type)
			.containsExactly("out", "hangup");
		this.steps.settled(connection);
	}

	@Test
	void aCallMyWayInboundCallPopsUpHangsUpAndIsUploaded() {
		this.callmyway = CallMyWaySimulator.start("8000100", "secret-pass", Clock.systemUTC(), ZoneOffset.UTC);
		this.callmyway.account().endpoint("43702", EP);
		this.callmywayAccount = this.accounts.create(this.tenant, "callmyway", "CallMyWay", true,
				Map.of("baseUrl", this.callmyway.baseUrl().toString(), "timeZone", "UTC"),
				new Credentials(Map.of("username", "8000100", "password", "secret-pass")));
		long connection = connected(this.callmywayAccount, EP);

		String providerCallId = this.callmyway.account().startInbound("612345678", EP);
		String ringingId = awaitCall(providerCallId, (c) -> true).path("id").asString();
		// the pop-up comes while the call still rings
		await().atMost(PATIENCE).until(() -> eventsOf(ringingId).size() == 1);
		this.callmyway.account().connect(providerCallId);
		awaitCall(providerCallId, (c) -> "ANSWERED".equals(c.path("state").asString()));
		this.callmyway.account().end(providerCallId);
		String callId = awaitEnded(providerCallId).path("id").asString();
		List<RetailCrmCall> uploads = await().atMost(PATIENCE).until(() -> uploadsOf(callId), (u) -> !u.isEmpty());

		assertThat(eventsOf(callId)).extracting(RetailCrmEvent::type).containsExactly("in", "hangup");
		assertThat(eventsOf(callId).get(0).codes()).containsExactly(EP);
		assertThat(eventsOf(callId).get(0).phone()).isEqualTo("+34612345678");
		assertThat(uploads.get(0).result()).isEqualTo("answered");
		assertThat(uploads.get(0).code()).isEqualTo(EP);
		assertThat(uploads.get(0).type()).isEqualTo("in");
		assertThat(this.steps.settled(connection).path("deliveries").path("failed").asLong()).isZero();
	}

	private TelephonyAccount zadarmaAccount() {
		this.zadarma = ZadarmaSimulator.start("zd-key", ZADARMA_SECRET, SimulatedClock.startingNow(),
				ZoneId.of("Europe/Madrid"));
		TelephonyAccount account = this.accounts.create(this.tenant, "zadarma", "Zadarma main", true,
				Map.of("timeZone", "Europe/Madrid", "baseUrl", this.zadarma.baseUrl().toString()),
				new Credentials(Map.of("key", "zd-key", "secret", ZADARMA_SECRET)));
		this.zadarma.pbx().webhook("http://localhost:" + this.port + "/webhooks/zadarma/" + account.webhookToken());
		return account;
	}

	/**
	 * The agent on the account with this extension, related to CRM user 27, connected.
	 */
	private long connected(TelephonyAccount account, String extension) {
		this.data.assignExtension(this.tenant, this.agent.id(), account.id(), extension);
		long connection = this.steps.create(this.crm, KEY, false, account.id());
		this.steps.managers(connection, Map.of(this.agent.id(), "27"));
		this.steps.connected(connection);
		return connection;
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

	private JsonNode awaitEnded(String providerCallId) {
		return awaitCall(providerCallId, (c) -> "ENDED".equals(c.path("state").asString()));
	}

	private JsonNode awaitCall(String providerCallId, java.util.function.Predicate<JsonNode> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> findCall(providerCallId).filter(condition), Optional::isPresent)
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
