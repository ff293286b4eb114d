package io.callbridge.uis.inbound;

import java.util.List;
import java.util.Map;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.AppliedReads;
import io.callbridge.calls.model.CallState;
import io.callbridge.shared.Role;
import io.callbridge.support.CallFactsRecorder;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisNotificationTemplates;
import io.callbridge.uis.UisSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls played by the UIS simulator, which substitutes the very templates of the setup
 * page as UIS does and posts them to the account's URLs: answered, transferred, missed,
 * delivered twice or out of order, and as GET notifications; every one is acknowledged
 * and each call ends as UIS played it.
 */
@IntegrationTest
@Import(UisInboundFakes.class)
class UisSimulatedCallsTests {

	private static final String SECRET = UisNotificationTests.SECRET;

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	Calls calls;

	@Autowired
	AppliedReads reads;

	@Autowired
	UisInboundFakes.RecordedFetches fetches;

	@Autowired
	CallFactsRecorder facts;

	private final UisSimulator uis = UisSimulator.start();

	private long tenant;

	private TelephonyAccount account;

	private TestUser ana;

	private TestUser luis;

	@BeforeEach
	void accountWhoseNotificationsAreConfiguredFromTheSetupPage() {
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, "uis", "UIS played", true, Map.of("timeZone", "Europe/Moscow"),
				new Credentials(Map.of("accessToken", "uis-token", "notificationSecret", SECRET)));
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
		relate(this.ana, 25);
		relate(this.luis, 26);
		this.uis.employees().add(25, "Anna", "Ivanova", "125", "79260000025");
		this.uis.employees().add(26, "Luis", "Garcia", "126", "79260000026");
		for (UisEventType type : UisEventType.values()) {
			this.uis.calls().configure(type.slug(), "POST", url(type.slug()), type.template());
		}
	}

	@AfterEach
	void stopTheSimulator() {
		this.uis.close();
	}

	@Test
	void anAnsweredCallEndsAnsweredByItsEmployeeWithItsRecording() {
		long id = this.uis.calls().inboundAnswered("79261112233", "74993720692", 25, 8, 90);

		assertEveryNotificationAcknowledged();
		Call call = callOf(id);
		assertThat(call.state()).isEqualTo(CallState.ENDED);
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.ana.id());
		assertThat(call.talkSeconds()).isEqualTo(90);
		assertThat(call.externalNumber()).isEqualTo("+79261112233");
		assertThat(call.recordingRef()).startsWith("http");
		assertThat(this.fetches.askedFor(this.account.id())).containsExactly(String.valueOf(id));
	}

	@Test
	void aTransferredCallEndsWithTheSecondEmployeeAndEachRingPopsOnce() {
		long id = this.uis.calls().transfer("79261112233", "74993720692", 25, 26, 20, 40);

		assertEveryNotificationAcknowledged();
		Call call = callOf(id);
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.luis.id());
		assertThat(call.talkSeconds()).isEqualTo(60);
		List<Object> facts = this.facts.of(call.id());
		assertThat(facts).filteredOn(CallRang.class::isInstance)
			.extracting((f) -> ((CallRang) f).agentId())
			.containsExactly(this.ana.id(), this.luis.id());
		assertThat(facts).filteredOn(CallTransferred.class::isInstance)
			.extracting((f) -> ((CallTransferred) f).agentId())
			.containsExactly(this.luis.id());
	}

	@Test
	void aMissedCallIsMissed() {
		long id = this.uis.calls().inboundMissed("79261112233", "74993720692", 30, 25, 26);

		assertEveryNotificationAcknowledged();
		Call call = callOf(id);
		assertThat(call.result()).isEqualTo(CallResult.MISSED);
		assertThat(call.agentId()).isNull();
	}

	@Test
	void repeatedAndLateNotificationsChangeNothing() {
		this.uis.calls().duplicateNext("waiting");
		this.uis.calls().duplicateNext("call-finished");
		this.uis.calls().holdNext("talk-started");

		long id = this.uis.calls().inboundAnswered("79261112233", "74993720692", 26, 5, 10);

		assertEveryNotificationAcknowledged();
		Call call = callOf(id);
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.luis.id());
		assertThat(call.talkSeconds()).isEqualTo(10);
		assertThat(this.facts.of(call.id())).filteredOn(CallRang.class::isInstance).hasSize(1);
	}

	@Test
	void getNotificationsWithQueryTemplatesWorkAlike() {
		for (UisEventType type : UisEventType.values()) {
			this.uis.calls()
				.configure(type.slug(), "GET", url(type.slug()), UisNotificationTemplates.queryTemplate(type.slug()));
		}

		long id = this.uis.calls().transfer("79261112233", "74993720692", 25, 26, 20, 40);

		assertEveryNotificationAcknowledged();
		Call call = callOf(id);
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.luis.id());
	}

	private void assertEveryNotificationAcknowledged() {
		assertThat(this.uis.calls().posted()).isNotEmpty()
			.allSatisfy((posted) -> assertThat(posted.status()).as(posted.slug() + " " + posted.body()).isEqualTo(200));
	}

	private String url(String slug) {
		return "http://localhost:" + this.port + "/webhooks/uis/" + this.account.webhookToken() + "/" + slug
				+ "?secret=" + SECRET;
	}

	private void relate(TestUser agent, long employeeId) {
		this.data.assignExtension(this.tenant, agent.id(), this.account.id(), String.valueOf(employeeId));
	}

	private Call callOf(long sessionId) {
		// In-process: waits for the events stored before it, as a user's request does.
		assertThat(this.reads.awaitApplied(this.tenant)).as("the tenant's events applied").isTrue();
		List<Call> all = this.calls.search(this.tenant, CallFilter.none(), 0, 50).items();
		assertThat(all).extracting(Call::providerCallId).containsExactly(String.valueOf(sessionId));
		return all.get(0);
	}

}
