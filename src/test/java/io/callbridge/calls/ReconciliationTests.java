package io.callbridge.calls;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.calls.application.ReconciliationReport;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation with the provider's call history, against the scripted fake provider:
 * lost calls are added, lost ends completed, complete calls left alone, and a second run
 * adds nothing.
 */
@IntegrationTest
class ReconciliationTests {

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	Calls calls;

	@Autowired
	CallHistoryReconciliation reconciliation;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	private long tenant;

	private TelephonyAccount account;

	private TestUser supervisor;

	private TestUser admin;

	private TestUser agent;

	private final Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void fakeAccountWithAnAgentOn100() {
		this.tenant = this.data.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "100");
	}

	@Test
	void addsLostCallsCompletesLostEndsAndLeavesCompleteCallsAlone() {
		String lost = "lost-" + UUID.randomUUID();
		String endLost = "endlost-" + UUID.randomUUID();
		String complete = "complete-" + UUID.randomUUID();
		live(endLost, false);
		live(complete, true);
		this.fake.history(this.account.id(), List.of(historic(lost, CallResult.ANSWERED, 42),
				historic(endLost, CallResult.ANSWERED, 30), historic(complete, CallResult.MISSED, 0)));

		ReconciliationReport report = this.reconciliation.reconcile(this.tenant, this.account.id(),
				this.start.minus(Duration.ofHours(1)), Instant.now());

		assertThat(report.checked()).isEqualTo(3);
		assertThat(report.added()).isEqualTo(1);
		assertThat(report.completed()).isEqualTo(1);
		assertThat(report.alreadyKnown()).isEqualTo(1);
		Call added = byProviderId(lost);
		assertThat(added.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(added.talkSeconds()).isEqualTo(42);
		assertThat(added.agentId()).isEqualTo(this.agent.id());
		assertThat(added.externalNumber()).isEqualTo("+34612555200");
		assertThat(added.cost()).isEqualByComparingTo("0.12");
		assertThat(byProviderId(endLost).state().name()).isEqualTo("ENDED");
		// The live end said "answered"; the history's "missed" does not overwrite it.
		assertThat(byProviderId(complete).result()).isEqualTo(CallResult.ANSWERED);
	}

	@Test
	void aSecondRunOverTheSamePeriodAddsNothing() {
		this.fake.history(this.account.id(), List.of(historic("again-" + UUID.randomUUID(), CallResult.BUSY, 0),
				historic("again-" + UUID.randomUUID(), CallResult.ANSWERED, 10)));
		Instant from = this.start.minus(Duration.ofHours(1));
		Instant to = Instant.now();
		this.reconciliation.reconcile(this.tenant, this.account.id(), from, to);
		int before = this.calls.search(this.tenant, CallFilter.none(), 0, 100).items().size();

		ReconciliationReport again = this.reconciliation.reconcile(this.tenant, this.account.id(), from, to);

		assertThat(again.added()).isZero();
		assertThat(again.completed()).isZero();
		assertThat(again.alreadyKnown()).isEqualTo(2);
		assertThat(this.calls.search(this.tenant, CallFilter.none(), 0, 100).items()).hasSize(before);
	}

	@Test
	void backfillThroughTheApiReportsWhatItDidAndRefusesBadPeriods() {
		this.fake.history(this.account.id(), List.of(historic("api-" + UUID.randomUUID(), CallResult.MISSED, 0)));
		ApiClient.Caller caller = this.api.as(this.admin.token());
		String path = "/api/v1/telephony-accounts/{id}/reconciliations";

		JsonNode report = caller
			.post(path,
					Map.of("from", this.start.minus(Duration.ofHours(1)).toString(), "to", Instant.now().toString()),
					this.account.id())
			.json(200);

		assertThat(report.get("added").asInt()).isEqualTo(1);
		assertThat(caller
			.post(path, Map.of("from", Instant.now().toString(), "to", this.start.toString()), this.account.id())
			.problem(422)
			.get("detail")
			.asText()).contains("start before it ends");
		assertThat(caller
			.post(path,
					Map.of("from", Instant.now().minus(Duration.ofDays(200)).toString(), "to",
							Instant.now().toString()),
					this.account.id())
			.problem(422)
			.get("detail")
			.asText()).contains("at most 92 days");
		caller.post(path, Map.of("from", "yesterday", "to", "today"), this.account.id()).problem(400);
		this.api.as(this.agent.token())
			.post(path, Map.of("from", this.start.toString(), "to", Instant.now().toString()), this.account.id())
			.problem(403);
		this.api.as(this.supervisor.token())
			.post(path, Map.of("from", this.start.toString(), "to", Instant.now().toString()), this.account.id())
			.problem(403);
	}

	@Test
	void providerFailureIsAClearErrorAndTheScheduledStateKeepsIt() {
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), true, Map.of(),
				new Credentials(Map.of("secret", "down")));

		this.api.as(this.admin.token())
			.post("/api/v1/telephony-accounts/{id}/reconciliations",
					Map.of("from", this.start.toString(), "to", Instant.now().toString()), this.account.id())
			.problem(502);
	}

	@Test
	void aCallAPollerOnlySawDisappearIsCompletedByItsHistoryOnce() {
		String id = "polled-" + UUID.randomUUID();
		live(id, false);
		this.sink.accept(event(id, CallEventType.ENDED, this.start.plusSeconds(90)).dedupeKey("live:ENDED")
			.source(EventSource.POLL)
			.build());
		this.fake.history(this.account.id(), List.of(historic(id, CallResult.ANSWERED, 61)));
		Instant from = this.start.minus(Duration.ofHours(1));

		ReconciliationReport first = this.reconciliation.reconcile(this.tenant, this.account.id(), from, Instant.now());
		ReconciliationReport second = this.reconciliation.reconcile(this.tenant, this.account.id(), from,
				Instant.now());

		assertThat(first.completed()).isEqualTo(1);
		assertThat(second.alreadyKnown()).isEqualTo(1);
		Call call = byProviderId(id);
		assertThat(call.talkSeconds()).isEqualTo(61);
		assertThat(call.cost()).isEqualByComparingTo("0.12");
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
	}

	@Test
	void historyPageBackfillsTheChosenDaysAndExplainsBadDates() {
		this.fake.history(this.account.id(), List.of(historic("page-" + UUID.randomUUID(), CallResult.MISSED, 0)));
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		String path = "/admin/telephony/" + this.account.id() + "/history";
		assertThat(ui.get(path).body()).contains("backfill-form");
		UiSession supervisor = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password());
		assertThat(supervisor.get(path).body()).contains("history").doesNotContain("backfill-form");
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

		String done = ui.postForm(path, Map.of("from", yesterday, "to", today)).body();
		String bad = ui.postForm(path, Map.of("from", "22/11/2026", "to", today)).body();

		assertThat(done).contains("id=\"backfill-report\"").contains("1 added");
		assertThat(bad).contains("Dates must be given as YYYY-MM-DD.");
	}

	// Four pages of 500, two in flight at a time: a call listed on two pages is written
	// by one of them only, the other finds it known, whichever commits first.
	@Test
	void aLongHistoryIsWrittenSeveralPagesAtATimeEachCallOnce() {
		String prefix = "long-" + UUID.randomUUID() + "-";
		String endLost = prefix + "endlost";
		live(endLost, false);
		List<HistoricCall> history = new ArrayList<>();
		for (int i = 0; i < 1_599; i++) {
			history.add(historic(prefix + i, (i % 3 == 0) ? CallResult.MISSED : CallResult.ANSWERED,
					(i % 3 == 0) ? 0 : 20));
		}
		history.add(1_200, historic(endLost, CallResult.ANSWERED, 30));
		// The same call again on the second page.
		history.set(510, historic(prefix + 10, CallResult.ANSWERED, 20));
		this.fake.history(this.account.id(), history);

		ReconciliationReport report = this.reconciliation.reconcile(this.tenant, this.account.id(),
				this.start.minus(Duration.ofHours(1)), Instant.now());

		assertThat(report.checked()).isEqualTo(1_600);
		assertThat(report.added()).isEqualTo(1_598);
		assertThat(report.completed()).isEqualTo(1);
		assertThat(report.alreadyKnown()).isEqualTo(1);
		assertThat(this.calls.countForAccount(this.account.id())).isEqualTo(1_599);
		// As many events as a call of the same shape listed once.
		assertThat(eventsOf(prefix + 10)).isEqualTo(eventsOf(prefix + 11)).isPositive();
		assertThat(this.jdbc.sql("SELECT state FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), endLost)
			.query(String.class)
			.single()).isEqualTo("ENDED");

		ReconciliationReport again = this.reconciliation.reconcile(this.tenant, this.account.id(),
				this.start.minus(Duration.ofHours(1)), Instant.now());

		assertThat(again.added()).isZero();
		assertThat(again.completed()).isZero();
		assertThat(again.alreadyKnown()).isEqualTo(1_600);
		assertThat(this.calls.countForAccount(this.account.id())).isEqualTo(1_599);
	}

	private long eventsOf(String providerCallId) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM call_events e JOIN calls c ON c.id = e.call_id "
					+ "WHERE c.account_id = ? AND c.provider_call_id = ?")
			.params(this.account.id(), providerCallId)
			.query(Long.class)
			.single();
	}

	private void live(String id, boolean withEnd) {
		this.sink.accept(event(id, CallEventType.STARTED, this.start).externalNumber("612555200").build());
		this.sink.accept(event(id, CallEventType.ANSWERED, this.start.plusSeconds(5)).extension("100").build());
		if (withEnd) {
			this.sink
				.accept(event(id, CallEventType.ENDED, this.start.plusSeconds(60)).result(CallResult.ANSWERED).build());
		}
	}

	private HistoricCall historic(String id, CallResult result, int talk) {
		return new HistoricCall(id, CallDirection.INBOUND, this.start, null, "612555200", "34910000000", "100", result,
				talk, null, new BigDecimal("0.12"), "EUR", Map.of("route", "test"));
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

	private Call byProviderId(String id) {
		return this.calls.search(this.tenant, CallFilter.none(), 0, 100)
			.items()
			.stream()
			.filter((c) -> c.providerCallId().equals(id))
			.findFirst()
			.orElseThrow();
	}

}
