package io.callbridge.zadarma;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.AgentService;
import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.zadarma.ZadarmaCallPlayer.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Click-to-call through the whole application on a Zadarma account pointed at the
 * simulator: the agent asks the real API, Zadarma's callback comes back as
 * NOTIFY_OUT_START, NOTIFY_ANSWER, NOTIFY_OUT_END and NOTIFY_RECORD, the call is matched
 * to the request (agent and contact) and its recording is fetched from the simulator and
 * offered in the call page's player.
 */
@IntegrationTest
class ZadarmaClickToCallTests {

	private static final String SECRET = "zd-secret";

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

	private ZadarmaSimulator zadarma;

	private TelephonyAccount account;

	private TestUser agent;

	private Contact contact;

	@BeforeEach
	void agentOnAZadarmaAccountPointedAtTheSimulator() {
		this.zadarma = ZadarmaSimulator.start("zd-key", SECRET, SimulatedClock.startingNow(),
				ZoneId.of("Europe/Madrid"));
		long tenant = this.data.anyTenant();
		this.account = this.accounts.create(tenant, "zadarma", "Zadarma main", true,
				Map.of("timeZone", "Europe/Madrid", "baseUrl", this.zadarma.baseUrl().toString()),
				new Credentials(Map.of("key", "zd-key", "secret", SECRET)));
		this.agent = this.data.anyUser(tenant, Role.AGENT);
		this.agents.assignExtension(tenant, this.agent.id(), this.account.id(), "100");
		this.contact = this.data.anyContact(tenant, "Lucía Fernández", "+34 612 345 678");
		this.zadarma.pbx()
			.webhook("http://localhost:" + this.port + "/webhooks/zadarma/" + this.account.webhookToken());
	}

	@AfterEach
	void stopSimulator() {
		this.zadarma.close();
	}

	@Test
	void clickToCallEndsAsAnAnsweredOutboundCallOfTheAgentAndContactWithAPlayableRecording() throws Exception {
		this.zadarma.calls().recordCalls(true);
		this.zadarma.calls().callbackOutcome("answered", 42);

		JsonNode originated = this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "612 345 678", "contactId", this.contact.id()))
			.json(202);
		this.zadarma.awaitWebhooks(PATIENCE);

		assertThat(originated.path("accountId").asLong()).isEqualTo(this.account.id());
		assertThat(originated.path("extension").asString()).isEqualTo("100");
		assertThat(originated.path("number").asString()).isEqualTo("+34612345678");
		assertThat(this.zadarma.requests()).filteredOn((r) -> r.path().equals("/v1/request/callback/"))
			.singleElement()
			.satisfies((r) -> {
				assertThat(r.status()).isEqualTo(200);
				assertThat(r.params()).containsEntry("from", "100");
			});
		assertThat(this.zadarma.calls().sent()).extracting((s) -> s.fields().get("event"))
			.containsExactly("NOTIFY_OUT_START", "NOTIFY_ANSWER", "NOTIFY_OUT_END", "NOTIFY_RECORD");
		assertThat(this.zadarma.calls().sent()).extracting(Sent::status).containsOnly(200);
		String pbxCallId = this.zadarma.calls().sent().get(0).fields().get("pbx_call_id");
		JsonNode call = await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> findCall(pbxCallId).filter((c) -> "ENDED".equals(c.path("state").asString())),
					Optional::isPresent)
			.orElseThrow();
		assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(call.path("result").asString()).isEqualTo("ANSWERED");
		assertThat(call.path("talkSeconds").asInt()).isEqualTo(42);
		assertThat(call.path("originatedBy").asLong()).isEqualTo(this.agent.id());
		assertThat(call.path("agentId").asLong()).isEqualTo(this.agent.id());
		assertThat(call.path("contactId").asLong()).isEqualTo(this.contact.id());
		assertThat(call.path("externalNumber").asString()).isEqualTo("+34612345678");

		long callId = call.path("id").asLong();
		JsonNode recording = await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.api.as(this.agent.token()).get("/api/v1/calls/{id}/recording", callId).json(200),
					(r) -> !"PENDING".equals(r.path("status").asString()));
		assertThat(recording.path("status").asString()).as(recording.toString()).isEqualTo("AVAILABLE");
		String link = recording.path("link").asString();
		assertThat(link).startsWith(this.zadarma.baseUrl() + "/v1/pbx/record/download/");
		assertThat(this.zadarma.requests()).filteredOn((r) -> r.path().equals("/v1/pbx/record/request/"))
			.extracting(ZadarmaSimulator.Received::status)
			.contains(200);
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<byte[]> audio = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(audio.statusCode()).isEqualTo(200);
			assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		}
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		HttpResponse<String> player = ui.get("/calls/" + callId + "/recording/panel");
		assertThat(player.statusCode()).isEqualTo(200);
		assertThat(player.body()).contains("<audio").contains(link).contains("/calls/" + callId + "/recording");
	}

	private Optional<JsonNode> findCall(String providerCallId) {
		JsonNode page = this.api.as(this.agent.token()).get("/api/v1/calls").json(200);
		for (JsonNode call : page.path("items")) {
			if (providerCallId.equals(call.path("providerCallId").asString())) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

}
