package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.callbridge.agents.AgentService;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.AppliedReads;
import io.callbridge.calls.model.CallState;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.AccountChecker;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallHistorySource;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.TelephonyProviders;
import io.callbridge.telephony.WebhookRegistrar;
import io.callbridge.zadarma.SimulatedClock;
import io.callbridge.zadarma.ZadarmaCallPlayer.Sent;
import io.callbridge.zadarma.ZadarmaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with a Zadarma account pointed at the simulator: the adapter
 * registers the real webhook (Zadarma's {@code zd_echo} check included), a click-to-call
 * comes back as signed notifications that become a call record, and the statistics report
 * inbound calls under the ids their webhooks carried.
 */
@IntegrationTest
class ZadarmaOutboundIntegrationTests {

	private static final Credentials CREDENTIALS = new Credentials(Map.of("key", "zd-key", "secret", "zd-secret"));

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TelephonyProviders providers;

	@Autowired
	AgentService agents;

	@Autowired
	Calls calls;

	@Autowired
	AppliedReads reads;

	private ZadarmaSimulator zadarma;

	private long tenant;

	private TelephonyAccount account;

	private TestUser ana;

	private TelephonyProvider provider;

	@BeforeEach
	void zadarmaAccountOnTheSimulator() {
		this.zadarma = ZadarmaSimulator.start("zd-key", "zd-secret", SimulatedClock.startingNow(),
				ZoneId.of("Europe/Madrid"));
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, "zadarma", "Zadarma main", true,
				Map.of("timeZone", "Europe/Madrid", "baseUrl", this.zadarma.baseUrl().toString()), CREDENTIALS);
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.agents.assignExtension(this.tenant, this.ana.id(), this.account.id(), "100");
		this.provider = this.providers.get("zadarma");
	}

	@AfterEach
	void stopSimulator() {
		this.zadarma.close();
	}

	@Test
	void clickToCallThroughARegisteredWebhookEndsAsAnAnsweredOutboundCall() {
		String summary = ((WebhookRegistrar) this.provider).registerWebhook(this.account, CREDENTIALS, webhookUrl())
			.english();
		List<AccountCheck> checks = ((AccountChecker) this.provider).check(this.account, CREDENTIALS, webhookUrl());

		OriginateResult result = this.provider.originate(this.account, CREDENTIALS,
				new OriginateRequest("100", "+34612345678", null));
		this.zadarma.awaitWebhooks(Duration.ofSeconds(10));

		assertThat(summary).contains(webhookUrl().toString());
		assertThat(checks).allSatisfy((c) -> assertThat(c.passed()).as(c.code() + ": " + c.detail()).isTrue());
		assertThat(result).isEqualTo(new OriginateResult.Accepted(null));
		assertThat(this.zadarma.calls().sent()).extracting(Sent::status).containsOnly(200).hasSize(3);
		Call call = onlyCall();
		assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(call.state()).isEqualTo(CallState.ENDED);
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.ana.id());
		assertThat(call.talkSeconds()).isEqualTo(30);
	}

	@Test
	void statisticsReportInboundCallsUnderTheIdsOfTheirWebhooks() {
		this.zadarma.pbx().webhook(webhookUrl().toString());
		this.data.anyContact(this.tenant, "Lucía Fernández", "+34 612 345 678");
		Instant before = this.zadarma.clock().instant();

		String id = this.zadarma.calls().playAnsweredInbound("34612345678", "34910000000", "100", 42);
		List<HistoricCall> history = ((CallHistorySource) this.provider).callsBetween(this.account, CREDENTIALS, before,
				before.plusSeconds(60));

		assertThat(this.zadarma.calls().startReplies()).singleElement()
			.asString()
			.contains("\"caller_name\":\"Lucía Fernández\"");
		Call call = onlyCall();
		assertThat(call.providerCallId()).isEqualTo(id);
		assertThat(history).singleElement().satisfies((h) -> {
			assertThat(h.providerCallId()).isEqualTo(call.providerCallId());
			assertThat(h.result()).isEqualTo(call.result());
			assertThat(h.extension()).isEqualTo("100");
			assertThat(h.startedAt()).isEqualTo(call.startedAt());
			assertThat(h.talkSeconds()).isEqualTo(call.talkSeconds());
		});
	}

	private URI webhookUrl() {
		return URI.create("http://localhost:" + this.port + "/webhooks/zadarma/" + this.account.webhookToken());
	}

	private Call onlyCall() {
		// In-process: waits for the events stored before it, as a user's request does.
		assertThat(this.reads.awaitApplied(this.tenant)).as("the tenant's events applied").isTrue();
		List<Call> all = this.calls.search(this.tenant, CallFilter.none(), 0, 50).items();
		assertThat(all).hasSize(1);
		return all.get(0);
	}

}
