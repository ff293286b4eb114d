package io.callbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.callbridge.bench.MultiNodeIngestion.Ingestion;
import io.callbridge.bench.MultiNodePopUps.Burst;
import io.callbridge.contacts.Blacklist;
import io.callbridge.shared.Role;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.webhooks.EndpointCommand;
import io.callbridge.webhooks.WebhookEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static io.callbridge.bench.Percentiles.percentile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Several Callbridge nodes on one PostgreSQL database (issue 16, goal 4): 1, 2 and 3
 * server processes on loopback ports, started by the benchmark with the same
 * configuration but the port. For each node count, signed Zadarma webhooks spread over
 * the nodes without stickiness (fully applied events per second, every acknowledged event
 * stored once, one completion per call, nothing left in the inbox), then a burst of
 * ringing calls, one per agent, posted to random nodes while each agent's console is
 * connected to one of the nodes (latency from the webhook's send to the SSE message read,
 * each console's pop-up exactly once). This JVM's own ingestion lanes are stopped: only
 * the started nodes apply events. PostgreSQL only.
 */
@Benchmark
@TestPropertySource(properties = "callbridge.webhooks.allow-private-targets=true")
class MultiNodeBenchmark {

	static final String SECRET = "multi-node-bench-secret";

	private final List<Integer> nodeCounts = Arrays.stream(System.getProperty("bench.nodes", "1,2,3").split(","))
		.map(String::strip)
		.map(Integer::valueOf)
		.toList();

	private final int threads = Integer.getInteger("bench.threads", 32);

	private final int events = Integer.getInteger("bench.events", 8_000);

	private final int warmupEvents = Integer.getInteger("bench.warmup", 4_000);

	private final int consoles = Integer.getInteger("bench.consoles", 200);

	/**
	 * The nodes' {@code callbridge.ingestion.apply-wait}: the product's default, not the
	 * test profile's 30 s.
	 */
	private final Duration applyWait = DurationStyle.detectAndParse(System.getProperty("bench.apply-wait", "0s"));

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	ApplicationContext context;

	@Autowired
	Blacklist blacklist;

	/** One node count's results. */
	record Round(int nodes, Ingestion ingestion, Burst burst) {
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.MINUTES)
	void oneTwoAndThreeNodesOnOneDatabase() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"the nodes share the database: run with -Dbench.db=postgres");
		long tenantId = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenantId, "zadarma", "Zadarma multi-node bench", true, Map.of(),
				new Credentials(Map.of("key", "multi-node-key", "secret", SECRET)));
		List<TestUser> agents = agents(tenantId, account.id(), Math.max(this.consoles, ZadarmaTraffic.AGENTS));
		// One call in twenty from a blacklisted number: its rejection is recorded through
		// the inbox of the node that answered, and checked like the provider's events.
		StoredRejections.blacklistTraffic(this.blacklist, tenantId, agents.get(0).id());
		String jdbcUrl = ServerProcess.jdbcUrl(this.dataSource);
		List<Round> rounds = new ArrayList<>();
		ServerProcess.localIngestion(this.context, false);
		try (LoopbackReceiver receiver = new LoopbackReceiver()) {
			// Every call's completion leaves one outbox message per CallEnded: what is
			// counted.
			this.endpoints.create(tenantId, EndpointCommand.webhook(receiver.url("/completed"), "call.completed"));
			MultiNodeIngestion ingestion = new MultiNodeIngestion(this.jdbc, tenantId, account, this.threads);
			MultiNodePopUps popUps = new MultiNodePopUps(this.jdbc, ingestion, agents.subList(0, this.consoles));
			for (int nodes : this.nodeCounts) {
				rounds.add(round(nodes, jdbcUrl, ingestion, popUps));
			}
		}
		finally {
			ServerProcess.localIngestion(this.context, true);
		}
		report(rounds);
		assertThat(rounds).allSatisfy((round) -> {
			assertThat(round.ingestion().missing()).as("%d nodes: events or completions missing", round.nodes())
				.isZero();
			assertThat(round.ingestion().duplicates()).as("%d nodes: events or completions twice", round.nodes())
				.isZero();
			assertThat(round.burst().missing()).as("%d nodes: pop-ups missing", round.nodes()).isZero();
			assertThat(round.burst().extra()).as("%d nodes: pop-ups twice", round.nodes()).isZero();
		});
	}

	private Round round(int count, String jdbcUrl, MultiNodeIngestion ingestion, MultiNodePopUps popUps)
			throws Exception {
		List<ServerProcess> nodes = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				nodes.add(ServerProcess.start("node-" + count + "-" + (i + 1), jdbcUrl,
						List.of("--callbridge.ingestion.apply-wait=" + this.applyWait.toMillis() + "ms",
								"--callbridge.ingestion.lag-limit=50ms", "--callbridge.ingestion.read-wait=1s",
								"--callbridge.webhooks.allow-private-targets=true")));
			}
			for (ServerProcess node : nodes) {
				node.awaitUp();
			}
			ingestion.run(nodes, batch(count, "warm"), this.warmupEvents);
			Ingestion measured = ingestion.run(nodes, batch(count, "in"), this.events);
			Burst burst = popUps.burst(nodes, batch(count, "pop"));
			return new Round(count, measured, burst);
		}
		finally {
			for (ServerProcess node : nodes) {
				node.close();
			}
		}
	}

	private List<TestUser> agents(long tenantId, long accountId, int count) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Future<TestUser>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String extension = ZadarmaTraffic.extension(i);
				futures.add(pool.submit(() -> {
					TestUser agent = this.data.anyUser(tenantId, Role.AGENT);
					this.data.assignExtension(tenantId, agent.id(), accountId, extension);
					return agent;
				}));
			}
			List<TestUser> agents = new ArrayList<>();
			for (Future<TestUser> future : futures) {
				agents.add(future.get(5, TimeUnit.MINUTES));
			}
			return agents;
		}
	}

	private static String batch(int nodes, String kind) {
		return kind + nodes + "_" + UUID.randomUUID().toString().substring(0, 8);
	}

	private void report(List<Round> rounds) {
		BenchmarkReport report = new BenchmarkReport("multi-node-postgres",
				"1, 2 and 3 nodes on one PostgreSQL database", BenchmarkReport.database());
		report
			.line("Nodes: separate server processes (this JVM's classpath, profiles test,pgtest, -Xmx512m) on "
					+ "loopback ports of this machine, same configuration but the port; apply-wait "
					+ this.applyWait.toMillis() + " ms"
					+ "; this JVM's ingestion lanes stopped. Webhooks: signed Zadarma NOTIFY_* from " + this.threads
					+ " client threads, each posting whole calls (START → INTERNAL → ANSWER → END) one event after "
					+ "the other; requests go to the nodes round-robin, one request after the other as a load "
					+ "balancer without stickiness sends them, so a call's events land on different nodes; one call "
					+ "in twenty comes from a blacklisted number (its start rejected, the rejection recorded). "
					+ "Measured: " + this.events + " events after " + this.warmupEvents + " warm-up events, from the "
					+ "first send until the inbox held none of them (every event applied).")
			.line("")
			.line("Pop-ups: " + this.consoles + " agents' consoles logged in and connected, console i to node i mod N; "
					+ "each agent's call is started (NOTIFY_START), then all NOTIFY_INTERNAL (ringing at the agent's "
					+ "extension) are released at once, each to a random node; latency = that request's send → "
					+ "the SSE message read by the console (same JVM clock). 'same node' = the console's node "
					+ "took the webhook.")
			.line("")
			.table("nodes", "events/s", "pop-up p50 / p99 ms", "duplicates", "missing");
		for (Round round : rounds) {
			long[] popUps = round.burst().all();
			report.row(round.nodes(), round.ingestion().appliedPerSecond(), ms(popUps, 0.5) + " / " + ms(popUps, 0.99),
					round.ingestion().duplicates() + round.burst().extra(),
					round.ingestion().missing() + round.burst().missing());
		}
		report.line("")
			.line("Details. Duplicates: events stored twice (same call and type), rejections stored twice or "
					+ "for a start not answered with one, calls completed more than once (call.completed outbox "
					+ "messages per call), pop-ups received twice. Missing: acknowledged events not stored, a start "
					+ "answered with the rejection whose call has no rejection stored or a result other than "
					+ "REJECTED (a decision later than its deadline answers {} and records nothing), events "
					+ "refused (not 200), calls not " + "ENDED, without completion or without "
					+ "call fact, events left in the inbox, event publications left incomplete, pop-ups not "
					+ "received.")
			.line("")
			.table("nodes", "events sent / acknowledged", "acknowledged/s (until last answer)",
					"applied/s (until inbox empty)", "answer p50 / p99 / max ms", "answers ≥ apply-wait",
					"events twice / missing", "completions twice / missing",
					"refused / not ended / no call fact / left in inbox / follow-ups left", "starts rejected");
		for (Round round : rounds) {
			Ingestion in = round.ingestion();
			report.row(round.nodes(), in.sent() + " / " + in.acknowledged(), in.acknowledgedPerSecond(),
					in.appliedPerSecond(), ms(in.roundTrips()),
					this.applyWait.isZero() ? "—" : in.slowerThan(this.applyWait),
					in.storedTwice() + " / " + in.notStored(), in.completedTwice() + " / " + in.notCompleted(),
					(in.sent() - in.acknowledged()) + " / " + in.notEnded() + " / " + in.noFact() + " / "
							+ in.inboxLeft() + " / " + in.followUpsLeft(),
					in.rejections());
		}
		report.line("")
			.table("nodes", "pop-ups received / missing / extra", "pop-up p50 / p99 / max ms",
					"same node: pop-ups, p50 / p99 ms", "other node: pop-ups, p50 / p99 ms");
		for (Round round : rounds) {
			Burst burst = round.burst();
			report.row(round.nodes(), burst.all().length + " / " + burst.missing() + " / " + burst.extra(),
					ms(burst.all()), burst.sameNode().length + ", " + ms(burst.sameNode()),
					burst.otherNode().length + ", " + ms(burst.otherNode()));
		}
		report.publish();
	}

	/** p50 / p99 / max in milliseconds. */
	private static String ms(long[] sortedMicros) {
		return ms(sortedMicros, 0.5) + " / " + ms(sortedMicros, 0.99) + " / " + ms(sortedMicros, 1.0);
	}

	private static String ms(long[] sortedMicros, double p) {
		return (sortedMicros.length == 0) ? "–" : BenchmarkReport.format(percentile(sortedMicros, p) / 1000.0);
	}

}
