package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.callbridge.calls.CallAnswered;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.OwnDatabase;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A webhook's answer waits for the apply of its event only while the event's lane keeps
 * up ({@code callbridge.ingestion.lag-limit}): a lane held up in a transaction is behind,
 * and the webhooks it owes are answered as soon as their events are stored — which are
 * then applied, once, when it goes on.
 *
 * <p>
 * The context's lanes alone must apply these calls, so on PostgreSQL it has a database of
 * its own: there the suite's other cached contexts are nodes of one database, running
 * every lane of its count. 64 lanes, and only calls on lanes 8 and above, so that each
 * test's calls have lanes of their own.
 */
@IntegrationTest
@TestPropertySource(properties = { "callbridge.ingestion.lanes=64", "callbridge.ingestion.apply-wait=60s",
		"callbridge.ingestion.lag-limit=1s" })
@Import(InboxLagTests.HeldCalls.class)
class InboxLagTests {

	private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");

	@Autowired
	CallEventSink sink;

	@Autowired
	InboxNotices notices;

	@Autowired
	IngestionProperties properties;

	@Autowired
	InboxLayout layout;

	@Autowired
	HeldCalls held;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	private TelephonyAccount account;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "lag");
	}

	@BeforeEach
	void account() {
		long tenant = this.data.anyTenant();
		this.account = this.data.sandboxAccount(tenant);
		this.data.anyAgentWithExtension(tenant, Role.AGENT, "101");
	}

	@AfterEach
	void letGo() {
		this.held.release();
	}

	@Test
	void aSlowTransactionWithNobodyWaitingBehindItIsWaitedFor() throws Exception {
		String call = callOnAnOwnLane();
		this.sink.receive(started(call));
		await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(call).equals(List.of("STARTED")));
		this.held.hold(call);

		CompletableFuture<Ingestion> answer = CompletableFuture.supplyAsync(() -> this.sink.receive(answered(call)));
		assertThat(this.held.entered.await(30, TimeUnit.SECONDS)).as("the lane applies the event").isTrue();
		// Twice the lag limit: a slow transaction alone (a first one after a start, a
		// slow commit) is no backlog.
		Thread.sleep(2_000);
		assertThat(answer).isNotDone();

		this.held.release();

		assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(Ingestion.APPLIED);
		assertThat(eventTypes(call)).containsExactly("STARTED", "ANSWERED");
	}

	@Test
	void webhooksWaitingBehindALaneHeldUpAreAnsweredOnceStoredAndAppliedWhenTheLaneGoesOn() throws Exception {
		String call = callOnAnOwnLane();
		String next = callOnTheSameLane(call);
		this.sink.receive(started(call));
		await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(call).equals(List.of("STARTED")));
		this.held.hold(call);

		CompletableFuture<Ingestion> held = CompletableFuture.supplyAsync(() -> this.sink.receive(answered(call)));
		assertThat(this.held.entered.await(30, TimeUnit.SECONDS)).as("the lane applies the event").isTrue();
		CompletableFuture<Ingestion> behind = CompletableFuture.supplyAsync(() -> this.sink.receive(started(next)));
		// Without the lag limit both answers would wait for their apply: 60 s, after
		// these gets give up.
		assertThat(behind.get(30, TimeUnit.SECONDS)).isEqualTo(Ingestion.QUEUED);
		assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo(Ingestion.QUEUED);
		assertThat(this.notices.keepingUp(lane(call))).isFalse();
		assertThat(eventTypes(call)).containsExactly("STARTED");
		assertThat(eventTypes(next)).isEmpty();

		this.held.release();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> eventTypes(call).equals(List.of("STARTED", "ANSWERED"))
					&& eventTypes(next).equals(List.of("STARTED")));
		assertThat(inboxRows(call) + inboxRows(next)).isZero();

		// Once the lane keeps up again (its next transaction is short), answers wait
		// for the apply again.
		await().atMost(Duration.ofSeconds(30)).until(() -> this.notices.keepingUp(lane(call)));
		assertThat(this.sink.receive(answered(next))).isEqualTo(Ingestion.APPLIED);
		assertThat(eventTypes(next)).containsExactly("STARTED", "ANSWERED");
	}

	private String callOnAnOwnLane() {
		while (true) {
			String call = "lag-" + UUID.randomUUID();
			if (lane(call) >= 8) {
				return call;
			}
		}
	}

	private String callOnTheSameLane(String other) {
		while (true) {
			String call = "lag-" + UUID.randomUUID();
			if (lane(call) == lane(other)) {
				return call;
			}
		}
	}

	private int lane(String call) {
		return this.layout.laneOf(this.account.id(), call);
	}

	private ProviderCallEvent started(String call) {
		return event(call, CallEventType.STARTED, T0).direction(CallDirection.INBOUND)
			.externalNumber("612345678")
			.build();
	}

	private ProviderCallEvent answered(String call) {
		return event(call, CallEventType.ANSWERED, T0.plusSeconds(5)).extension("101").build();
	}

	private ProviderCallEvent.Builder event(String call, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), call, type, at).rawPayload("{\"call\":\"" + call + "\"}");
	}

	private List<String> eventTypes(String call) {
		return InboxQueries.eventTypes(this.jdbc, this.account.id(), call);
	}

	private long inboxRows(String call) {
		return InboxQueries.inboxRows(this.jdbc, call);
	}

	/**
	 * Holds up the lane that applies the answer of a held call (once): the listener runs
	 * inside the lane's transaction.
	 */
	@TestConfiguration
	static class HeldCalls {

		private final Set<Long> callIds = ConcurrentHashMap.newKeySet();

		private volatile CountDownLatch released = new CountDownLatch(1);

		volatile CountDownLatch entered = new CountDownLatch(1);

		@Autowired
		JdbcClient jdbc;

		void hold(String providerCallId) {
			this.released = new CountDownLatch(1);
			this.entered = new CountDownLatch(1);
			this.callIds.addAll(this.jdbc.sql("SELECT id FROM calls WHERE provider_call_id = ?")
				.param(providerCallId)
				.query(Long.class)
				.list());
		}

		void release() {
			this.callIds.clear();
			this.released.countDown();
		}

		@EventListener
		void on(CallAnswered answered) throws InterruptedException {
			if (this.callIds.contains(answered.callId())) {
				this.entered.countDown();
				this.released.await(50, TimeUnit.SECONDS);
			}
		}

	}

}
