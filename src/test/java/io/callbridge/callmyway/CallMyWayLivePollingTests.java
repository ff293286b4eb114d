package io.callbridge.callmyway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.calls.application.ReconciliationReport;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.ProviderPolls;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CallMyWay's live calls polled by the running application against the simulator on real
 * time: a call rings at the agent on its EP, is answered, ends, and its CDR then
 * completes the same call — one call, not two — while the simulator never had to delay an
 * answer because it was polled too often. This class keeps CallMyWay's real 4-second rule
 * (the rest of the suite runs a compressed one) so the real spacing is proven end to end.
 * <p>
 * It runs in the H2 suite only (tag {@code h2-only}) and takes about half a minute: every
 * request is a real turn of 4.2 s, and while live polls keep coming a CDR page gets only
 * one turn in four ({@code RequestSlots.URGENT_RUN}), so the test spends no turn it does
 * not need: the account's endpoint list is read (as an admin assigning EPs reads it)
 * before polling starts, so the reconciliation finds it kept and asks only for its two
 * CDR pages. On PostgreSQL the same turns on the database's clock are checked by
 * {@code ProviderRequestSlotsTests} and, with the compressed spacing and the simulator
 * counting every early request, by {@link CallMyWayClickToDialEndToEndTests}; what this
 * class adds is the real 4 s, a matter of durations, not of the database.
 */
@IntegrationTest
@Tag("h2-only")
@TestPropertySource(properties = { "callbridge.callmyway.provider-spacing=4s",
		"callbridge.callmyway.request-spacing=4200ms", "callbridge.callmyway.poll-tick=1s" })
class CallMyWayLivePollingTests {

	private static final String EP = "8373456";

	// Each test its own CallMyWay username: turns are kept per username, so a test's
	// first request does not wait out the turn of the previous test's last request.
	private static final AtomicInteger USERNAMES = new AtomicInteger(8000100);

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TelephonyAccountService accountService;

	@Autowired
	Calls calls;

	@Autowired
	ProviderPolls polls;

	@Autowired
	CallHistoryReconciliation reconciliation;

	@Autowired
	ApiClient api;

	@LocalServerPort
	int port;

	private CallMyWaySimulator callmyway;

	private long tenant;

	private TelephonyAccount account;

	private TestUser agent;

	@BeforeEach
	void accountOnTheSimulator() {
		String username = String.valueOf(USERNAMES.getAndIncrement());
		this.callmyway = CallMyWaySimulator.start(username, "secret-pass", Clock.systemUTC(), ZoneOffset.UTC);
		this.callmyway.spacing(CallMyWaySimulator.SPACING);
		this.callmyway.account().endpoint("43702", EP);
		this.tenant = this.data.anyTenant();
		// Created disabled, so a test chooses when polling starts (see enable()).
		this.account = this.accounts.create(this.tenant, "callmyway", "CallMyWay", false,
				Map.of("baseUrl", this.callmyway.baseUrl().toString(), "timeZone", "UTC"),
				new Credentials(Map.of("username", username, "password", "secret-pass")));
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), EP);
	}

	@AfterEach
	void stop() {
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), false, this.account.settings(), null);
		this.callmyway.close();
	}

	@Test
	void aLiveCallRingsAtTheAgentIsAnsweredEndsAndItsCdrCompletesTheSameCall() {
		// The account's endpoint list, as an admin reads it to assign EPs: a real turn,
		// taken before polling starts, and the list the reconciliation below uses (kept
		// for endpoints-ttl) instead of spending a turn of its own.
		assertThat(this.accountService.endpoints(this.tenant, this.account.id()))
			.extracting(ProviderEndpoint::extension)
			.contains(EP);
		enable();
		String callId = this.callmyway.account().startInbound("612345678", EP);

		Call ringing = awaitCall(callId, (c) -> this.calls.participants(c.id()).contains(this.agent.id()));
		assertThat(ringing.direction()).isEqualTo(CallDirection.INBOUND);
		assertThat(ringing.state().name()).isEqualTo("RINGING");
		assertThat(ringing.externalNumber()).isEqualTo("+34612345678");

		this.callmyway.account().connect(callId);
		awaitCall(callId, (c) -> c.state().name().equals("ANSWERED"));
		this.callmyway.account().end(callId);
		Call ended = awaitCall(callId, (c) -> c.state().name().equals("ENDED"));
		assertThat(ended.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(ended.agentId()).isEqualTo(this.agent.id());

		ReconciliationReport report = this.reconciliation.reconcile(this.tenant, this.account.id(),
				Instant.now().minus(Duration.ofHours(1)), Instant.now().plusSeconds(60));

		assertThat(report.completed()).isEqualTo(1);
		assertThat(report.added()).isZero();
		assertThat(this.calls.search(this.tenant, CallFilter.none(), 0, 10).items()).hasSize(1);
		assertThat(byProviderId(callId).orElseThrow().cost()).isNotNull();
		assertThat(this.callmyway.penalty()).isEqualTo(Duration.ZERO);
		assertThat(this.polls.find(this.account.id(), "live").orElseThrow().lastError()).isNull();
	}

	@Test
	void pollingFailuresAreShownOnTheAccountsPageAndInTheApi() {
		this.callmyway.fault(CallMyWaySimulator.Fault.MALFORMED_JSON);
		enable();
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.polls.find(this.account.id(), "live").map(ProviderPolls.Row::lastError).orElse(null),
					(error) -> error != null);
		JsonNode polling = this.api.as(supervisor.token())
			.get("/api/v1/telephony-accounts/{id}/polling", this.account.id())
			.json(200);
		String page = UiSession.logIn(this.port, supervisor.username(), supervisor.password())
			.get("/admin/telephony")
			.body();

		assertThat(polling.get("lastError").asText()).isNotBlank().doesNotContain("secret-pass");
		assertThat(polling.get("interval").asText()).isNotBlank();
		assertThat(page).contains("The last poll failed:");
		assertThat(page).doesNotContain("secret-pass");
	}

	private void enable() {
		this.account = this.accounts.update(this.tenant, this.account.id(), this.account.name(), true,
				this.account.settings(), null);
	}

	private Call awaitCall(String callId, java.util.function.Predicate<Call> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> byProviderId(callId).orElse(null), (c) -> c != null && condition.test(c));
	}

	private Optional<Call> byProviderId(String callId) {
		return this.calls.search(this.tenant, CallFilter.none(), 0, 10)
			.items()
			.stream()
			.filter((c) -> c.providerCallId().equals(callId))
			.findFirst();
	}

}
