package io.callbridge.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.calls.application.AppliedReads;
import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.calls.application.StaleCalls;
import io.callbridge.shared.Role;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.CallFactsRecorder;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.DeadlineCallStartDecider;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.contacts.Blacklist;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facts the core publishes about calls, as other modules (and soon external systems)
 * hear them: only changes of a call, each with the call's growing version, exactly one
 * completion per call and distinct corrections after it, whatever order, repetition or
 * source the provider events come in; hostile but signed input stored whole; calls nobody
 * reported ended closed by the sweeper; a blacklisted caller's call recorded as rejected.
 */
@IntegrationTest
@Import(CallFactsRecorder.class)
class CallFactsTests {

	private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

	@Autowired
	CallEventSink sink;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	Calls calls;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	CallHistoryReconciliation reconciliation;

	@Autowired
	CallStartDecider decider;

	@Autowired
	Blacklist blacklist;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AppliedReads reads;

	@Autowired
	CallFactsRecorder recorder;

	@Autowired
	StaleCalls staleCalls;

	private long tenant;

	private TelephonyAccount account;

	private TestUser agent;

	@BeforeEach
	void accountWithAnAgent() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "101");
	}

	@Test
	void outOfOrderAndRepeatedEventsGiveOneCompletionAndNoAnswerAfterIt() {
		String id = newCallId();
		List<ProviderCallEvent> events = List.of(started(id, T0), ringing(id, T0.plusSeconds(1)),
				ended(id, T0.plusSeconds(35), CallResult.ANSWERED, 30, "end-1"),
				ended(id, T0.plusSeconds(35), CallResult.ANSWERED, 30, "end-1-retry"),
				answered(id, T0.plusSeconds(36)));

		events.forEach(this.sink::accept);

		Call call = call(id);
		List<Object> facts = this.recorder.of(call.id());
		assertThat(facts).filteredOn(CallEnded.class::isInstance).hasSize(1);
		assertThat(facts).filteredOn(CallAnswered.class::isInstance).isEmpty();
		assertThat(versions(facts)).isSorted().doesNotHaveDuplicates();
		assertThat(call.version()).isEqualTo(versions(facts).get(versions(facts).size() - 1));
		assertThat(call.answeredAt()).isBeforeOrEqualTo(call.endedAt());
		assertThat(call.ringSeconds() + call.talkSeconds()).isEqualTo(call.totalSeconds());
	}

	@Test
	void findAllGivesTheTenantsCallsAmongTheIdsInIdOrderAndLeavesAnotherTenantsOut() {
		String first = newCallId();
		String second = newCallId();
		this.sink.accept(started(second, T0));
		this.sink.accept(started(first, T0));
		long otherTenant = this.tenants.anyTenant();
		TelephonyAccount otherAccount = this.accounts.create(otherTenant, FakeTelephonyProvider.KEY, "Other", true,
				Map.of(), new Credentials(Map.of("secret", "s")));
		String foreign = newCallId();
		this.sink.accept(ProviderCallEvent.of(otherAccount.id(), foreign, CallEventType.STARTED, T0)
			.direction(CallDirection.INBOUND)
			.externalNumber("612345678")
			.build());
		long foreignId = this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(otherAccount.id(), foreign)
			.query(Long.class)
			.single();

		List<Call> found = this.calls.findAll(this.tenant,
				List.of(call(first).id(), foreignId, call(second).id(), call(first).id(), Long.MAX_VALUE));

		assertThat(found).extracting(Call::providerCallId).containsExactly(second, first);
		assertThat(this.calls.findAll(otherTenant, List.of(call(first).id(), foreignId)))
			.extracting(Call::providerCallId)
			.containsExactly(foreign);
	}

	@Test
	void anEventThatChangesNothingPublishesNothingAndKeepsTheVersion() {
		String id = newCallId();
		this.sink.accept(started(id, T0));
		this.sink.accept(ringing(id, T0.plusSeconds(1)));
		long version = call(id).version();
		int published = this.recorder.of(call(id).id()).size();

		Ingestion again = this.sink.accept(event(id, CallEventType.RINGING, T0.plusSeconds(3)).extension("101")
			.dedupeKey("second-ring-of-the-same-extension")
			.build());

		assertThat(again).isEqualTo(Ingestion.APPLIED);
		assertThat(call(id).version()).isEqualTo(version);
		assertThat(this.recorder.of(call(id).id())).hasSize(published);
	}

	@Test
	void everyDeliveryOrderOfACallPublishesTheSameFactsOnce() {
		for (int round = 0; round < 6; round++) {
			String id = newCallId();
			List<ProviderCallEvent> events = new ArrayList<>(List.of(started(id, T0), ringing(id, T0.plusSeconds(1)),
					answered(id, T0.plusSeconds(5)), ended(id, T0.plusSeconds(65), CallResult.ANSWERED, null, null)));
			Collections.shuffle(events);

			events.forEach(this.sink::accept);
			events.forEach(this.sink::accept);

			List<Object> facts = this.recorder.of(call(id).id());
			assertThat(facts).as("round %d", round).filteredOn(CallEnded.class::isInstance).hasSize(1);
			assertThat(facts).filteredOn(CallRang.class::isInstance).hasSizeLessThanOrEqualTo(1);
			assertThat(facts).filteredOn(CallAnswered.class::isInstance).hasSizeLessThanOrEqualTo(1);
			int completion = facts.indexOf(facts.stream().filter(CallEnded.class::isInstance).findFirst().get());
			assertThat(facts.subList(completion + 1, facts.size())).as("round %d: after the completion", round)
				.allMatch(CallResultCorrected.class::isInstance);
			assertThat(versions(facts)).isSorted();
		}
	}

	@Test
	void aPollersEndIsCompletedOnceAndItsRecordPublishesACorrection() {
		String id = newCallId();
		this.sink.accept(poll(started(id, T0)));
		this.sink.accept(poll(ringing(id, T0)));
		this.sink.accept(ProviderCallEvent.of(this.account.id(), id, CallEventType.ENDED, T0.plusSeconds(8))
			.dedupeKey("live:ENDED")
			.source(EventSource.POLL)
			.build());
		this.fake.history(this.account.id(), List.of(new HistoricCall(id, CallDirection.INBOUND, T0, T0.plusSeconds(4),
				"612345678", null, "101", CallResult.ANSWERED, 2, null, null, null, Map.of())));

		this.reconciliation.reconcile(this.tenant, this.account.id(), T0.minusSeconds(60), T0.plusSeconds(3600));

		Call call = call(id);
		List<Object> facts = this.recorder.of(call.id());
		assertThat(facts).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.extracting((e) -> ((CallEnded) e).result())
			.isEqualTo(CallResult.MISSED);
		assertThat(facts).filteredOn(CallResultCorrected.class::isInstance).singleElement().satisfies((e) -> {
			CallResultCorrected corrected = (CallResultCorrected) e;
			assertThat(corrected.previousResult()).isEqualTo(CallResult.MISSED);
			assertThat(corrected.result()).isEqualTo(CallResult.ANSWERED);
			assertThat(corrected.version()).isEqualTo(call.version());
		});
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(4));
		assertThat(call.talkSeconds()).isEqualTo(2);
		assertThat(call.endSource()).isEqualTo(EventSource.HISTORY);
	}

	@Test
	void aCallImportedFromHistoryIsCompletedMarkedAsSuch() {
		String id = newCallId();
		this.fake.history(this.account.id(), List.of(new HistoricCall(id, CallDirection.INBOUND, T0, null, "612345678",
				null, "101", CallResult.MISSED, 0, null, new java.math.BigDecimal("0.05"), null, Map.of())));

		this.reconciliation.reconcile(this.tenant, this.account.id(), T0.minusSeconds(60), T0.plusSeconds(3600));

		Call call = call(id);
		assertThat(this.recorder.of(call.id())).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.satisfies((e) -> assertThat(((CallEnded) e).fromHistory()).isTrue());
		assertThat(this.recorder.of(call.id())).noneMatch(CallRang.class::isInstance);
		assertThat(call.currency()).as("a cost without currency is in the tenant's").isEqualTo("EUR");
	}

	@Test
	void signedButHostileValuesAreStoredWithTheRawPayloadWhole() {
		String id = "nul\u0000" + "x".repeat(400);
		String caller = "+34\u0000612" + "9".repeat(300);
		String raw = "{\"caller_id\":\"" + caller + "\",\"note\":\"\u0000\"}";

		Ingestion started = this.sink.accept(event(id, CallEventType.STARTED, T0).externalNumber(caller)
			.ourLine("l\u0000ine".repeat(60))
			.rawPayload(raw)
			.build());
		Ingestion ended = this.sink
			.accept(event(id, CallEventType.ENDED, T0.plusSeconds(10)).extension("1\u00000".repeat(80))
				.result(CallResult.MISSED)
				.recordingRef("r".repeat(3000))
				.talkSeconds(-5)
				.cost(new java.math.BigDecimal("123456789012345.123456"), "EURO")
				.dedupeKey("k\u0000".repeat(400))
				.rawPayload(raw)
				.build());
		Ingestion repeated = this.sink
			.accept(event(id, CallEventType.ENDED, T0.plusSeconds(10)).extension("1\u00000".repeat(80))
				.result(CallResult.MISSED)
				.dedupeKey("k\u0000".repeat(400))
				.rawPayload(raw)
				.build());

		assertThat(started).isEqualTo(Ingestion.APPLIED);
		assertThat(ended).isEqualTo(Ingestion.APPLIED);
		assertThat(repeated).isEqualTo(Ingestion.DUPLICATE);
		Call call = callsOfAccount().get(0);
		assertThat(call.state().name()).isEqualTo("ENDED");
		assertThat(call.externalNumberRaw()).hasSizeLessThanOrEqualTo(100).doesNotContain("\u0000");
		List<String> payloads = this.jdbc.sql("SELECT raw_payload FROM call_events WHERE call_id = ? ORDER BY id")
			.param(call.id())
			.query(String.class)
			.list();
		assertThat(payloads).hasSize(2)
			.allSatisfy((payload) -> assertThat(payload).isEqualTo(raw.replace("\u0000", "\\u0000")));
		assertThat(call.providerCallId()).hasSizeLessThanOrEqualTo(200);
	}

	@Test
	void twoLongCallIdsThatShareTheirStartStayTwoCalls() {
		String prefix = "p".repeat(250);

		this.sink.accept(started(prefix + "A", T0));
		this.sink.accept(started(prefix + "B", T0));

		assertThat(callsOfAccount()).hasSize(2);
	}

	@Test
	void aCallNobodyReportedEndedIsClosedAtItsLastMomentAndTheProviderLaterCorrectsIt() {
		String id = newCallId();
		this.sink.accept(started(id, T0));
		this.sink.accept(answered(id, T0.plusSeconds(5)));
		this.jdbc.sql("UPDATE calls SET last_event_at = last_event_at - INTERVAL '5' HOUR WHERE id = ?")
			.param(call(id).id())
			.update();

		int closed = this.staleCalls.closeFor(this.account);

		Call swept = call(id);
		assertThat(closed).isEqualTo(1);
		assertThat(swept.state().name()).isEqualTo("ENDED");
		assertThat(swept.endedAt()).isEqualTo(T0.plusSeconds(5));
		assertThat(swept.endSource()).isEqualTo(EventSource.SWEEPER);
		assertThat(this.recorder.of(swept.id())).filteredOn(CallEnded.class::isInstance).hasSize(1);
		assertThat(this.staleCalls.closeFor(this.account)).isZero();

		this.sink.accept(ended(id, T0.plusSeconds(65), CallResult.ANSWERED, 60, null));

		Call reported = call(id);
		assertThat(reported.endedAt()).isEqualTo(T0.plusSeconds(65));
		assertThat(reported.talkSeconds()).isEqualTo(60);
		assertThat(reported.endSource()).isEqualTo(EventSource.PROVIDER);
		assertThat(this.recorder.of(swept.id())).filteredOn(CallEnded.class::isInstance).hasSize(1);
		assertThat(this.recorder.of(swept.id())).filteredOn(CallResultCorrected.class::isInstance).hasSize(1);
	}

	@Test
	void aCallThatIsStillReportingIsNotSwept() {
		String id = newCallId();
		this.sink.accept(started(id, T0));
		this.sink.accept(answered(id, T0.plusSeconds(5)));

		assertThat(this.staleCalls.closeFor(this.account)).isZero();
		assertThat(call(id).state().name()).isEqualTo("ANSWERED");
	}

	@Test
	void aBlacklistedCallersCallIsRecordedAsRejectedNotBusy() {
		this.blacklist.add(this.tenant, "+34612999000", "spam", this.agent.id());
		String id = newCallId();
		DeadlineCallStartDecider deadline = new DeadlineCallStartDecider(this.decider, Duration.ofSeconds(5));

		// As a webhook does it: the decision asked while the start is stored, given once
		// both are done; the provider reports the hang-up later.
		DeadlineCallStartDecider.Asked asked = deadline
			.ask(new CallStartQuery(this.account.id(), id, "612999000", "+34910000000"));
		this.sink.receive(event(id, CallEventType.STARTED, Instant.now()).externalNumber("612999000").build());
		CallStartDecision decision = deadline.decision(asked);
		this.sink.receive(ended(id, Instant.now().plusSeconds(1), CallResult.BUSY, null, null));

		assertThat(decision.reject()).isTrue();
		assertThat(this.reads.awaitApplied(this.tenant)).isTrue();
		assertEndedOnceAsRejected(id);
	}

	@Test
	void aBlacklistedCallersCallWhoseEventsAreAppliedAtOnceEndsOnceAsRejected() {
		this.blacklist.add(this.tenant, "+34612999000", "spam", this.agent.id());
		String id = newCallId();
		DeadlineCallStartDecider deadline = new DeadlineCallStartDecider(this.decider, Duration.ofSeconds(5));

		// As the sandbox does it: the start applied, the decision asked, the hang-up
		// reported at once.
		this.sink.accept(event(id, CallEventType.STARTED, Instant.now()).externalNumber("612999000").build());
		CallStartDecision decision = deadline
			.decide(new CallStartQuery(this.account.id(), id, "612999000", "+34910000000", false));
		this.sink.accept(ended(id, Instant.now().plusSeconds(1), CallResult.BUSY, null, null));

		assertThat(decision.reject()).isTrue();
		assertEndedOnceAsRejected(id);
	}

	// Rejected, and those who follow the call heard it end once, as rejected.
	private void assertEndedOnceAsRejected(String providerCallId) {
		Call call = call(providerCallId);
		assertThat(call.result()).isEqualTo(CallResult.REJECTED);
		assertThat(this.recorder.of(call.id())).filteredOn(CallEnded.class::isInstance)
			.singleElement()
			.extracting((e) -> ((CallEnded) e).result())
			.isEqualTo(CallResult.REJECTED);
	}

	private static List<Long> versions(List<Object> facts) {
		return facts.stream().map(CallFactsRecorder::version).toList();
	}

	private String newCallId() {
		return "fact-" + UUID.randomUUID();
	}

	private Call call(String providerCallId) {
		long id = this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), providerCallId)
			.query(Long.class)
			.single();
		return this.calls.get(this.tenant, id);
	}

	private List<Call> callsOfAccount() {
		return this.calls.search(this.tenant, CallFilter.none(), 0, 50).items();
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

	private ProviderCallEvent started(String id, Instant at) {
		return event(id, CallEventType.STARTED, at).externalNumber("612345678").build();
	}

	private ProviderCallEvent ringing(String id, Instant at) {
		return event(id, CallEventType.RINGING, at).extension("101").build();
	}

	private ProviderCallEvent answered(String id, Instant at) {
		return event(id, CallEventType.ANSWERED, at).extension("101").build();
	}

	private ProviderCallEvent ended(String id, Instant at, CallResult result, Integer talk, String dedupeKey) {
		return event(id, CallEventType.ENDED, at).extension("101")
			.result(result)
			.talkSeconds(talk)
			.dedupeKey(dedupeKey)
			.build();
	}

	private static ProviderCallEvent poll(ProviderCallEvent event) {
		return new ProviderCallEvent(event.accountId(), event.providerCallId(), event.type(), event.occurredAt(),
				event.direction(), event.externalNumber(), event.ourLine(), event.extension(), event.transferFrom(),
				event.result(), event.talkSeconds(), event.recordingRef(), event.cost(), event.currency(),
				"live:" + event.type(), event.rawPayload(), EventSource.POLL);
	}

}
