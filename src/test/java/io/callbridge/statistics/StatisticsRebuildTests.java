package io.callbridge.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.callbridge.calls.Calls;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Role;
import io.callbridge.statistics.FactSteps.Row;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rebuild job: it writes the facts of calls that ended before statistics existed
 * (exactly what the events would have written, call-backs included), in batches by call
 * id, recomputes a tenant's facts after its time zone changed, then leaves a tenant
 * alone; and runs only on the node holding its lease.
 */
@IntegrationTest
class StatisticsRebuildTests {

	private static final Instant START = Instant.parse("2026-03-04T22:30:00Z");

	@Autowired
	Tenants tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	Leases leases;

	@Autowired
	Calls calls;

	@Autowired
	CallFactRebuilds rebuilds;

	@Autowired
	CallFactWriter writer;

	@Autowired
	CallFacts facts;

	@Autowired
	DatabaseClock clock;

	private FactSteps steps;

	private TestUser admin;

	private List<Long> ended;

	@BeforeEach
	void callsOfATenant() {
		this.steps = FactSteps.newTenant(ZoneId.of("Europe/Madrid"), this.tenants, this.accounts, this.sink, this.jdbc,
				this.transactions);
		long agent = this.data.anyUser(this.steps.tenantId(), Role.AGENT).id();
		this.data.assignExtension(this.steps.tenantId(), agent, this.steps.accountId(), FactSteps.EXTENSION);
		this.admin = this.data.anyUser(this.steps.tenantId(), Role.ADMIN);
		long missed = this.steps.inbound("612345678", START, START.plusSeconds(20), CallResult.MISSED);
		long answered = this.steps.answered("612000111", START.plusSeconds(60), Duration.ofSeconds(8),
				START.plusSeconds(300));
		long rejected = this.steps.inbound("612000222", START.plusSeconds(90), START.plusSeconds(91),
				CallResult.REJECTED);
		long callBack = this.steps.outbound("612345678", START.plusSeconds(620), START.plusSeconds(700),
				CallResult.ANSWERED);
		long withheld = this.steps.inbound(null, START.plusSeconds(800), START.plusSeconds(830), CallResult.CANCELLED);
		this.ended = List.of(missed, answered, rejected, callBack, withheld);
		this.steps.awaitFact(missed, (row) -> row.callbackSeconds() != null);
		this.ended.forEach(this.steps::awaitFact);
	}

	@Test
	void factsOfCallsThatEndedBeforeStatisticsExistedAreWrittenInBatchesAsTheEventsWouldHave() {
		Map<Long, Row> written = rows();
		this.steps.forgetFacts();
		assertThat(this.steps.factCount()).isZero();

		int calls = job(2).rebuild(this.steps.tenantId(), far());

		assertThat(calls).isEqualTo(5);
		assertThat(rows()).isEqualTo(written);
		assertThat(this.rebuilds.all().get(this.steps.tenantId()).done()).isTrue();
		assertThat(job(2).rebuild(this.steps.tenantId(), far())).as("a done tenant is left alone").isZero();
	}

	@Test
	void aCallInProgressIsLeftToItsEnd() {
		this.steps.forgetFacts();
		String inProgress = "stat-open-" + this.steps.tenantId();
		this.sink.accept(ProviderCallEvent.of(this.steps.accountId(), inProgress, CallEventType.STARTED, START)
			.direction(CallDirection.INBOUND)
			.externalNumber("612000333")
			.rawPayload("{}")
			.build());

		job(500).rebuild(this.steps.tenantId(), far());

		assertThat(this.steps.factCount()).isEqualTo(5);
		assertThat(this.steps.fact(this.steps.callId(inProgress))).isEmpty();
	}

	@Test
	void aTenantsFactsAreRecomputedAfterItsTimeZoneChanged() {
		job(500).rebuild(this.steps.tenantId(), far());
		Row before = this.steps.fact(this.ended.get(0)).orElseThrow();
		assertThat(before.zone()).isEqualTo("Europe/Madrid");
		// 22:30 UTC: 23:30 on Wednesday in Madrid, 04:00 on Thursday in India.
		assertThat(before.localDay()).isEqualTo(LocalDate.of(2026, 3, 4));
		assertThat(before.localHour()).isEqualTo(23);

		this.api.as(this.admin.token())
			.put("/api/v1/tenant",
					Map.of("name", "Moved", "defaultRegion", "ES", "timeZone", "Asia/Kolkata", "currency", "EUR"))
			.hasStatus(200);
		int calls = job(2).rebuild(this.steps.tenantId(), far());

		assertThat(calls).isEqualTo(5);
		Row after = this.steps.fact(this.ended.get(0)).orElseThrow();
		assertThat(after.zone()).isEqualTo("Asia/Kolkata");
		assertThat(after.localDay()).isEqualTo(LocalDate.of(2026, 3, 5));
		assertThat(after.localHour()).isEqualTo(4);
		assertThat(after.weekday()).isEqualTo(4);
		assertThat(after.callbackSeconds()).isEqualTo(600);
		assertThat(rows().values()).extracting(Row::zone).containsOnly("Asia/Kolkata");
		assertThat(this.rebuilds.all().get(this.steps.tenantId()).zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
	}

	@Test
	void theJobRunsOnlyOnTheNodeHoldingItsLeaseAndKeepsItForMostOfTheInterval() {
		this.steps.forgetFacts();
		Lease held = this.leases.acquire(CallFactRebuildJob.LEASE, Duration.ofMinutes(1)).orElseThrow();
		CallFactRebuildJob job = job(
				new StatisticsProperties(Duration.ofSeconds(2), 500, Duration.ofMinutes(5), Duration.ofSeconds(30)));
		try {
			job.run();
			assertThat(this.steps.factCount()).isZero();
		}
		finally {
			this.leases.release(held, Duration.ZERO);
		}

		job.run();

		assertThat(this.steps.factCount()).isEqualTo(5);
		assertThat(this.leases.acquire(CallFactRebuildJob.LEASE, Duration.ofSeconds(1)))
			.as("kept after the run, so the other nodes do not run it again at once")
			.isEmpty();
		Lease after = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.leases.acquire(CallFactRebuildJob.LEASE, Duration.ofSeconds(1)), Optional::isPresent)
			.orElseThrow();
		this.leases.release(after, Duration.ZERO);
	}

	@Test
	void aBatchStopsWhenItsTimeIsUpAndTheNextGoesOnFromThere() {
		Map<Long, Row> written = rows();
		this.steps.forgetFacts();
		CallFactRebuildJob job = job(
				new StatisticsProperties(Duration.ofHours(1), 500, Duration.ofMinutes(5), Duration.ofNanos(1)));

		CallFactRebuildJob.Batch first = job.batch(this.steps.tenantId());

		assertThat(first.calls()).as("one call, then the batch's time is up").isEqualTo(1);
		assertThat(first.more()).isTrue();
		assertThat(this.steps.factCount()).isEqualTo(1);
		assertThat(this.rebuilds.all().get(this.steps.tenantId()).nextCallId()).isEqualTo(this.ended.get(0) + 1);
		assertThat(job.rebuild(this.steps.tenantId(), far())).isEqualTo(4);
		assertThat(rows()).isEqualTo(written);
		assertThat(this.rebuilds.all().get(this.steps.tenantId()).done()).isTrue();
	}

	@Test
	void aTenantWithoutCallsIsDoneAtOnce() {
		FactSteps empty = FactSteps.newTenant(ZoneId.of("Europe/Madrid"), this.tenants, this.accounts, this.sink,
				this.jdbc, this.transactions);

		assertThat(job(2).rebuild(empty.tenantId(), far())).isZero();

		assertThat(this.rebuilds.all().get(empty.tenantId()).done()).isTrue();
		assertThat(empty.factCount()).isZero();
		assertThat(job(2).rebuild(empty.tenantId(), far())).isZero();
	}

	@Test
	void aTenantThatFailsDoesNotStopTheOthers() {
		FactSteps broken = FactSteps.newTenant(ZoneId.of("Europe/Madrid"), this.tenants, this.accounts, this.sink,
				this.jdbc, this.transactions);
		long call = broken.inbound("612000444", START, START.plusSeconds(20), CallResult.MISSED);
		FactSteps healthy = FactSteps.newTenant(ZoneId.of("Europe/Madrid"), this.tenants, this.accounts, this.sink,
				this.jdbc, this.transactions);
		long other = healthy.inbound("612000445", START, START.plusSeconds(20), CallResult.MISSED);
		broken.awaitFact(call);
		healthy.awaitFact(other);
		broken.forgetFacts();
		healthy.forgetFacts();
		// A result this version does not know: reading the call fails.
		this.jdbc.sql("UPDATE calls SET result = 'BOGUS' WHERE id = ?").param(call).update();
		try {
			job(500).rebuildDue();
		}
		finally {
			this.jdbc.sql("UPDATE calls SET result = 'MISSED' WHERE id = ?").param(call).update();
		}

		assertThat(healthy.tenantId()).as("the healthy tenant comes after").isGreaterThan(broken.tenantId());
		assertThat(broken.factCount()).isZero();
		assertThat(healthy.fact(other)).isPresent();
	}

	@Test
	void aRecentCallWithoutAFactGetsOneOnceTheTenantIsDone() {
		Instant now = this.clock.now();
		long recent = this.steps.inbound("612000555", now.minus(Duration.ofHours(3)),
				now.minus(Duration.ofHours(3)).plusSeconds(20), CallResult.MISSED);
		long tooOld = this.steps.inbound("612000556", now.minus(Duration.ofDays(3)),
				now.minus(Duration.ofDays(3)).plusSeconds(20), CallResult.MISSED);
		this.steps.awaitFact(recent);
		this.steps.awaitFact(tooOld);
		job(500).rebuild(this.steps.tenantId(), far());
		assertThat(this.rebuilds.all().get(this.steps.tenantId()).done()).isTrue();
		// As if the listeners of both calls had given up.
		this.jdbc.sql("DELETE FROM call_facts WHERE call_id IN (?, ?)").params(recent, tooOld).update();

		int written = job(500).reconcile(this.steps.tenantId(), this.clock.now());

		assertThat(written).isEqualTo(1);
		assertThat(this.steps.fact(recent)).isPresent();
		assertThat(this.steps.fact(tooOld)).as("older than the two days looked at").isEmpty();
		assertThat(job(500).reconcile(this.steps.tenantId(), this.clock.now())).isZero();
	}

	private Map<Long, Row> rows() {
		return this.ended.stream().collect(Collectors.toMap((id) -> id, (id) -> this.steps.fact(id).orElseThrow()));
	}

	private CallFactRebuildJob job(int batchSize) {
		return job(new StatisticsProperties(Duration.ofHours(1), batchSize, Duration.ofMinutes(5),
				Duration.ofSeconds(30)));
	}

	private CallFactRebuildJob job(StatisticsProperties properties) {
		return new CallFactRebuildJob(this.leases, this.clock, this.tenants, this.calls, this.rebuilds, this.facts,
				this.writer, properties);
	}

	private static long far() {
		return System.nanoTime() + Duration.ofMinutes(5).toNanos();
	}

}
