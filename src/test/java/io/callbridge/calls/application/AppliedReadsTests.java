package io.callbridge.calls.application;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks answered as soon as their event is stored (the default {@code apply-wait} 0),
 * yet a read right after the answer shows the event: a request of the tenant's user waits
 * until the tenant's events stored before it are applied ({@link AppliedReads}), and only
 * those. The test's events are stored as a webhook stores them, but not due yet
 * ({@code not_before} ahead), so that no lane applies them — neither this node's nor, on
 * PostgreSQL, the suite's other nodes' — until the test makes them due.
 */
@IntegrationTest
@TestPropertySource(properties = { "callbridge.ingestion.apply-wait=0s", "callbridge.ingestion.read-wait=60s" })
class AppliedReadsTests {

	private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

	/**
	 * When the test's events become due: long after the test, soon enough that a row a
	 * dead test run left behind is applied (or fails) on its own.
	 */
	private static final Duration NOT_DUE_FOR = Duration.ofMinutes(10);

	@Autowired
	InboxRows rows;

	@Autowired
	InboxNotices notices;

	@Autowired
	IngestionProperties properties;

	@Autowired
	InboxLayout layout;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	DataSource dataSource;

	@LocalServerPort
	int port;

	private TelephonyAccount account;

	private TestUser admin;

	private final List<Long> stored = new ArrayList<>();

	// On PostgreSQL the suite's other cached contexts are nodes of this database, and the
	// one started last set the count of lanes: the lanes computed here are this
	// context's.
	@BeforeEach
	void tenant() {
		this.layout.settle();
		long tenant = this.data.anyTenant();
		this.account = this.data.sandboxAccount(tenant);
		this.admin = this.data.anyUser(tenant, Role.ADMIN);
	}

	// Left in the inbox, an event not due would hold reads in the suite's other tests.
	@AfterEach
	void removeStoredEvents() {
		this.stored.forEach((id) -> this.jdbc.sql("DELETE FROM call_event_inbox WHERE id = ?").param(id).update());
	}

	@Test
	void aReadRightAfterTheAnswerWaitsForTheEventAndShowsIt() {
		String call = newCallId();
		long id = storeNotDue(this.account.tenantId(), this.account, call, 0);

		CompletableFuture<ApiResponse> read = CompletableFuture
			.supplyAsync(() -> this.api.as(this.admin.token()).get("/api/v1/calls"));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !read.isDone());
		makeDue(id, call);

		assertThat(providerCallIds(read.join())).contains(call);
		assertThat(inboxRows(call)).isZero();
	}

	@Test
	void aPageOfTheUiWaitsAsTheApiDoes() {
		// Logged in first: the login lands on a page, which would wait too.
		UiSession ui = UiSession.logIn(this.port, this.admin.username(), this.admin.password());
		String call = newCallId();
		long id = storeNotDue(this.account.tenantId(), this.account, call, 0);

		CompletableFuture<HttpResponse<String>> export = CompletableFuture
			.supplyAsync(() -> ui.get("/calls/export.csv"));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !export.isDone());
		makeDue(id, call);

		HttpResponse<String> csv = export.join();
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body().strip().lines()).as("the header and the call").hasSize(2);
	}

	@Test
	void theConsolesStreamOfPopUpsOpensWithoutWaiting() throws Exception {
		storeNotDue(this.account.tenantId(), this.account, newCallId(), 0);
		TestUser agent = this.data.anyAgentWithExtension(this.account.tenantId(), Role.AGENT, "101");
		long waitsBefore = waits();

		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads)) {
			console.logIn(agent.username(), agent.password());
			// Opened late, it would miss the pop-ups of the very events it waited for.
			console.openEvents();
		}

		assertThat(waits()).isEqualTo(waitsBefore);
	}

	@Test
	void anotherTenantsUnappliedEventsDoNotHoldARead() {
		TelephonyAccount other = this.data.sandboxAccount(this.data.anyTenant());
		String call = newCallId();
		storeNotDue(other.tenantId(), other, call, 0);
		long waitsBefore = waits();

		this.api.as(this.admin.token()).get("/api/v1/calls").json(200);

		assertThat(waits()).isEqualTo(waitsBefore);
		assertThat(inboxRows(call)).isEqualTo(1);
	}

	@Test
	void anEventWhoseApplicationFailedDoesNotHoldReadsWhileItWaitsForItsRetry() {
		storeNotDue(this.account.tenantId(), this.account, newCallId(), 1);
		long waitsBefore = waits();

		this.api.as(this.admin.token()).get("/api/v1/calls").json(200);

		assertThat(waits()).isEqualTo(waitsBefore);
	}

	@Test
	void aReadWaitsAtMostReadWaitAndCountsAnEventWithoutTenantAsAnyones() {
		// Stored by a node of a version without the tenant column, during an upgrade.
		storeNotDue(null, this.account, newCallId(), 0);
		SimpleMeterRegistry counted = new SimpleMeterRegistry();
		AppliedReads shortWait = new AppliedReads(this.rows, this.notices, withReadWait(Duration.ofMillis(300)),
				counted);

		assertThat(shortWait.awaitApplied(this.data.anyTenant())).isFalse();

		assertThat(counted.get("callbridge.ingestion.read.waits").tag("outcome", "timed-out").timer().count())
			.isEqualTo(1);
		assertThat(new AppliedReads(this.rows, this.notices, withReadWait(Duration.ZERO), counted)
			.awaitApplied(this.account.tenantId())).isTrue();
	}

	@Test
	void eventsStoredAfterTheReadBeganDoNotProlongIt() throws InterruptedException {
		String before = newCallId();
		long beforeId = storeNotDue(this.account.tenantId(), this.account, before, 0);
		CountDownLatch lookedUp = new CountDownLatch(1);
		InboxRows counted = new InboxRows(this.jdbcTemplate, this.jdbc, this.dataSource, new SimpleMeterRegistry()) {

			@Override
			long newestUnapplied(long tenantId) {
				long newest = super.newestUnapplied(tenantId);
				lookedUp.countDown();
				return newest;
			}

		};
		CompletableFuture<Boolean> read = CompletableFuture
			.supplyAsync(() -> new AppliedReads(counted, this.notices, this.properties, new SimpleMeterRegistry())
				.awaitApplied(this.account.tenantId()));
		assertThat(lookedUp.await(30, TimeUnit.SECONDS)).isTrue();
		String after = newCallId();
		storeNotDue(this.account.tenantId(), this.account, after, 0);

		makeDue(beforeId, before);

		assertThat(read.join()).isTrue();
		assertThat(inboxRows(before)).isZero();
		assertThat(inboxRows(after)).isEqualTo(1);
	}

	/**
	 * Stores a call's start as a webhook would, but due only in the far future.
	 * @return its inbox id
	 */
	private long storeNotDue(@Nullable Long tenantId, TelephonyAccount account, String call, int attempts) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO call_event_inbox (tenant_id, account_id, provider_call_id, lane, event, received_at,
				    attempts, not_before)
				VALUES (:tenant, :account, :call, :lane, :event, CURRENT_TIMESTAMP, :attempts, :later)""")
			.param("tenant", tenantId)
			.param("account", account.id())
			.param("call", call)
			.param("lane", this.layout.laneOf(account.id(), call))
			.param("event", InboxApplier.encode(StorableEvent.of(started(account, call))))
			.param("attempts", attempts)
			.param("later", Jdbc.ts(Instant.now().plus(NOT_DUE_FOR)))
			.update(keys, "id");
		long id = Objects.requireNonNull(keys.getKey()).longValue();
		this.stored.add(id);
		return id;
	}

	/** Makes the stored event due and wakes its lane on this node. */
	private void makeDue(long id, String call) {
		this.jdbc.sql("UPDATE call_event_inbox SET not_before = NULL WHERE id = ?").param(id).update();
		this.notices.wake(this.layout.laneOf(this.account.id(), call));
	}

	private IngestionProperties withReadWait(Duration readWait) {
		IngestionProperties p = this.properties;
		return new IngestionProperties(p.lanes(), p.batchSize(), p.applyWait(), readWait, p.lagLimit(),
				p.storeTimeout(), p.pollInterval(), p.retryDelay(), p.maxAttempts(), p.concurrency());
	}

	private long waits() {
		return this.meters.find("callbridge.ingestion.read.waits")
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	private long inboxRows(String call) {
		return InboxQueries.inboxRows(this.jdbc, call);
	}

	private static List<String> providerCallIds(ApiResponse page) {
		List<String> ids = new ArrayList<>();
		page.json(200).path("items").forEach((item) -> ids.add(item.path("providerCallId").asString()));
		return ids;
	}

	private static String newCallId() {
		return "read-" + UUID.randomUUID();
	}

	private static ProviderCallEvent started(TelephonyAccount account, String call) {
		return ProviderCallEvent.of(account.id(), call, CallEventType.STARTED, T0)
			.direction(CallDirection.INBOUND)
			.externalNumber("612345678")
			.rawPayload("{\"call\":\"" + call + "\"}")
			.build();
	}

}
