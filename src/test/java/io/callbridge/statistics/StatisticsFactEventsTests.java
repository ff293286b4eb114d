package io.callbridge.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.callbridge.calls.Calls;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.statistics.FactSteps.Row;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Call facts as the call events write them: calls ingested like a provider's webhook
 * reports them end up as one row each with the local figures of the tenant's zone, the
 * missed rule, the corrected result replacing the first one, and the disposition's
 * outcome and charge; a fact of an older version of the call never replaces a newer one,
 * also when writers of one tenant run at once.
 */
@IntegrationTest
class StatisticsFactEventsTests {

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
	Calls calls;

	@Autowired
	CallFacts facts;

	@Autowired
	CallFactWriter writer;

	@Autowired
	FactRows rows;

	@Autowired
	DataSource dataSource;

	private FactSteps steps(String zone) {
		return FactSteps.newTenant(ZoneId.of(zone), this.tenants, this.accounts, this.sink, this.jdbc,
				this.transactions);
	}

	private TestUser agentOf(FactSteps steps) {
		TestUser agent = this.data.anyUser(steps.tenantId(), Role.AGENT);
		this.data.assignExtension(steps.tenantId(), agent.id(), steps.accountId(), FactSteps.EXTENSION);
		return agent;
	}

	@Test
	void anAnsweredCallIsWrittenWithItsLocalFiguresAgentAndProvider() {
		FactSteps steps = steps("America/Mexico_City");
		TestUser agent = agentOf(steps);
		// Wednesday 2026-03-04 09:15 in Mexico City (UTC-6).
		Instant start = Instant.parse("2026-03-04T15:15:00Z");

		long call = steps.answered("612345678", start, Duration.ofSeconds(12), start.plusSeconds(72));

		Row fact = steps.awaitFact(call);
		assertThat(fact.tenantId()).isEqualTo(steps.tenantId());
		assertThat(fact.zone()).isEqualTo("America/Mexico_City");
		assertThat(fact.localDay()).isEqualTo(LocalDate.of(2026, 3, 4));
		assertThat(fact.localHour()).isEqualTo(9);
		assertThat(fact.weekday()).isEqualTo(3);
		assertThat(fact.direction()).isEqualTo(CallDirection.INBOUND);
		assertThat(fact.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(fact.missed()).isFalse();
		assertThat(fact.ringSeconds()).isEqualTo(12);
		assertThat(fact.talkSeconds()).isEqualTo(60);
		assertThat(fact.agentId()).isEqualTo(agent.id());
		assertThat(fact.provider()).isEqualTo(FakeTelephonyProvider.KEY);
		assertThat(fact.accountId()).isEqualTo(steps.accountId());
		assertThat(fact.externalNumber()).isEqualTo("+34612345678");
		assertThat(fact.callVersion()).isEqualTo(steps.callVersion(call));
	}

	@Test
	void theProvidersCostAndTheCampaignOfTheLineAreWritten() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		long campaign = inboundCampaign(steps, "+34910000000");
		Instant start = Instant.parse("2026-03-04T10:00:00Z");

		long call = steps.answeredOnLine("612345678", "+34910000000", start, start.plusSeconds(65), "0.0420", "EUR");

		Row fact = steps.awaitFact(call);
		assertThat(fact.campaignId()).isEqualTo(campaign);
		assertThat(fact.cost()).isEqualByComparingTo("0.042");
		assertThat(fact.currency()).isEqualTo("EUR");
	}

	@Test
	void aStartMovedAfterTheEndMovesTheFact() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		// 10:00:10 UTC is 11:00 in Madrid; the provider's record then says it began at
		// 09:59:40 UTC (10:59 local).
		Instant start = Instant.parse("2026-03-04T10:00:10Z");
		long call = steps.inbound("612345678", start, start.plusSeconds(20), CallResult.MISSED);
		assertThat(steps.awaitFact(call).localHour()).isEqualTo(11);

		steps.later(call, CallEventType.STARTED, start.minusSeconds(30), CallDirection.INBOUND,
				(event) -> event.externalNumber("612345678").dedupeKey("history:STARTED"));

		Row fact = steps.awaitFact(call, (row) -> row.localHour() == 10);
		assertThat(fact.startedAt()).isEqualTo(start.minusSeconds(30));
		assertThat(fact.callVersion()).isEqualTo(steps.callVersion(call));
	}

	@Test
	void aDirectionLearntAfterTheEndTurnsTheFactAndItsCallBack() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long missed = steps.inbound("612345678", start, start.plusSeconds(20), CallResult.MISSED);
		long other = steps.outbound("612345678", start.plusSeconds(620), start.plusSeconds(700), CallResult.ANSWERED);
		assertThat(steps.awaitFact(missed, (row) -> row.callbackSeconds() != null).callbackSeconds()).isEqualTo(600);

		// The provider's record: the second call was the customer calling in.
		steps.later(other, CallEventType.ENDED, start.plusSeconds(700), CallDirection.INBOUND,
				(event) -> event.extension(FactSteps.EXTENSION).result(CallResult.ANSWERED).dedupeKey("history:ENDED"));

		Row turned = steps.awaitFact(other, (row) -> row.direction() == CallDirection.INBOUND);
		assertThat(turned.missed()).isFalse();
		assertThat(steps.awaitFact(missed, (row) -> row.callbackSeconds() == null).missed()).isTrue();
	}

	@Test
	void aNumberLearntAfterTheEndIsWritten() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long missed = steps.inbound(null, start, start.plusSeconds(20), CallResult.MISSED);
		steps.outbound("612345678", start.plusSeconds(620), start.plusSeconds(700), CallResult.ANSWERED);
		assertThat(steps.awaitFact(missed).externalNumber()).isNull();

		steps.later(missed, CallEventType.ENDED, start.plusSeconds(20), CallDirection.INBOUND,
				(event) -> event.externalNumber("612345678")
					.extension(FactSteps.EXTENSION)
					.result(CallResult.MISSED)
					.dedupeKey("history:ENDED"));

		Row fact = steps.awaitFact(missed, (row) -> row.externalNumber() != null);
		assertThat(fact.externalNumber()).isEqualTo("+34612345678");
		assertThat(steps.awaitFact(missed, (row) -> row.callbackSeconds() != null).callbackSeconds()).isEqualTo(600);
	}

	@Test
	void aCallStartingAt2350LocalAndEndingAfterMidnightCountsOnItsStartDay() {
		FactSteps steps = steps("America/Mexico_City");
		agentOf(steps);
		// Sunday 2026-03-01 23:50 in Mexico City; ends 00:25 on Monday.
		Instant start = Instant.parse("2026-03-02T05:50:00Z");

		long call = steps.answered("612345678", start, Duration.ofSeconds(10), start.plus(Duration.ofMinutes(35)));

		Row fact = steps.awaitFact(call);
		assertThat(fact.localDay()).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(fact.localHour()).isEqualTo(23);
		assertThat(fact.weekday()).isEqualTo(7);
		assertThat(fact.talkSeconds()).isEqualTo(35 * 60 - 10);
	}

	@Test
	void aZoneWithAHalfHourOffsetGivesTheLocalHourAndDay() {
		FactSteps steps = steps("Asia/Kolkata");
		agentOf(steps);
		// Wednesday 18:45 UTC is Thursday 00:15 in India (UTC+5:30); 18:29 UTC is 23:59.
		long afterMidnight = steps.inbound("612345678", Instant.parse("2026-03-04T18:45:00Z"),
				Instant.parse("2026-03-04T18:45:30Z"), CallResult.MISSED);
		long beforeMidnight = steps.inbound("612345678", Instant.parse("2026-03-04T18:29:00Z"),
				Instant.parse("2026-03-04T18:29:20Z"), CallResult.MISSED);

		Row after = steps.awaitFact(afterMidnight);
		Row before = steps.awaitFact(beforeMidnight);
		assertThat(after.localDay()).isEqualTo(LocalDate.of(2026, 3, 5));
		assertThat(after.localHour()).isZero();
		assertThat(after.weekday()).isEqualTo(4);
		assertThat(before.localDay()).isEqualTo(LocalDate.of(2026, 3, 4));
		assertThat(before.localHour()).isEqualTo(23);
		assertThat(before.weekday()).isEqualTo(3);
	}

	@Test
	void aCorrectedResultReplacesTheRow() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		String providerCallId = steps.missedByPoll("612345678", start, start.plusSeconds(20));
		long call = steps.callId(providerCallId);
		assertThat(steps.awaitFact(call).missed()).isTrue();

		steps.answeredAfterAll(providerCallId, start.plusSeconds(50), 30);

		Row fact = steps.awaitFact(call, (row) -> row.result() == CallResult.ANSWERED);
		assertThat(fact.missed()).isFalse();
		assertThat(fact.talkSeconds()).isEqualTo(30);
		assertThat(fact.callVersion()).isEqualTo(steps.callVersion(call));
		assertThat(steps.factCount()).isEqualTo(1);
	}

	@Test
	void aSavedDispositionGivesTheRowItsOutcomeAndCharge() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		TestUser supervisor = this.data.anyUser(steps.tenantId(), Role.SUPERVISOR);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long call = steps.answered("612345678", start, Duration.ofSeconds(5), start.plusSeconds(65));
		assertThat(steps.awaitFact(call).outcome()).isNull();

		this.api.as(supervisor.token())
			.put("/api/v1/calls/{id}/disposition",
					Map.of("outcome", "payment-promise", "notes", "pays Friday", "chargeAmount", "12.50"), call)
			.hasStatus(200);

		Row promised = steps.awaitFact(call, (row) -> "payment-promise".equals(row.outcome()));
		assertThat(promised.chargeAmount()).isEqualByComparingTo("12.50");
		assertThat(promised.chargeCurrency()).isEqualTo("EUR");

		this.api.as(supervisor.token())
			.put("/api/v1/calls/{id}/disposition", Map.of("outcome", "wrong-number"), call)
			.hasStatus(200);

		Row changed = steps.awaitFact(call, (row) -> "wrong-number".equals(row.outcome()));
		assertThat(changed.chargeAmount()).isNull();
		assertThat(changed.chargeCurrency()).isNull();
		assertThat(steps.factCount()).isEqualTo(1);
	}

	@Test
	void aDeletedAgentsCallsStayCountedUnderNoAgent() {
		FactSteps steps = steps("Europe/Madrid");
		TestUser agent = agentOf(steps);
		TestUser admin = this.data.anyUser(steps.tenantId(), Role.ADMIN);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long call = steps.answered("612345678", start, Duration.ofSeconds(5), start.plusSeconds(65));
		assertThat(steps.awaitFact(call).agentId()).isEqualTo(agent.id());

		this.api.as(admin.token()).delete("/api/v1/agents/{id}", agent.id()).hasStatus(204);

		Row fact = steps.fact(call).orElseThrow();
		assertThat(fact.agentId()).isNull();
		assertThat(fact.result()).isEqualTo(CallResult.ANSWERED);
	}

	@Test
	void aRejectedCallIsNotMissed() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");

		long rejected = steps.inbound("612999000", start, start.plusSeconds(1), CallResult.REJECTED);
		long busy = steps.inbound("612999001", start, start.plusSeconds(1), CallResult.BUSY);

		Row fact = steps.awaitFact(rejected);
		assertThat(fact.result()).isEqualTo(CallResult.REJECTED);
		assertThat(fact.missed()).isFalse();
		assertThat(fact.callbackSeconds()).isNull();
		assertThat(steps.awaitFact(busy).missed()).isTrue();
	}

	@Test
	void aFactOfAnOlderVersionNeverReplacesANewerOne() {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long call = steps.answered("612345678", start, Duration.ofSeconds(5), start.plusSeconds(65));
		Row stored = steps.awaitFact(call);
		CallFact current = CallFact.of(this.calls.get(steps.tenantId(), call), null, ZoneId.of("Europe/Madrid"),
				FakeTelephonyProvider.KEY);
		CallFact stale = new CallFact(current.callId(), current.tenantId(), current.callVersion() - 1, ZoneId.of("UTC"),
				current.startedAt(), current.endedAt(), current.localDay().minusDays(1), 3, 1, current.accountId(),
				current.provider(), null, null, current.direction(), CallResult.MISSED, true, null, null, null, null,
				"interested", null, null, current.externalNumber());

		Boolean written = this.transactions.execute((status) -> {
			this.writer.lockTenant(steps.tenantId());
			return this.facts.write(stale, this.facts.find(call).orElseThrow());
		});

		assertThat(written).isFalse();
		assertThat(steps.fact(call)).contains(stored);
	}

	@Test
	void writersOfOneTenantAtOnceWriteEachFactOnceAndLinkTheCallBack() throws Exception {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long missed = steps.inbound("612345678", start, start.plusSeconds(20), CallResult.MISSED);
		long callBack = steps.outbound("612345678", start.plusSeconds(620), start.plusSeconds(700),
				CallResult.ANSWERED);
		steps.awaitFact(missed, (row) -> row.callbackSeconds() != null);
		steps.awaitFact(callBack);
		steps.forgetFacts();
		List<Callable<Boolean>> writes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			writes.add(() -> this.writer.write(steps.tenantId(), missed));
			writes.add(() -> this.writer.write(steps.tenantId(), callBack));
		}

		ExecutorService pool = Executors.newFixedThreadPool(writes.size());
		try {
			for (Future<Boolean> write : pool.invokeAll(writes)) {
				assertThat(write.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(steps.factCount()).isEqualTo(2);
		assertThat(steps.fact(missed).orElseThrow().callbackSeconds()).isEqualTo(600);
	}

	@Test
	void aBurstOfWritesForOneTenantWritesEveryFactWithoutRunningOutOfConnections() throws Exception {
		FactSteps steps = steps("Europe/Madrid");
		int burst = 150;
		List<Long> ended = new ArrayList<>();
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		for (int i = 0; i < burst; i++) {
			ended.add(this.rows
				.call(steps.tenantId(), ZoneId.of("Europe/Madrid"), steps.account(),
						start.plusSeconds(60L * i).toString(),
						(i % 2 == 0) ? CallDirection.INBOUND : CallDirection.OUTBOUND, CallResult.MISSED)
				.number("+3461234" + (5000 + i % 7))
				.ring(10)
				.insert());
		}
		steps.forgetFacts();
		List<Callable<Boolean>> writes = ended.stream()
			.<Callable<Boolean>>map((call) -> () -> this.writer.write(steps.tenantId(), call))
			.toList();

		// More threads than the pool has connections, all for one tenant at once.
		ExecutorService pool = Executors.newFixedThreadPool(burst);
		try {
			for (Future<Boolean> write : pool.invokeAll(writes)) {
				assertThat(write.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(steps.factCount()).isEqualTo(burst);
	}

	@Test
	void writersWaitingForTheirTenantHoldNoDatabaseConnection() throws Exception {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long call = steps.inbound("612345678", start, start.plusSeconds(20), CallResult.MISSED);
		steps.awaitFact(call);
		HikariPoolMXBean connections = this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
		int waiting = 30;
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch counted = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(waiting + 1);
		try {
			Future<?> holder = pool.submit(() -> this.writer.locked(steps.tenantId(), (cursor) -> {
				locked.countDown();
				await(counted);
				return null;
			}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			List<Future<Boolean>> writes = new ArrayList<>();
			for (int i = 0; i < waiting; i++) {
				writes.add(pool.submit(() -> this.writer.write(steps.tenantId(), call)));
			}
			sleep(Duration.ofMillis(500));

			int active = connections.getActiveConnections();
			counted.countDown();

			assertThat(active).as("connections in use while %d writers wait", waiting).isLessThan(10);
			holder.get(10, TimeUnit.SECONDS);
			for (Future<Boolean> write : writes) {
				assertThat(write.get(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			counted.countDown();
			pool.shutdownNow();
		}
	}

	@Test
	void aWriterWaitsForTheFirstWriterOfATenantThatIsStillCreatingItsLock() throws Exception {
		FactSteps steps = steps("Europe/Madrid");
		agentOf(steps);
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		long call = steps.inbound("612345678", start, start.plusSeconds(20), CallResult.MISSED);
		steps.awaitFact(call);
		steps.forgetFacts();
		CountDownLatch locked = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = pool.submit(() -> this.transactions.executeWithoutResult((status) -> {
				this.writer.lockTenant(steps.tenantId());
				locked.countDown();
				sleep(Duration.ofMillis(700));
			}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Boolean> second = pool.submit(() -> this.writer.write(steps.tenantId(), call));

			first.get(10, TimeUnit.SECONDS);
			assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(steps.fact(call)).isPresent();
	}

	private long inboundCampaign(FactSteps steps, String line) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO campaigns (tenant_id, name, type, state, interaction, duplicates, inbound_account_id,
				  inbound_line, created_at, updated_at)
				VALUES (?, 'Inbound', 'INBOUND', 'ACTIVE', 'FORM', 'ALLOW', ?, ?, ?, ?)""")
			.params(steps.tenantId(), steps.accountId(), line, Jdbc.ts(now), Jdbc.ts(now))
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
