package io.callbridge.coordination;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.callbridge.CallbridgeApplication;
import io.callbridge.support.FakeProviderConfiguration;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.ProviderPolls;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two nodes on one PostgreSQL database running the same schedules, every 200 ms each: an
 * account's poll is claimed by exactly one node per interval, its history sync runs once
 * per interval, and each attempt to fetch a recording asks the provider once, whichever
 * node's job finds it due. Counted at the provider (the fake of each node). H2 serves a
 * single node, so this runs in the PostgreSQL suite.
 */
@IntegrationTest
@TestPropertySource(
		properties = { ScheduledWorkAcrossNodesTests.RECONCILE_NOW, ScheduledWorkAcrossNodesTests.RECONCILE_OFTEN })
@DirtiesContext
class ScheduledWorkAcrossNodesTests {

	static final String RECONCILE_NOW = "callbridge.reconciliation.initial-delay=0s";

	static final String RECONCILE_OFTEN = "callbridge.reconciliation.poll-interval=200ms";

	private static final Duration MINIMUM = Duration.ofSeconds(4);

	private static ConfigurableApplicationContext otherNode;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	ProviderPolls polls;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	private TelephonyAccount account;

	@BeforeEach
	void secondNodeAndAnAccount() {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		if (otherNode == null) {
			otherNode = new SpringApplicationBuilder(CallbridgeApplication.class, FakeProviderConfiguration.class)
				.profiles(this.environment.getActiveProfiles())
				.properties("server.port=0",
						"spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"), RECONCILE_NOW,
						RECONCILE_OFTEN)
				.run();
		}
		this.account = this.accounts.create(this.data.anyTenant(), FakeTelephonyProvider.KEY, "Fake on two nodes", true,
				Map.of(), new Credentials(Map.of("secret", "s")));
	}

	@AfterAll
	static void stopSecondNode() {
		if (otherNode != null) {
			otherNode.close();
			otherNode = null;
		}
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void ofBothNodesClaimingAPollAtOnceOneWinsAndNoneBeforeTheInterval() throws Exception {
		List<ProviderPolls> nodes = List.of(this.polls, otherNode.getBean(ProviderPolls.class));

		List<ProviderPolls.Claim> first = claimFromBoth(nodes);
		assertThat(first).hasSize(1);
		nodes.get(1).succeeded(first.get(0), "[]", MINIMUM, Duration.ofSeconds(60));

		assertThat(claimFromBoth(nodes)).isEmpty();
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void theHistorySyncOfAnAccountRunsOncePerIntervalWhateverNodeLooks() {
		FakeTelephonyProvider otherFake = otherNode.getBean(FakeTelephonyProvider.class);

		await().atMost(Duration.ofSeconds(30)).until(() -> historyAsks(otherFake) >= 1);
		// Both nodes look ten times more while the next run is not due (10 minutes).
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> historyAsks(otherFake) == 1);
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM call_history_syncs WHERE account_id = ? AND last_run_at IS NOT NULL")
			.param(this.account.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void eachAttemptToFetchARecordingAsksTheProviderOnce() {
		FakeTelephonyProvider otherFake = otherNode.getBean(FakeTelephonyProvider.class);
		String ref = "rec-" + UUID.randomUUID();
		String id = "call-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(60);

		this.sink.accept(event(id, CallEventType.STARTED, start).externalNumber("612555100").build());
		this.sink.accept(event(id, CallEventType.ENDED, start.plusSeconds(50)).result(CallResult.MISSED).build());
		this.sink.accept(event(id, CallEventType.RECORDING_AVAILABLE, start.plusSeconds(51)).recordingRef(ref).build());

		// Never ready: every attempt is retried until the last (3 in tests) gives up.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> recording(ref).map((r) -> r[0]).orElse(""), "FAILED"::equals);
		int attempts = Integer.parseInt(recording(ref).orElseThrow()[1]);
		assertThat(attempts).isEqualTo(3);
		assertThat(this.fake.recordingLookups(ref) + otherFake.recordingLookups(ref)).isEqualTo(attempts);
	}

	private List<ProviderPolls.Claim> claimFromBoth(List<ProviderPolls> nodes) throws Exception {
		List<Callable<Optional<ProviderPolls.Claim>>> attempts = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ProviderPolls node = nodes.get(i % 2);
			attempts.add(() -> node.claimIfDue(this.account.id(), "two-nodes", MINIMUM));
		}
		List<ProviderPolls.Claim> won = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
			for (Future<Optional<ProviderPolls.Claim>> attempt : executor.invokeAll(attempts)) {
				attempt.get().ifPresent(won::add);
			}
		}
		return won;
	}

	private int historyAsks(FakeTelephonyProvider otherFake) {
		return this.fake.historyAsks(this.account.id()).size() + otherFake.historyAsks(this.account.id()).size();
	}

	private Optional<String[]> recording(String ref) {
		return this.jdbc.sql("SELECT status, attempts FROM call_recordings WHERE recording_ref = ?")
			.param(ref)
			.query((rs, n) -> new String[] { rs.getString("status"), rs.getString("attempts") })
			.optional();
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

}
