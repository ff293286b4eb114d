package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

import javax.sql.DataSource;

import io.callbridge.shared.Jdbc;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * One count of lanes for every node ({@link InboxLayout}): events left in lanes a new
 * count no longer has are applied, a running node follows the count a node started with
 * another one set, and one call's events go to one lane whichever node stores them. Other
 * nodes are further application contexts on the same database; on PostgreSQL the suite's
 * other cached contexts are nodes too, so what only this node can have done is checked on
 * H2.
 */
@IntegrationTest
class InboxLayoutTests {

	private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

	@Autowired
	CallEventSink sink;

	@Autowired
	InboxLanes lanes;

	@Autowired
	InboxLayout layout;

	@Autowired
	IngestionProperties properties;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	InboxRows rows;

	private TelephonyAccount account;

	@BeforeEach
	void account() {
		this.account = this.data.sandboxAccount(this.data.anyTenant());
		this.layout.settle();
	}

	// This context's count again for the classes after this one.
	@AfterEach
	void ownCount() {
		this.layout.settle();
	}

	@Test
	void eventsWaitingInLanesANodeRestartedWithFewerLanesNoLongerHasAreApplied() {
		int configured = this.properties.lanes();
		String call = callWhere((lane) -> lane >= configured, configured + 5);
		this.lanes.stop();
		try {
			try (ConfigurableApplicationContext wider = otherNode(configured + 5)) {
				// The wider node takes the events (acknowledged) and stops before any
				// lane
				// applies them: they wait in a lane beyond this node's count.
				wider.getBean(InboxLanes.class).stop();
				CallEventSink other = wider.getBean(CallEventSink.class);
				assertThat(other.receive(started(call))).isEqualTo(Ingestion.QUEUED);
				assertThat(other.receive(ended(call))).isEqualTo(Ingestion.QUEUED);
			}
			if (h2()) {
				assertThat(lanesOf(call)).allMatch((lane) -> lane >= configured);
			}
		}
		finally {
			// This node starts again with its own count, as after a restart.
			this.lanes.start();
		}
		if (h2()) {
			// Moved by the start itself (or applied already), not a poll interval later.
			assertThat(lanesOf(call)).allMatch((lane) -> lane < configured);
		}
		assertThat(storedCount()).isEqualTo(configured);
		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		assertThat(eventTypes(call)).containsExactly("STARTED", "ENDED");
	}

	@Test
	void aRunningNodeTakesTheCountOfANodeStartedWithAnotherAndRunsItsLanes() {
		int wider = this.properties.lanes() + 2;
		String call = callWhere((lane) -> lane >= this.properties.lanes(), wider);
		try (ConfigurableApplicationContext other = otherNode(wider)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.layout.lanes() == wider);
			// Only this node's lanes run: it applies the event the other node stored in
			// a lane this node did not have before.
			other.getBean(InboxLanes.class).stop();
			assertThat(other.getBean(CallEventSink.class).receive(started(call))).isEqualTo(Ingestion.QUEUED);
			await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		}
		assertThat(eventTypes(call)).containsExactly("STARTED");
	}

	@Test
	void oneCallsEventsStoredByTwoNodesGoToOneLaneAtOnceAfterTheCountChanged() {
		int wider = this.properties.lanes() + 3;
		String call = callWhere((lane) -> lane >= this.properties.lanes(), wider);
		this.lanes.stop();
		try (ConfigurableApplicationContext other = otherNode(wider)) {
			InboxLanes otherLanes = other.getBean(InboxLanes.class);
			otherLanes.stop();
			try {
				// This node has not looked at the count since the other node changed it:
				// its writer stores under the new count all the same.
				assertThat(this.sink.receive(started(call))).isEqualTo(Ingestion.QUEUED);
				assertThat(other.getBean(CallEventSink.class).receive(ended(call))).isEqualTo(Ingestion.QUEUED);
				if (h2()) {
					assertThat(lanesOf(call)).hasSize(2)
						.containsOnly(InboxLayout.laneOf(this.account.id(), call, wider));
				}
			}
			finally {
				// The other node, started again with the same count, applies both.
				otherLanes.start();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		}
		finally {
			this.lanes.start();
		}
		assertThat(eventTypes(call)).containsExactly("STARTED", "ENDED");
	}

	@Test
	void eventsWaitingWhenANodeStartsWithMoreLanesAreMovedSoThatLaterOnesDoNotOvertakeThem() {
		int configured = this.properties.lanes();
		int wider = configured + 4;
		String call = callMovedBetween(configured, wider);
		// Waiting (for a retry an hour away), in its lane under this node's count.
		long waiting = store(started(call), InboxLayout.laneOf(this.account.id(), call, configured),
				Instant.now().plus(Duration.ofHours(1)));
		try (ConfigurableApplicationContext other = otherNode(wider)) {
			// The node started with more lanes moved it to the lane its call's next
			// events go to.
			assertThat(lanesOf(call)).containsExactly(InboxLayout.laneOf(this.account.id(), call, wider));
			this.jdbc.sql("UPDATE call_event_inbox SET not_before = NULL WHERE id = ?").param(waiting).update();
			assertThat(other.getBean(CallEventSink.class).receive(ended(call))).isNotNull();
			await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		}
		assertThat(eventTypes(call)).containsExactly("STARTED", "ENDED");
	}

	@Test
	void anEventMovedIntoALaneThatClaimedPastItIsNotOvertakenByItsCallsNextEvent() {
		int configured = this.properties.lanes();
		int wider = configured + 2;
		// Its lane under the wider count is one this node runs already, not its own.
		String call = callWhere((lane) -> lane < configured, wider);
		while (InboxLayout.laneOf(this.account.id(), call, configured) == InboxLayout.laneOf(this.account.id(), call,
				wider)) {
			call = callWhere((lane) -> lane < configured, wider);
		}
		String moved = call;
		int target = InboxLayout.laneOf(this.account.id(), moved, wider);
		long waiting = store(started(moved), InboxLayout.laneOf(this.account.id(), moved, configured),
				Instant.now().plus(Duration.ofHours(1)));
		// That lane claims a later event of another call, past the waiting one's id.
		String other = callWhere((lane) -> lane == target, configured);
		this.sink.receive(started(other));
		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(other) == 0);
		try (ConfigurableApplicationContext node = otherNode(wider)) {
			// Only this node's lanes apply: it follows the count, and its lane finds the
			// moved event below the ids it claimed.
			node.getBean(InboxLanes.class).stop();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.layout.lanes() == wider);
			this.jdbc.sql("UPDATE call_event_inbox SET not_before = NULL WHERE id = ?").param(waiting).update();
			assertThat(this.sink.receive(ended(moved))).isNotNull();
			await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(moved) == 0);
		}
		assertThat(eventTypes(moved)).containsExactly("STARTED", "ENDED");
	}

	@Test
	void anEventStoredWhileAnotherNodeChangesTheCountEndsInItsLaneUnderTheNewCount() throws Exception {
		int wider = this.properties.lanes() + 3;
		String call = callMovedBetween(this.properties.lanes(), wider);
		CountDownLatch countRead = new CountDownLatch(1);
		CountDownLatch store = new CountDownLatch(1);
		// A writer's transaction: the count read, the event stored under it a moment
		// later (held back by not_before, so that no lane applies it before it is seen).
		// Threads of their own: the common pool may have a single one.
		ExecutorService threads = Executors.newFixedThreadPool(2);
		CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> this.transactions.execute((status) -> {
			int count = this.layout.lanesForWrite();
			countRead.countDown();
			awaitQuietly(store);
			return store(started(call), InboxLayout.laneOf(this.account.id(), call, count),
					Instant.now().plus(Duration.ofHours(1)));
		}), threads);
		assertThat(countRead.await(30, TimeUnit.SECONDS)).isTrue();
		// Another node, started with more lanes, changes the count meanwhile: it waits
		// for the writer's commit and then moves what the writer stored.
		CompletableFuture<Void> change = CompletableFuture.runAsync(() -> widerLayout(wider).settle(), threads);
		try {
			change.get(2, TimeUnit.SECONDS);
		}
		catch (TimeoutException waitingForTheWriter) {
			// As it should: the change waits for the writer's transaction.
		}
		store.countDown();
		long stored = writer.get(30, TimeUnit.SECONDS);
		try {
			change.get(60, TimeUnit.SECONDS);
			assertThat(storedCount()).isEqualTo(wider);
			assertThat(lanesOf(call)).containsExactly(InboxLayout.laneOf(this.account.id(), call, wider));
		}
		finally {
			threads.shutdown();
			this.jdbc.sql("DELETE FROM call_event_inbox WHERE id = ?").param(stored).update();
		}
	}

	@Test
	void writersStoreUnderTheNewCountWhileTheWaitingEventsAreMoved() throws Exception {
		int wider = this.properties.lanes() + 3;
		String call = callMovedBetween(this.properties.lanes(), wider);
		long waiting = store(started(call), InboxLayout.laneOf(this.account.id(), call, this.properties.lanes()),
				Instant.now().plus(Duration.ofHours(1)));
		ExecutorService threads = Executors.newFixedThreadPool(3);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// Holds the waiting event's row: the move stops at it, after the count changed.
		CompletableFuture<Void> holder = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql("SELECT id FROM call_event_inbox WHERE id = ? FOR UPDATE").param(waiting).query((rs) -> {
				});
				locked.countDown();
				awaitQuietly(release);
			}), threads);
		try {
			assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Void> change = CompletableFuture.runAsync(() -> widerLayout(wider).settle(), threads);
			await().atMost(Duration.ofSeconds(30)).until(() -> storedCount() == wider && moving());
			// The move is under way: a webhook's event is stored at once, under the new
			// count, not after the move.
			String next = newCallId();
			assertThat(CompletableFuture.supplyAsync(() -> this.sink.receive(started(next)), threads)
				.get(5, TimeUnit.SECONDS)).isNotNull();
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
			change.get(60, TimeUnit.SECONDS);
			assertThat(moving()).isFalse();
			assertThat(lanesOf(call)).containsExactly(InboxLayout.laneOf(this.account.id(), call, wider));
			await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(next) == 0);
			assertThat(eventTypes(next)).containsExactly("STARTED");
		}
		finally {
			release.countDown();
			threads.shutdown();
			this.jdbc.sql("DELETE FROM call_event_inbox WHERE id = ?").param(waiting).update();
		}
	}

	@Test
	void aMoveANodeLeftUnfinishedIsFinishedByARunningNodeAndItsCallsEventsAppliedInOrder() throws Exception {
		int configured = this.properties.lanes();
		int wider = configured + 3;
		// Its lane under the wider count runs already (and is not lane 0, held below),
		// so that it would apply the call's next event before the move without the mark.
		String candidate = callWhere((lane) -> lane > 0 && lane < configured, wider);
		while (InboxLayout.laneOf(this.account.id(), candidate, configured) == InboxLayout.laneOf(this.account.id(),
				candidate, wider)) {
			candidate = callWhere((lane) -> lane > 0 && lane < configured, wider);
		}
		String call = candidate;
		ExecutorService threads = Executors.newSingleThreadExecutor();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// Keeps the nodes' followers from finishing the move for a while: this node's by
		// its monitor, the others' (PostgreSQL) by lane 0, the lane they take first.
		CompletableFuture<Void> laneZero = CompletableFuture
			.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
				this.rows.takeLane(0);
				held.countDown();
				awaitQuietly(release);
			}), threads);
		try {
			assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
			synchronized (this.layout) {
				// A node set the count and stopped before moving what waits under the
				// old one; a writer stored the call's next event under the new count
				// since.
				this.jdbc
					.sql("UPDATE call_event_inbox_layout SET lanes = ?, moving = ?, generation = generation + 1 "
							+ "WHERE id = 1")
					.params(wider, true)
					.update();
				store(started(call), InboxLayout.laneOf(this.account.id(), call, configured), null);
				store(ended(call), InboxLayout.laneOf(this.account.id(), call, wider), null);
				// No lane claims while the layout is moving.
				Thread.sleep(this.properties.pollInterval().multipliedBy(5));
				assertThat(inboxRows(call)).isEqualTo(2);
			}
		}
		finally {
			release.countDown();
			laneZero.get(30, TimeUnit.SECONDS);
			threads.shutdown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		assertThat(moving()).isFalse();
		assertThat(eventTypes(call)).containsExactly("STARTED", "ENDED");
	}

	@Test
	void aNodeWithMoreLanesThanHalfItsPoolStoresEventsWhileItsLanesWaitForTheirLanes() throws Exception {
		// PostgreSQL: the lanes are shared between nodes, and wait for each other.
		assumeFalse(h2());
		String call = newCallId();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (ConfigurableApplicationContext node = otherNode(8, "--spring.datasource.hikari.maximum-pool-size=6")) {
			// Every lane held, as by a move: the node's lanes wait for theirs.
			CompletableFuture<Void> lanesHeld = CompletableFuture
				.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
					this.rows.takeLanes(IngestionProperties.MAX_LANES, Duration.ofSeconds(30));
					held.countDown();
					awaitQuietly(release);
				}), threads);
			try {
				assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
				Thread.sleep(this.properties.pollInterval().multipliedBy(10));
				// Its writer still has a connection: 8 lanes waiting would take all 6.
				CallEventSink sink = node.getBean(CallEventSink.class);
				assertThat(CompletableFuture.supplyAsync(() -> sink.receive(started(call)), threads)
					.get(8, TimeUnit.SECONDS)).isEqualTo(Ingestion.QUEUED);
			}
			finally {
				release.countDown();
				lanesHeld.get(30, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		}
		finally {
			threads.shutdown();
		}
		assertThat(eventTypes(call)).containsExactly("STARTED");
	}

	@Test
	void anEventStoredInALaneBeyondTheCountIsMovedToItsLaneAndApplied() {
		// As stored by a node of an older version, which used its own count.
		String call = newCallId();
		store(started(call), IngestionProperties.MAX_LANES - 1, null);
		await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(call) == 0);
		assertThat(eventTypes(call)).containsExactly("STARTED");
	}

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

	// Another node's layout, started with the given count.
	private InboxLayout widerLayout(int lanes) {
		IngestionProperties p = this.properties;
		IngestionProperties wider = new IngestionProperties(lanes, p.batchSize(), p.applyWait(), p.readWait(),
				p.lagLimit(), p.storeTimeout(), p.pollInterval(), p.retryDelay(), p.maxAttempts(), p.concurrency());
		return new InboxLayout(this.jdbc, this.jdbcTemplate, this.rows, this.transactions, wider, this.dataSource);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ConfigurableApplicationContext otherNode(int lanes, String... more) {
		List<String> args = new ArrayList<>(List.of("--callbridge.ingestion.lanes=" + lanes));
		args.addAll(List.of(more));
		return OtherNode.start(this.environment, this.dataSource, args.toArray(String[]::new));
	}

	// A call whose lane under one count differs from its lane under the other.
	private String callMovedBetween(int lanes, int other) {
		String call = newCallId();
		while (InboxLayout.laneOf(this.account.id(), call, lanes) == InboxLayout.laneOf(this.account.id(), call,
				other)) {
			call = newCallId();
		}
		return call;
	}

	private String callWhere(IntPredicate lane, int lanes) {
		String call = newCallId();
		while (!lane.test(InboxLayout.laneOf(this.account.id(), call, lanes))) {
			call = newCallId();
		}
		return call;
	}

	private static boolean h2() {
		return OtherNode.h2();
	}

	private ProviderCallEvent started(String call) {
		return ProviderCallEvent.of(this.account.id(), call, CallEventType.STARTED, T0)
			.direction(CallDirection.INBOUND)
			.externalNumber("612345678")
			.rawPayload("{\"call\":\"" + call + "\"}")
			.build();
	}

	private ProviderCallEvent ended(String call) {
		return ProviderCallEvent.of(this.account.id(), call, CallEventType.ENDED, T0.plusSeconds(30))
			.result(CallResult.MISSED)
			.rawPayload("{\"call\":\"" + call + "\"}")
			.build();
	}

	private int storedCount() {
		return this.jdbc.sql("SELECT lanes FROM call_event_inbox_layout WHERE id = 1").query(Integer.class).single();
	}

	private boolean moving() {
		return this.jdbc.sql("SELECT moving FROM call_event_inbox_layout WHERE id = 1").query(Boolean.class).single();
	}

	private List<Integer> lanesOf(String call) {
		return this.jdbc.sql("SELECT lane FROM call_event_inbox WHERE provider_call_id = ? ORDER BY id")
			.param(call)
			.query(Integer.class)
			.list();
	}

	private List<String> eventTypes(String call) {
		return InboxQueries.eventTypes(this.jdbc, this.account.id(), call);
	}

	private long inboxRows(String call) {
		return InboxQueries.inboxRows(this.jdbc, call);
	}

	private static String newCallId() {
		return "layout-" + UUID.randomUUID();
	}

}
