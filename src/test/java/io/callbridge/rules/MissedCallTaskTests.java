package io.callbridge.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.records.Task;
import io.callbridge.records.Tasks;
import io.callbridge.shared.Role;
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
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Call-back tasks for missed calls: one per call even when its completion is delivered
 * concurrently or again, completed automatically when the provider's record shows the
 * call was answered after all, created (and flagged) when nobody can be assigned, never
 * for calls imported from before the account was connected, and titled in each reader's
 * language.
 */
@IntegrationTest
class MissedCallTaskTests {

	private static final String EP = "8373456";

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TelephonyAccountService accountService;

	@Autowired
	Calls calls;

	@Autowired
	Tasks tasks;

	@Autowired
	Agents agents;

	@Autowired
	Tenants tenants;

	@Autowired
	CallEventSink sink;

	@Autowired
	CallEndRules rules;

	@Autowired
	CallHistoryReconciliation reconciliation;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@LocalServerPort
	int port;

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	private CallMyWaySimulator callmyway;

	private long tenant;

	private TestUser agent;

	@BeforeEach
	void tenantWithAnAgent() {
		this.tenant = this.data.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
	}

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
		if (this.callmyway != null) {
			this.callmyway.close();
		}
	}

	@Test
	void aCallAnsweredBetweenTwoPollsGetsATaskThatItsCdrCompletes() {
		this.callmyway = CallMyWaySimulator.start("8000100", "secret-pass", Clock.systemUTC(), ZoneOffset.UTC);
		this.callmyway.account().endpoint("43702", EP);
		TelephonyAccount account = this.accounts.create(this.tenant, "callmyway", "CallMyWay", false,
				Map.of("baseUrl", this.callmyway.baseUrl().toString(), "timeZone", "UTC", "missedCallTasks", "true"),
				new Credentials(Map.of("username", "8000100", "password", "secret-pass")));
		// The account's endpoint list read (as an admin assigning EPs reads it) before
		// polling starts: the reconciliation below finds it kept (endpoints-ttl) and
		// reads only its CDR pages, each waiting for the one turn in four the live
		// polls leave it.
		assertThat(this.accountService.endpoints(this.tenant, account.id())).extracting(ProviderEndpoint::extension)
			.contains(EP);
		this.accounts.update(this.tenant, account.id(), account.name(), true, account.settings(), null);
		this.data.assignExtension(this.tenant, this.agent.id(), account.id(), EP);
		this.data.anyContact(this.tenant, "Marta Gil", this.agent.id(), "+34 612 345 678");
		try {
			String callId = this.callmyway.account().startInbound("612345678", EP);
			await().atMost(Duration.ofSeconds(30)).until(() -> byProviderId(callId).isPresent());
			// Answered and hung up before the next poll: the poller only sees it gone.
			this.callmyway.account().connect(callId);
			this.callmyway.account().end(callId);
			Call ended = await().atMost(Duration.ofSeconds(30))
				.until(() -> byProviderId(callId).orElseThrow(), (c) -> c.state().name().equals("ENDED"));
			assertThat(ended.result()).isEqualTo(CallResult.MISSED);
			Task task = await().atMost(Duration.ofSeconds(15)).until(() -> taskOf(ended), Optional::isPresent).get();
			assertThat(task.open()).isTrue();
			assertThat(task.assigneeId()).isEqualTo(this.agent.id());

			this.reconciliation.reconcile(this.tenant, account.id(), Instant.now().minus(Duration.ofHours(1)),
					Instant.now().plusSeconds(60));

			Call corrected = byProviderId(callId).orElseThrow();
			assertThat(corrected.result()).isEqualTo(CallResult.ANSWERED);
			Task completed = await().atMost(Duration.ofSeconds(15))
				.until(() -> taskOf(ended).orElseThrow(), (t) -> !t.open());
			assertThat(completed.completionNote()).contains("answered after all");
			assertThat(this.callmyway.penalty()).isEqualTo(Duration.ZERO);
		}
		finally {
			this.accounts.update(this.tenant, account.id(), account.name(), false, account.settings(), null);
		}
	}

	@Test
	void concurrentAndRepeatedCompletionsOfAMissedCallMakeOneTask() throws Exception {
		// The call ends while the rule is off; then its completion is delivered eight
		// times
		// at once with the rule on, so no task exists yet when they race.
		TelephonyAccount account = fakeAccount(Map.of("missedCallTasks", "false"));
		this.data.agentService().setDefaultResponsible(this.tenant, this.agent.id());
		// No wait needed before switching the rule on: the end-of-call rules run inside
		// the end's transaction (CallEndRules), so they have run, with the rule off.
		Call call = missedCall(account, Instant.now().minusSeconds(60));
		this.accounts.update(this.tenant, account.id(), account.name(), true, Map.of("missedCallTasks", "true"), null);
		assertThat(taskOf(call)).isEmpty();
		CallEnded again = new CallEnded(this.tenant, call.id(), call.version(), CallResult.MISSED, null, false,
				Instant.now());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> runs = new ArrayList<>();

		for (int i = 0; i < 8; i++) {
			runs.add(this.threads.submit(() -> {
				start.await();
				this.rules.on(again);
				return null;
			}));
		}
		start.countDown();
		for (Future<?> run : runs) {
			run.get(30, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(15)).until(() -> taskOf(call), Optional::isPresent);
		// A quiet period, not a wait: a second task made later (a run deferred or
		// retried after commit) would have appeared by now.
		Thread.sleep(2000);

		assertThat(this.tasks.list(this.tenant, null, false)
			.stream()
			.filter((t) -> Long.valueOf(call.id()).equals(t.callId()))).hasSize(1);
	}

	@Test
	void aMissedCallNobodyCanBeAssignedStillGetsATaskAndTheAccountPageSaysSo() {
		TelephonyAccount account = fakeAccount(Map.of("missedCallTasks", "true"));
		this.data.agentService().setDefaultResponsible(this.tenant, null);
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.data.agentService().setDefaultResponsible(this.tenant, null);

		Call call = missedCall(account, Instant.now().minusSeconds(60));

		Task task = await().atMost(Duration.ofSeconds(15)).until(() -> taskOf(call), Optional::isPresent).get();
		assertThat(task.assigneeId()).isNull();
		String status = UiSession.logIn(this.port, admin.username(), admin.password())
			.get("/admin/telephony/" + account.id() + "/rules-status")
			.body();
		assertThat(status).contains("rules-no-assignee").contains("rules-unassigned");
	}

	@Test
	void callsImportedFromBeforeTheAccountWasConnectedGetNoTaskNorLead() {
		TelephonyAccount account = fakeAccount(Map.of("missedCallTasks", "true", "createLeads", "true"));
		this.data.agentService().setDefaultResponsible(this.tenant, this.agent.id());
		String old = "old-" + UUID.randomUUID();
		String recent = "recent-" + UUID.randomUUID();
		Instant connected = this.accounts.connectedAt(account.id()).orElseThrow();
		this.fake.history(account.id(), List.of(historic(old, connected.minus(Duration.ofDays(2)), "612555801"),
				historic(recent, connected.plusSeconds(1), "612555802")));

		this.reconciliation.reconcile(this.tenant, account.id(), connected.minus(Duration.ofDays(3)),
				Instant.now().plusSeconds(60));

		Call recentCall = byProviderId(recent).orElseThrow();
		await().atMost(Duration.ofSeconds(15)).until(() -> taskOf(recentCall), Optional::isPresent);
		Call oldCall = byProviderId(old).orElseThrow();
		assertThat(taskOf(oldCall)).isEmpty();
		assertThat(this.calls.get(this.tenant, oldCall.id()).contactId()).isNull();
	}

	@Test
	void aHistoryPagesRulesDeferredAfterAFailureRunCallByCall() {
		TelephonyAccount account = fakeAccount(Map.of());
		String first = "page-" + UUID.randomUUID();
		String second = "page-" + UUID.randomUUID();
		Instant connected = this.accounts.connectedAt(account.id()).orElseThrow();
		this.fake.history(account.id(), List.of(historic(first, connected.plusSeconds(1), "612555803"),
				historic(second, connected.plusSeconds(2), "612555804")));
		this.reconciliation.reconcile(this.tenant, account.id(), connected.minusSeconds(60),
				Instant.now().plusSeconds(60));
		Call one = byProviderId(first).orElseThrow();
		Call two = byProviderId(second).orElseThrow();
		assertThat(taskOf(one)).isEmpty();
		this.accounts.update(this.tenant, account.id(), account.name(), true, Map.of("missedCallTasks", "true"), null);

		// What the rules publish when they fail inside the page's transaction.
		this.transactions.executeWithoutResult((status) -> this.events
			.publishEvent(new HistoryCallEndRulesDeferred(this.tenant, List.of(one.id(), two.id()))));

		await().atMost(Duration.ofSeconds(15)).until(() -> taskOf(one).isPresent() && taskOf(two).isPresent());
	}

	@Test
	void aRejectedCallerGetsNoCallBackTask() throws InterruptedException {
		TelephonyAccount account = fakeAccount(Map.of("missedCallTasks", "true"));
		this.data.agentService().setDefaultResponsible(this.tenant, this.agent.id());
		String id = "rejected-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(10);

		this.sink.accept(event(account, id, CallEventType.STARTED, start).externalNumber("612555900").build());
		this.sink.accept(event(account, id, CallEventType.ENDED, start.plusSeconds(1)).result(CallResult.REJECTED)
			.source(io.callbridge.telephony.EventSource.DECISION)
			.build());
		// A quiet period: a call-back task made anyway would have appeared by now.
		Thread.sleep(1500);

		assertThat(taskOf(byProviderId(id).orElseThrow())).isEmpty();
	}

	@Test
	void theTitleOfARulesTaskIsInTheReadersLanguage() {
		TelephonyAccount account = fakeAccount(Map.of("missedCallTasks", "true"));
		this.data.agentService().setDefaultResponsible(this.tenant, this.agent.id());
		Call call = missedCall(account, Instant.now().minusSeconds(60));
		Task task = await().atMost(Duration.ofSeconds(15)).until(() -> taskOf(call), Optional::isPresent).get();

		LocaleContextHolder.setLocale(java.util.Locale.forLanguageTag("es"));
		try {
			assertThat(this.tasks.get(this.tenant, task.id()).title()).startsWith("Devolver la llamada a");
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
		assertThat(task.title()).startsWith("Call back");
	}

	@Test
	void aFreshInstallHasItsFirstAdminAsTheDefaultResponsible() {
		long defaultTenant = this.tenants.defaultTenant().id();

		assertThat(this.agents.defaultResponsible(defaultTenant))
			.hasValueSatisfying((responsible) -> assertThat(responsible.role()).isEqualTo(Role.ADMIN));
	}

	private TelephonyAccount fakeAccount(Map<String, String> settings) {
		return this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake " + UUID.randomUUID(), true, settings,
				new Credentials(Map.of("secret", "s")));
	}

	private Call missedCall(TelephonyAccount account, Instant start) {
		String id = "missed-" + UUID.randomUUID();
		this.sink.accept(event(account, id, CallEventType.STARTED, start).externalNumber("612555777").build());
		this.sink
			.accept(event(account, id, CallEventType.ENDED, start.plusSeconds(20)).result(CallResult.MISSED).build());
		return byProviderId(id).orElseThrow();
	}

	private static HistoricCall historic(String id, Instant start, String from) {
		return new HistoricCall(id, CallDirection.INBOUND, start, null, from, null, null, CallResult.MISSED, 0, null,
				null, null, Map.of());
	}

	private static ProviderCallEvent.Builder event(TelephonyAccount account, String id, CallEventType type,
			Instant at) {
		return ProviderCallEvent.of(account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

	private Optional<Task> taskOf(Call call) {
		return this.tasks.list(this.tenant, null, false)
			.stream()
			.filter((t) -> Long.valueOf(call.id()).equals(t.callId()))
			.findFirst();
	}

	private Optional<Call> byProviderId(String providerCallId) {
		return this.calls.search(this.tenant, CallFilter.none(), 0, 100)
			.items()
			.stream()
			.filter((c) -> c.providerCallId().equals(providerCallId))
			.findFirst();
	}

}
