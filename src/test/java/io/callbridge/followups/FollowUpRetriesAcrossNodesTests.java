package io.callbridge.followups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.callbridge.CallbridgeApplication;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two nodes on one PostgreSQL database retrying the same failing follow-ups: when both
 * ask to retry one at the same moment, at most one retry starts; their sweeps, every 50
 * ms on both nodes, never run one follow-up twice at once; each completes exactly once.
 * H2 serves a single node, so this runs in the PostgreSQL suite.
 */
@IntegrationTest
@Import(ScriptedListeners.class)
@TestPropertySource(properties = { FollowUpRetriesAcrossNodesTests.CHECK_INTERVAL,
		FollowUpRetriesAcrossNodesTests.DELAYS, FollowUpRetriesAcrossNodesTests.MAX_RETRIES })
@DirtiesContext
class FollowUpRetriesAcrossNodesTests {

	static final String CHECK_INTERVAL = "callbridge.followups.retry.check-interval=50ms";

	// Long enough for both nodes to ask first, short enough for the sweeps to retry
	// quickly.
	static final String DELAYS = "callbridge.followups.retry.delays=2s";

	static final String MAX_RETRIES = "callbridge.followups.retry.max-retries=50";

	private static final int FAILURES = 3;

	private static final int ROUNDS = 6;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration WORK = Duration.ofMillis(150);

	@Autowired
	ScriptedEvents events;

	@Autowired
	TestData data;

	@Autowired
	Environment environment;

	@Autowired
	Retries retries;

	@Autowired
	JdbcClient jdbc;

	// Starting the second node takes most of the time on a busy machine.
	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void twoNodesNeverRetryOneFollowUpAtOnce() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		long tenant = this.data.anyTenant();
		Script contested = Script.failing(ROUNDS, WORK);
		List<Script> swept = Stream.generate(() -> Script.failing(FAILURES, WORK)).limit(3).toList();

		try (ConfigurableApplicationContext otherNode = startOtherNode();
				ExecutorService people = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Retries> nodes = List.of(this.retries, otherNode.getBean(Retries.class));
			UUID id = this.events.publish(tenant, contested);
			int won = 0;
			while (contested.runs().size() <= ROUNDS) {
				await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> failed(id));
				int before = contested.runs().size();
				// Both nodes ask at the same moment, like two people pressing "retry
				// now".
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> claims = new ArrayList<>();
				for (Retries node : nodes) {
					claims.add(people.submit(() -> {
						go.await();
						return node.retryNow(List.of(id)).size();
					}));
				}
				go.countDown();
				int started = claims.get(0).get() + claims.get(1).get();
				assertThat(started).as("retries started by both nodes after run %d", before).isLessThanOrEqualTo(1);
				won += started;
				await().atMost(WAIT).until(() -> contested.runs().size() > before);
			}
			swept.forEach((script) -> this.events.publish(tenant, script));
			this.events.awaitCompleted(contested, WAIT);
			for (Script script : swept) {
				this.events.awaitCompleted(script, WAIT);
			}

			assertThat(won).as("retries started by a node asking at the same moment as the other").isPositive();
			for (Script script : Stream.concat(Stream.of(contested), swept.stream()).toList()) {
				assertThat(script.mostAtOnce()).as("runs of one follow-up at the same time").isEqualTo(1);
				assertThat(script.successes()).isEqualTo(1);
			}
			assertThat(contested.runs()).hasSize(ROUNDS + 1);
			swept.forEach((script) -> assertThat(script.runs()).hasSize(FAILURES + 1));
		}
		finally {
			this.events.discard(contested);
			swept.forEach(this.events::discard);
		}
	}

	private boolean failed(UUID id) {
		return this.jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE id = ? AND status = 'FAILED'")
			.param(id)
			.query(Long.class)
			.single() == 1;
	}

	private ConfigurableApplicationContext startOtherNode() {
		return new SpringApplicationBuilder(CallbridgeApplication.class, ScriptedListeners.class)
			.profiles(this.environment.getActiveProfiles())
			.properties("server.port=0",
					"spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"), CHECK_INTERVAL,
					DELAYS, MAX_RETRIES)
			.run();
	}

}
