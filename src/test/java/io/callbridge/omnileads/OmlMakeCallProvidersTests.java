package io.callbridge.omnileads;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Predicate;

import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.omnileads.OmlFixture.Scene;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OMniLeads' {@code makeCall} through real providers' simulators: the agent's Zadarma or
 * CallMyWay account originates the call, which ends in the history with the campaign, the
 * agent and the contact.
 */
@IntegrationTest
class OmlMakeCallProvidersTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	OmlFixture fixture;

	@Autowired
	ApiClient api;

	@Test
	void throughZadarma() {
		try (ZadarmaSimulator zadarma = ZadarmaSimulator.start("zd-key", "zd-secret", SimulatedClock.startingNow(),
				ZoneId.of("Europe/Madrid"))) {
			long tenant = this.data.anyTenant();
			TelephonyAccount account = this.accounts.create(tenant, "zadarma", "Zadarma main", true,
					Map.of("timeZone", "Europe/Madrid", "baseUrl", zadarma.baseUrl().toString()),
					new Credentials(Map.of("key", "zd-key", "secret", "zd-secret")));
			TestUser agent = this.data.anyUser(tenant, Role.AGENT);
			this.data.assignExtension(tenant, agent.id(), account.id(), "100");
			zadarma.pbx().webhook("http://localhost:" + this.port + "/webhooks/zadarma/" + account.webhookToken());
			zadarma.calls().callbackOutcome("answered", 30);
			Scene scene = this.fixture.scene(tenant, agent);

			makeCall(scene);
			zadarma.awaitWebhooks(Duration.ofSeconds(15));

			JsonNode call = awaitCall(scene, (c) -> "ENDED".equals(c.path("state").asString()));
			assertThat(call.path("accountId").asLong()).isEqualTo(account.id());
			assertThat(call.path("agentId").asLong()).isEqualTo(agent.id());
			assertCarriesTheTrinity(scene, call);
		}
	}

	@Test
	void throughCallMyWay() {
		try (CallMyWaySimulator callmyway = CallMyWaySimulator.start("8000100", "secret-pass", Clock.systemUTC(),
				ZoneOffset.UTC)) {
			callmyway.account().endpoint("43702", "8373456").endpoint("43703", "8373499");
			long tenant = this.data.anyTenant();
			TelephonyAccount account = this.accounts.create(tenant, "callmyway", "CallMyWay", true,
					Map.of("baseUrl", callmyway.baseUrl().toString(), "timeZone", "UTC", "callerIdentities", "8373499"),
					new Credentials(Map.of("username", "8000100", "password", "secret-pass")));
			try {
				TestUser agent = this.data.anyUser(tenant, Role.AGENT);
				this.data.assignExtension(tenant, agent.id(), account.id(), "8373456");
				Scene scene = this.fixture.scene(tenant, agent);

				makeCall(scene);

				assertThat(callmyway.account().clickToDials()).singleElement()
					.satisfies((dial) -> assertThat(dial.firstNum()).isEqualTo("8373456"));
				String callId = callmyway.account().clickToDials().get(0).callId();
				JsonNode call = awaitCall(scene,
						(c) -> callId.equals(c.path("providerCallId").asString()) && !c.path("originatedBy").isNull());
				assertThat(call.path("accountId").asLong()).isEqualTo(account.id());
				assertCarriesTheTrinity(scene, call);
			}
			finally {
				// Disabled, so the poller leaves the account alone once the simulator is
				// gone.
				this.accounts.update(tenant, account.id(), account.name(), false, account.settings(), null);
			}
		}
	}

	private void makeCall(Scene scene) {
		OmlClient agent = OmlSession.loggedIn(this.port, scene.base(), scene.agent());
		assertThat(agent.postJson(scene.base() + "makeCall/",
				Map.of("idExternalSystem", String.valueOf(scene.system().id()), "idCampaign", "c1", "idAgent",
						"id_ag_1", "idContact", "c1", "phone", "612000111"))
			.json(200)).hasToString("{\"status\":\"OK\"}");
	}

	private JsonNode awaitCall(Scene scene, Predicate<JsonNode> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.api.as(scene.agent().token())
				.get("/api/v1/calls?campaignId={id}", scene.campaign().id())
				.json(200)
				.path("items")
				.path(0), (call) -> !call.isMissingNode() && condition.test(call));
	}

	private static void assertCarriesTheTrinity(Scene scene, JsonNode call) {
		assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(call.path("campaignId").asLong()).isEqualTo(scene.campaign().id());
		assertThat(call.path("originatedBy").asLong()).isEqualTo(scene.agent().id());
		assertThat(call.path("contactId").asLong()).isEqualTo(scene.contact().id());
		assertThat(call.path("externalNumber").asString()).isEqualTo("+34612000111");
	}

}
