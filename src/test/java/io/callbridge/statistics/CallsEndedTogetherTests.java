package io.callbridge.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.callbridge.calls.CallEnded;
import io.callbridge.support.IntegrationTest;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The calls one transaction completes (an ingestion lane's batch) are queued for their
 * facts with the transaction's changes and written after its commit; a transaction that
 * rolls back queues none; calls left in the queue (by a node that stopped before writing
 * them) are written all the same.
 */
@IntegrationTest
class CallsEndedTogetherTests {

	private static final Instant START = Instant.parse("2026-05-04T10:00:00Z");

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
	ApplicationEventPublisher publisher;

	private FactSteps steps;

	private List<Long> calls;

	@BeforeEach
	void endedCallsWithoutFacts() {
		this.steps = FactSteps.newTenant(ZoneId.of("Europe/Madrid"), this.tenants, this.accounts, this.sink, this.jdbc,
				this.transactions);
		this.calls = List.of(this.steps.inbound("612000101", START, START.plusSeconds(20), CallResult.MISSED),
				this.steps.inbound("612000102", START.plusSeconds(60), START.plusSeconds(90), CallResult.BUSY),
				this.steps.outbound("612000101", START.plusSeconds(600), START.plusSeconds(700), CallResult.ANSWERED));
		this.calls.forEach(this.steps::awaitFact);
		this.jdbc.sql("DELETE FROM call_facts WHERE call_id IN (:ids)").param("ids", this.calls).update();
	}

	@Test
	void theCallsOfOneTransactionAreQueuedWithItsChangesAndWrittenAfterItsCommit() {
		this.transactions.executeWithoutResult((status) -> {
			this.calls.forEach(this::ended);
			// Queued just before the commit.
			assertThat(queued()).isEmpty();
		});

		this.calls.forEach(this.steps::awaitFact);
		assertThat(this.steps.fact(this.calls.get(0)).orElseThrow().callbackSeconds()).isEqualTo(580);
		await().atMost(Duration.ofSeconds(30)).until(() -> queued().isEmpty());
	}

	@Test
	void aTransactionThatRollsBackQueuesNone() {
		this.transactions.executeWithoutResult((status) -> {
			this.calls.forEach(this::ended);
			status.setRollbackOnly();
		});

		assertThat(queued()).isEmpty();
		assertThat(this.calls).allSatisfy((call) -> assertThat(this.steps.fact(call)).isEmpty());
	}

	@Test
	void callsLeftInTheQueueByANodeThatStoppedAreWritten() {
		// Queued and committed, with nobody told (the node stopped right after its
		// commit).
		this.calls.forEach((call) -> this.jdbc.sql("INSERT INTO call_facts_due (tenant_id, call_id) VALUES (?, ?)")
			.params(this.steps.tenantId(), call)
			.update());

		this.calls.forEach(this.steps::awaitFact);
		assertThat(this.steps.fact(this.calls.get(0)).orElseThrow().callbackSeconds()).isEqualTo(580);
		await().atMost(Duration.ofSeconds(30)).until(() -> queued().isEmpty());
	}

	private List<Long> queued() {
		return this.jdbc.sql("SELECT call_id FROM call_facts_due WHERE tenant_id = ?")
			.param(this.steps.tenantId())
			.query(Long.class)
			.list();
	}

	private void ended(long callId) {
		this.publisher.publishEvent(new CallEnded(this.steps.tenantId(), callId, this.steps.callVersion(callId),
				CallResult.MISSED, null, false, Instant.now()));
	}

}
