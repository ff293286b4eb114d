package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.support.CallFactsRecorder;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.OtherNode;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.context.annotation.Import;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ingestion inbox as webhooks use it ({@link CallEventSink#receive}): an event is
 * stored before the answer and applied once; an event acknowledged by a node that stops
 * before applying it is applied after, once; a stored event that cannot be applied is
 * retried later without holding up the other calls of its lane. Answers wait for the
 * apply here ({@code apply-wait} above 0), to test that mode too.
 */
@IntegrationTest
@TestPropertySource(properties = "callbridge.ingestion.apply-wait=30s")
@Import(CallFactsRecorder.class)
class InboxIngestionTests {

	private static final Instant T0 = Instant.parse("2026-11-05T09:00:00Z");

	@Autowired
	CallEventSink sink;

	@Autowired
	InboxLanes lanes;

	@Autowired
	IngestionProperties properties;

	@Autowired
	InboxLayout layout;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Autowired
	DataSource dataSource;

	@Autowired
	Originations originations;

	@Autowired
	CallFactsRecorder facts;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	InboxRows rows;

	@Autowired
	MeterRegistry meters;

	private TelephonyAccount account;

	private long agent;

	// On PostgreSQL the suite's other cached contexts are nodes of this database, and the
	// one started last set the count of lanes: the lanes computed here are this
	// context's.
	@BeforeEach
	void account() {
		this.layout.settle();
		long tenant = this.data.anyTenant();
		this.account = this.data.sandboxAccount(tenant);
		this.agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "101").id();
	}

	@Test
	void aReceivedEventIsAppliedBeforeTheAnswerAndLeavesTheInbox() {
		String call = newCallId();

		assertThat(this.sink.receive(started(call))).isEqualTo(Ingestion.APPLIED);
		assertThat(this.sink.receive(ended(call))).isEqualTo(Ingestion.APPLIED);
		assertThat(this.sink.receive(ended(call))).isEqualTo(Ingestion.DUPLICATE);

		assertThat(eventTypes(call)).containsExactly("STARTED", "ENDED");
		assertThat(state(call)).isEqualTo("ENDED");
		assertThat(inboxRows(call)).isZero();
	}

	@Test
	void aStoredEventIsTimedFromItsHandOverToTheWriterToItsCommit() {
		Timer stores = this.meters.get("callbridge.ingestion.inbox.store").timer();
		Timer writes = this.meters.get("callbridge.ingestion.inbox.write").timer();
		long storedBefore = stores.count();
		double storeTimeBefore = stores.totalTime(TimeUnit.NANOSECONDS);
		long writesBefore = writes.count();

		this.sink.receive(started(newCallId()));
		this.sink.receive(started(newCallId()));

		assertThat(stores.count()).isEqualTo(storedBefore + 2);
		assertThat(stores.totalTime(TimeUnit.NANOSECONDS)).isGreaterThan(storeTimeBefore);
		assertThat(writes.count()).isBetween(writesBefore + 1, writesBefore + 2);
	}

	@Test
	void anEventAcknowledgedByANodeThatStopsBeforeApplyingItIsAppliedOnceAfter() {
		String call = newCallId();
		this.lanes.stop();
		try {
			try (ConfigurableApplicationContext crashing = otherNode()) {
				// The node takes the events (the provider got its 2xx) and stops before
				// any
				// lane applies them.
				crashing.getBean(InboxLanes.class).stop();
				CallEventSink other = crashing.getBean(CallEventSink.class);
				assertThat(other.receive(started(call))).isEqualTo(Ingestion.QUEUED);
				assertThat(other.receive(answered(call))).isEqualTo(Ingestion.QUEUED);
				assertThat(other.receive(ended(call))).isEqualTo(Ingestion.QUEUED);
			}
			assertThat(inboxRows(call)).isEqualTo(3);
			if (h2()) {
				// On PostgreSQL the suite's other cached nodes may apply them already.
				assertThat(callCount(call)).isZero();
			}
		}
		finally {
			this.lanes.start();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		assertThat(eventTypes(call)).containsExactly("STARTED", "ANSWERED", "ENDED");
		assertThat(state(call)).isEqualTo("ENDED");
		assertThat(this.sink.receive(ended(call))).isEqualTo(Ingestion.DUPLICATE);
		assertThat(eventTypes(call)).hasSize(3);
	}

	@Test
	void aWebhookAnsweredBeforeItsEventIsAppliedLeavesNobodyWaitingForIt() {
		String call = newCallId();
		this.lanes.stop();
		try (ConfigurableApplicationContext node = otherNode()) {
			// Its lanes stopped, as when another node's lane takes the event: this node
			// would never hear that it was applied.
			node.getBean(InboxLanes.class).stop();

			assertThat(node.getBean(CallEventSink.class).receive(started(call))).isEqualTo(Ingestion.QUEUED);

			assertThat(node.getBean(InboxNotices.class).waiting()).isZero();
		}
		finally {
			this.lanes.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
	}

	@Test
	void aStoredEventThatCannotBeAppliedWaitsForItsRetryWithoutHoldingUpItsLane() {
		String broken = newCallId();
		String fine = newCallId();
		int lane = this.layout.laneOf(this.account.id(), fine);
		this.jdbc.sql("""
				INSERT INTO call_event_inbox (tenant_id, account_id, provider_call_id, lane, event, received_at)
				VALUES (?, ?, ?, ?, '{"not": "an event"}', CURRENT_TIMESTAMP)""")
			.params(this.account.tenantId(), this.account.id(), broken, lane)
			.update();

		assertThat(this.sink.receive(started(fine))).isEqualTo(Ingestion.APPLIED);

		assertThat(eventTypes(fine)).containsExactly("STARTED");
		await().atMost(Duration.ofSeconds(30)).until(() -> attempts(broken) >= 1);
		Map<String, Object> row = this.jdbc
			.sql("SELECT attempts, not_before, last_error FROM call_event_inbox WHERE provider_call_id = ?")
			.param(broken)
			.query()
			.singleRow();
		assertThat(row.get("not_before")).isNotNull();
		assertThat((String) row.get("last_error")).isNotBlank();
		assertThat(callCount(broken)).isZero();
		this.jdbc.sql("DELETE FROM call_event_inbox WHERE provider_call_id = ?").param(broken).update();
	}

	@Test
	void anEventStoredBelowTheIdsItsLaneHasClaimedIsAppliedAllTheSame() {
		// As when another node's writer commits after events with higher ids were
		// applied:
		// the lane claims after the highest id it has seen, and from the start now and
		// then.
		String first = newCallId();
		int lane = this.layout.laneOf(this.account.id(), first);
		String late = newCallId();
		while (this.layout.laneOf(this.account.id(), late) != lane) {
			late = newCallId();
		}
		// Stored first, so below the other, but claimable only after the other is
		// applied.
		long lateId = store(started(late), lane, Instant.now().plus(Duration.ofDays(1)));
		store(started(first), lane);
		await().atMost(Duration.ofSeconds(30)).until(() -> callCount(first) == 1 && inboxRows(first) == 0);

		this.jdbc.sql("UPDATE call_event_inbox SET not_before = NULL WHERE id = ?").param(lateId).update();

		String lateCall = late;
		await().atMost(Duration.ofSeconds(30)).until(() -> callCount(lateCall) == 1 && inboxRows(lateCall) == 0);
		assertThat(eventTypes(late)).containsExactly("STARTED");
	}

	@Test
	void aBatchOfSeveralCallsStoredAndNewAppliesEachEventOnceAsIfAppliedOneByOne() {
		String stored = newCallId();
		int lane = this.layout.laneOf(this.account.id(), stored);
		String ringing = callIn(lane);
		String started = callIn(lane);
		String startedAgain = callIn(lane);
		assertThat(this.sink.receive(started(stored))).isEqualTo(Ingestion.APPLIED);
		assertThat(this.sink.receive(started(startedAgain))).isEqualTo(Ingestion.APPLIED);
		long storedVersion = version(stored);
		double appliedAgain = counted("callbridge.ingestion.inbox.stored.meanwhile");
		double failed = counted("callbridge.ingestion.inbox.failures");
		this.lanes.stop();
		try {
			store(answered(stored), lane);
			store(event(ringing, CallEventType.RINGING, T0).extension("101")
				.direction(CallDirection.INBOUND)
				.externalNumber("612345679")
				.build(), lane);
			store(started(started), lane);
			store(ended(stored), lane);
			store(ended(stored), lane);
			store(started(stored), lane);
			// A start again, taken for a new call (not looked up first): on H2 its row is
			// skipped as stored and the batch goes on with it; on PostgreSQL, where the
			// new calls are inserted once applied, the batch is applied again.
			store(started(startedAgain), lane);
			store(ended(startedAgain), lane);

			int taken = this.lanes.drain(lane);

			if (h2()) {
				// On PostgreSQL the suite's other cached nodes may take some of them.
				assertThat(taken).isEqualTo(8);
				// H2 inserts new calls at once.
				assertThat(counted("callbridge.ingestion.inbox.stored.meanwhile")).isEqualTo(appliedAgain);
			}
			else if (taken == 8) {
				// PostgreSQL inserts a batch's new calls once applied: the two starts
				// again
				// find their rows stored, and the batch is applied a second time, in one
				// transaction — not call by call.
				assertThat(counted("callbridge.ingestion.inbox.stored.meanwhile")).isEqualTo(appliedAgain + 1);
			}
			assertThat(counted("callbridge.ingestion.inbox.failures")).isEqualTo(failed);
		}
		finally {
			this.lanes.start();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> inboxRows(stored) + inboxRows(ringing) + inboxRows(started) + inboxRows(startedAgain) == 0);
		assertThat(eventTypes(stored)).containsExactly("STARTED", "ANSWERED", "ENDED");
		assertThat(state(stored)).isEqualTo("ENDED");
		// Its answer and end, applied together: two changes, as if applied one by one —
		// not only the net change (ended).
		assertThat(version(stored)).isEqualTo(storedVersion + 2);
		assertThat(this.facts.of(callId(stored))).extracting((fact) -> fact.getClass().getSimpleName())
			.containsExactly("CallAnswered", "CallEnded");
		assertThat(eventTypes(ringing)).containsExactly("RINGING");
		assertThat(state(ringing)).isEqualTo("RINGING");
		assertThat(eventTypes(started)).containsExactly("STARTED");
		assertThat(eventTypes(startedAgain)).containsExactly("STARTED", "ENDED");
		assertThat(state(startedAgain)).isEqualTo("ENDED");
		assertThat(callCount(stored) + callCount(ringing) + callCount(started) + callCount(startedAgain)).isEqualTo(4);
	}

	@Test
	void aBatchDoesNotWaitOutOfKeyOrderForACallAnotherTransactionHolds() throws Exception {
		// Nodes share a database on PostgreSQL only; H2's insert of a stored key waits
		// for
		// the row's lock before it fails, so there the insert itself would wait.
		assumeTrue(!h2(), "several nodes' lanes share calls on PostgreSQL only");
		String held = newCallId();
		int lane = this.layout.laneOf(this.account.id(), held);
		// Before the held call in key order, so that the batch applied again call by call
		// comes to it first.
		String fresh = callInBefore(lane, held);
		assertThat(this.sink.receive(started(held))).isEqualTo(Ingestion.APPLIED);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.lanes.stop();
		// Threads of their own: the common pool may have a single one.
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			// Another transaction holding the call (a poll's, the call history's).
			CompletableFuture<Void> holder = CompletableFuture.runAsync(
					() -> this.transactions.executeWithoutResult((status) -> holdUntil(held, locked, release)),
					threads);
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
			store(started(fresh), lane);
			// A start again: inserted with the new call without looking first, skipped as
			// stored, then locked after the new call's insert — out of key order.
			store(started(held), lane);

			CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> this.lanes.drain(lane), threads);

			// The new call is applied while the other is held: the batch did not wait
			// holding the new call's row (the other holder may be waiting for it).
			await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(fresh).equals(List.of("STARTED")));
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
			drained.get(30, TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			this.lanes.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(held) + inboxRows(fresh) == 0);
		assertThat(eventTypes(held)).containsExactly("STARTED");
		assertThat(callCount(held) + callCount(fresh)).isEqualTo(2);
	}

	@Test
	void aLaneRunsOneTransactionAtATimeAcrossNodes() throws Exception {
		withLaneHeldByAnotherNode((held) -> {
			store(started(held.call()), held.lane());

			CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> this.lanes.drain(held.lane()),
					held.threads());

			await().atMost(Duration.ofSeconds(30)).until(() -> waitingForLane(held.lane()));
			assertThat(inboxRows(held.call())).isEqualTo(1);
			held.letGo();
			// Applied by this drain, or by the lanes started again afterwards if the lane
			// stayed held past the poll interval this drain waits at most.
			drained.exceptionally((ex) -> {
				assertThat(ex).hasCauseInstanceOf(CannotAcquireLockException.class);
				return 0;
			}).get(30, TimeUnit.SECONDS);
		});
	}

	@Test
	void aLaneWaitsForItsLaneHeldByAnotherNodeAtMostAPollInterval() throws Exception {
		// The other node's transaction does not end (a node that stopped answering): the
		// lane gives its node's turn back, not keeping it.
		withLaneHeldByAnotherNode((held) -> {
			store(started(held.call()), held.lane());
			CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> this.lanes.drain(held.lane()),
					held.threads());
			assertThatThrownBy(() -> drained.get(this.properties.pollInterval().toSeconds() + 10, TimeUnit.SECONDS))
				.hasCauseInstanceOf(CannotAcquireLockException.class);
			assertThat(inboxRows(held.call())).isEqualTo(1);
		});
	}

	@Test
	void aNodeRunsAtMostItsConcurrencyOfLaneTransactionsAtOnce() {
		assumeTrue(h2(), "on PostgreSQL the suite's other cached contexts, nodes of the same database, apply "
				+ "these events too");
		String first = callIn(0);
		String second = callIn(1);
		this.lanes.stop();
		LaneGate.close();
		try (ConfigurableApplicationContext other = OtherNode.start(this.environment, this.dataSource,
				List.of(LaneGate.class), "--callbridge.ingestion.apply-wait=0s",
				"--callbridge.ingestion.concurrency=1")) {
			InboxLanes otherLanes = other.getBean(InboxLanes.class);
			CallEventSink otherSink = other.getBean(CallEventSink.class);
			assertThat(otherSink.receive(started(first))).isEqualTo(Ingestion.QUEUED);
			assertThat(otherSink.receive(ended(first))).isEqualTo(Ingestion.QUEUED);
			// The first call's lane transaction is held inside, with the node's only
			// turn.
			await().atMost(Duration.ofSeconds(30)).until(() -> LaneGate.inside() == 1);
			assertThat(otherSink.receive(started(second))).isEqualTo(Ingestion.QUEUED);
			assertThat(otherSink.receive(ended(second))).isEqualTo(Ingestion.QUEUED);
			// Without the cap the second call's lane applies it beside the first.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> otherLanes.waitingForTurn() > 0 || LaneGate.inside() > 1);
			assertThat(LaneGate.inside()).isEqualTo(1);
			assertThat(inboxRows(second)).isEqualTo(2);
			LaneGate.open();
			await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(first) + inboxRows(second) == 0);
			// Every turn given back, none twice.
			otherLanes.stop();
			assertThat(otherLanes.turnsFree()).isEqualTo(1);
		}
		finally {
			LaneGate.open();
			this.lanes.start();
		}
		assertThat(LaneGate.mostInside()).isEqualTo(1);
		assertThat(eventTypes(first)).containsExactly("STARTED", "ENDED");
		assertThat(eventTypes(second)).containsExactly("STARTED", "ENDED");
	}

	@Test
	void aLaneFindingNothingInItsFreeLaneDoesNotWaitForIt() {
		assumeTrue(!h2(), "nodes share the inbox on PostgreSQL only");
		// A lane no node runs (above every count), so that nobody else holds it.
		int lane = IngestionProperties.MAX_LANES - 1;
		Timer waits = this.meters.get("callbridge.ingestion.inbox.lane.wait").timer();
		// This node's own lanes stopped: they would count their waits on the same timer.
		this.lanes.stop();
		try {
			long before = waits.count();

			assertThat(this.lanes.drain(lane)).isZero();

			// Taken at once: no wait, so no turn given up and queued for again.
			assertThat(waits.count()).isEqualTo(before);
		}
		finally {
			this.lanes.start();
		}
	}

	@Test
	void aLaneWaitingForItsLaneHeldByAnotherNodeLeavesItsNodesTurnToTheOtherLanes() throws Exception {
		withLaneHeldByAnotherNode((held) -> {
			try (ConfigurableApplicationContext other = OtherNode.start(this.environment, this.dataSource,
					"--callbridge.ingestion.apply-wait=0s", "--callbridge.ingestion.concurrency=1",
					"--callbridge.ingestion.poll-interval=60s")) {
				InboxLanes otherLanes = other.getBean(InboxLanes.class);
				assertThat(other.getBean(CallEventSink.class).receive(started(held.call())))
					.isEqualTo(Ingestion.QUEUED);
				// Its lane waits for the lane (60 s at most) with the node's only turn
				// free for its other lanes, which nobody else may be running.
				await().atMost(Duration.ofSeconds(30))
					.until(() -> otherLanes.waitingForTheirLane() == 1 && otherLanes.turnsFree() == 1);
				held.letGo();
				await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(held.call()) == 0);
				// Every turn given back, none twice.
				otherLanes.stop();
				assertThat(otherLanes.turnsFree()).isEqualTo(1);
				assertThat(otherLanes.waitingForTheirLane()).isZero();
			}
		});
	}

	/**
	 * A new call whose lane another node's transaction holds.
	 *
	 * @param call the call's provider id
	 * @param lane its lane
	 * @param threads threads for the scenario's own work
	 * @param release lets the other node's transaction end
	 * @param holder that transaction
	 */
	private record HeldLane(String call, int lane, ExecutorService threads, CountDownLatch release,
			CompletableFuture<Void> holder) {

		/** Ends the other node's transaction, and waits until it has. */
		void letGo() throws Exception {
			this.release.countDown();
			this.holder.get(30, TimeUnit.SECONDS);
		}

	}

	@FunctionalInterface
	private interface LaneHeldScenario {

		void run(HeldLane held) throws Exception;

	}

	// PostgreSQL, where nodes share the inbox: runs the scenario with this node's lanes
	// stopped and a new call's lane held by another node's transaction, released at the
	// latest when the scenario ends; the call's start, stored by the scenario, is then
	// applied once.
	private void withLaneHeldByAnotherNode(LaneHeldScenario scenario) throws Exception {
		assumeTrue(!h2(), "nodes share the inbox on PostgreSQL only");
		String call = newCallId();
		int lane = this.layout.laneOf(this.account.id(), call);
		CountDownLatch release = new CountDownLatch(1);
		this.lanes.stop();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			HeldLane held = new HeldLane(call, lane, threads, release, holdLane(lane, release, threads));
			scenario.run(held);
			held.letGo();
		}
		finally {
			release.countDown();
			this.lanes.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		assertThat(eventTypes(call)).containsExactly("STARTED");
	}

	// Another node's transaction of the lane, held until released (it has the lane when
	// this returns).
	private CompletableFuture<Void> holdLane(int lane, CountDownLatch release, ExecutorService threads)
			throws InterruptedException {
		CountDownLatch taken = new CountDownLatch(1);
		CompletableFuture<Void> holder = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				this.rows.takeLane(lane);
				taken.countDown();
				awaitQuietly(release);
			}), threads);
		assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();
		return holder;
	}

	// A transaction of this database waits for the lane's advisory lock
	// (InboxRows.takeLane; first key "CBLN").
	private boolean waitingForLane(int lane) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM pg_locks
				WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2 AND classid = CAST(? AS oid)
				  AND objid = CAST(? AS oid)
				  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""")
			.params(0x43424C4E, lane)
			.query(Long.class)
			.single() > 0;
	}

	private double counted(String counter) {
		return this.meters.get(counter).counter().count();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void holdUntil(String call, CountDownLatch locked, CountDownLatch release) {
		this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ? FOR UPDATE")
			.params(this.account.id(), call)
			.query(Long.class)
			.single();
		locked.countDown();
		awaitQuietly(release);
	}

	@Test
	void aBatchOfNewCallsLinksEachToTheOneContactOfItsNumber() {
		long tenant = this.account.tenantId();
		long alone = this.data.anyContact(tenant, "Alone", "+34612345601").id();
		this.data.anyContact(tenant, "Shared A", "+34612345602");
		this.data.anyContact(tenant, "Shared B", "+34612345602");
		String first = newCallId();
		int lane = this.layout.laneOf(this.account.id(), first);
		String shared = callIn(lane);
		String unknown = callIn(lane);
		String again = callIn(lane);
		String withheld = callIn(lane);
		this.lanes.stop();
		try {
			store(ringFrom(first, "612345601"), lane);
			store(ringFrom(shared, "612 345 602"), lane);
			store(ringFrom(unknown, "612345603"), lane);
			store(ringFrom(again, "+34612345601"), lane);
			store(ringFrom(withheld, "anonymous"), lane);

			int taken = this.lanes.drain(lane);

			if (h2()) {
				// On PostgreSQL the suite's other cached nodes may take some of them.
				assertThat(taken).isEqualTo(5);
			}
		}
		finally {
			this.lanes.start();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> inboxRows(first) + inboxRows(shared) + inboxRows(unknown) + inboxRows(again)
					+ inboxRows(withheld) == 0);
		assertThat(contactOf(first)).isEqualTo(alone);
		assertThat(contactOf(again)).isEqualTo(alone);
		assertThat(contactOf(shared)).as("two contacts have the number: the pop-up chooses").isNull();
		assertThat(contactOf(unknown)).isNull();
		assertThat(contactOf(withheld)).isNull();
	}

	@Test
	void aBatchOfNewCallsFindsTheClickToCallRequestsTheyBelongTo() {
		long tenant = this.account.tenantId();
		long reversedRequest = this.originations.record(tenant, this.account.id(), this.agent, "101", "+34612345611",
				null);
		String out = newCallId();
		long byIdRequest = this.originations.record(tenant, this.account.id(), this.agent, "101", "+34612345612", null);
		this.originations.accepted(byIdRequest, out);
		int lane = this.layout.laneOf(this.account.id(), out);
		String reversed = callIn(lane);
		String inbound = callIn(lane);
		String elsewhere = callIn(lane);
		Instant now = Instant.now();
		this.lanes.stop();
		try {
			// The contact rings the agent's extension moments after the agent asked to
			// call them: that click-to-call, reported the other way round.
			store(ringAt(reversed, "612345611", now), lane);
			store(event(out, CallEventType.STARTED, now).direction(CallDirection.OUTBOUND)
				.externalNumber("612345612")
				.extension("101")
				.build(), lane);
			store(ringAt(inbound, "612345613", now), lane);
			// The number of the first request, five minutes later: no longer its call.
			store(ringAt(elsewhere, "612345611", now.plus(Duration.ofMinutes(5))), lane);

			int taken = this.lanes.drain(lane);

			if (h2()) {
				assertThat(taken).isEqualTo(4);
			}
		}
		finally {
			this.lanes.start();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> inboxRows(reversed) + inboxRows(out) + inboxRows(inbound) + inboxRows(elsewhere) == 0);
		assertThat(origin(reversed)).isEqualTo("OUTBOUND " + this.agent);
		assertThat(origin(out)).isEqualTo("OUTBOUND " + this.agent);
		assertThat(origin(inbound)).isEqualTo("INBOUND null");
		assertThat(origin(elsewhere)).isEqualTo("INBOUND null");
		assertThat(requestCall(reversedRequest)).isEqualTo(callId(reversed));
		assertThat(requestCall(byIdRequest)).isEqualTo(callId(out));
	}

	private ProviderCallEvent ringAt(String call, String number, Instant at) {
		return event(call, CallEventType.RINGING, at).direction(CallDirection.INBOUND)
			.externalNumber(number)
			.extension("101")
			.build();
	}

	private String origin(String call) {
		return this.jdbc.sql("SELECT direction, originated_by FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), call)
			.query((rs, n) -> rs.getString("direction") + " " + rs.getObject("originated_by", Long.class))
			.single();
	}

	private long callId(String call) {
		return this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), call)
			.query(Long.class)
			.single();
	}

	private Long requestCall(long request) {
		return this.jdbc.sql("SELECT call_id FROM originations WHERE id = ?")
			.param(request)
			.query((rs, n) -> rs.getObject("call_id", Long.class))
			.single();
	}

	private ProviderCallEvent ringFrom(String call, String number) {
		return event(call, CallEventType.STARTED, T0).direction(CallDirection.INBOUND)
			.externalNumber(number)
			.extension("101")
			.build();
	}

	private Long contactOf(String call) {
		return this.jdbc.sql("SELECT contact_id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), call)
			.query((rs, n) -> Optional.ofNullable(rs.getObject("contact_id", Long.class)))
			.single()
			.orElse(null);
	}

	private String callIn(int lane) {
		String call = newCallId();
		while (this.layout.laneOf(this.account.id(), call) != lane) {
			call = newCallId();
		}
		return call;
	}

	private String callInBefore(int lane, String other) {
		String call = callIn(lane);
		while (call.compareTo(other) > 0) {
			call = callIn(lane);
		}
		return call;
	}

	private long version(String call) {
		return this.jdbc.sql("SELECT version FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), call)
			.query(Long.class)
			.single();
	}

	// Stored as the writer stores it, its id from the table's sequence: events stored
	// one after another are claimed in that order. (Ids chosen by hand above the
	// sequence's left this context's lanes claiming after them, so every later event of
	// the context waited for a claim from the start, once per poll interval.)
	private long store(ProviderCallEvent event, int lane) {
		return store(event, lane, null);
	}

	// Not claimed before notBefore, when given.
	private long store(ProviderCallEvent event, int lane, @Nullable Instant notBefore) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO call_event_inbox (tenant_id, account_id, provider_call_id, lane, event, received_at,
				    not_before)
				VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?)""")
			.params(this.account.tenantId(), this.account.id(), event.providerCallId(), lane,
					InboxApplier.encode(StorableEvent.of(event)), Jdbc.ts(notBefore))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	@Test
	void aWebhookWhoseEventAnotherNodeAppliesIsAnsweredAsApplied() {
		String call = newCallId();
		try (ConfigurableApplicationContext other = otherNode()) {
			this.lanes.stop();
			try {
				// Only the other node's lanes run: this node never hears of the
				// application
				// and finds it in the database instead (without that: QUEUED after the
				// class's 30 s apply-wait).
				assertThat(this.sink.receive(started(call))).isEqualTo(Ingestion.APPLIED);
			}
			finally {
				this.lanes.start();
			}
		}
		assertThat(eventTypes(call)).containsExactly("STARTED");
		assertThat(inboxRows(call)).isZero();
	}

	private ConfigurableApplicationContext otherNode() {
		return OtherNode.start(this.environment, this.dataSource, "--callbridge.ingestion.apply-wait=200ms");
	}

	private static boolean h2() {
		return OtherNode.h2();
	}

	private ProviderCallEvent started(String call) {
		return event(call, CallEventType.STARTED, T0).direction(CallDirection.INBOUND)
			.externalNumber("612345678")
			.build();
	}

	private ProviderCallEvent answered(String call) {
		return event(call, CallEventType.ANSWERED, T0.plusSeconds(5)).extension("101").build();
	}

	private ProviderCallEvent ended(String call) {
		return event(call, CallEventType.ENDED, T0.plusSeconds(65)).result(CallResult.ANSWERED)
			.extension("101")
			.talkSeconds(60)
			.build();
	}

	private ProviderCallEvent.Builder event(String call, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), call, type, at).rawPayload("{\"call\":\"" + call + "\"}");
	}

	private List<String> eventTypes(String call) {
		return InboxQueries.eventTypes(this.jdbc, this.account.id(), call);
	}

	private String state(String call) {
		return this.jdbc.sql("SELECT state FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), call)
			.query(String.class)
			.single();
	}

	private long callCount(String call) {
		return this.jdbc.sql("SELECT COUNT(*) FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), call)
			.query(Long.class)
			.single();
	}

	private long inboxRows(String call) {
		return InboxQueries.inboxRows(this.jdbc, call);
	}

	private int attempts(String call) {
		return this.jdbc.sql("SELECT COALESCE(MAX(attempts), 0) FROM call_event_inbox WHERE provider_call_id = ?")
			.param(call)
			.query(Integer.class)
			.single();
	}

	private static String newCallId() {
		return "inbox-" + UUID.randomUUID();
	}

}
