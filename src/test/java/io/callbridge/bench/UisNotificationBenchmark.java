package io.callbridge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.callbridge.agents.AgentService;
import io.callbridge.shared.Role;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisNotificationSender;
import io.callbridge.uis.UisNotificationSender.Target;
import io.callbridge.uis.UisSetupPage;
import io.callbridge.uis.UisSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.bench.UisTraffic.EVENTS_PER_CALL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures UIS's HTTP notifications over real HTTP, posted with the URLs and JSON
 * templates of the account's setup page as UIS substitutes them: how many notifications
 * per second are acknowledged through the whole path (secret check, tolerant parsing,
 * mapping, ingestion, the session fetch scheduled at each end), with a check that every
 * call arrived and ended. The account's Data API is a {@link UisSimulator}, so the
 * session fetches the ends schedule find nothing and wait, as they would for a fresh
 * call. The figure sits next to Zadarma's ({@link ZadarmaWebhookBenchmark}).
 */
@Benchmark
class UisNotificationBenchmark {

	private static final String TOKEN = "uis-bench-token";

	private static final String SECRET = "uis-bench-secret";

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

	// Each batch's session ids start with its own 5 digits (90000 upwards) and have 12
	// digits, so a batch's calls are found with LIKE and never mixed with another's.
	private static final AtomicInteger BATCHES = new AtomicInteger(90_000);

	private final int warmupEvents = Integer.getInteger("bench.warmup", 30_000);

	private final int measuredEvents = Integer.getInteger("bench.events", 20_000);

	private final int profiledEvents = Integer.getInteger("bench.profile-events", 2_000);

	private final List<Integer> threadCounts = Arrays.stream(System.getProperty("bench.threads", "1,4,8").split(","))
		.map(String::strip)
		.map(Integer::valueOf)
		.toList();

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentService agents;

	@Autowired
	JdbcClient jdbc;

	private long tenantId;

	private TelephonyAccount account;

	private Map<String, Target> targets;

	/** One per delivering thread, each with its own HTTP client, kept across runs. */
	private final List<UisNotificationSender> senders = new ArrayList<>();

	/**
	 * One measured throughput run.
	 *
	 * @param threads delivering threads (HTTP clients)
	 * @param sent notifications posted
	 * @param acknowledged notifications answered 200
	 * @param nanos until the last response
	 * @param processedNanos until, in addition, no publication was left incomplete
	 * @param storedCalls calls of the run found in the database
	 * @param endedCalls of which ended
	 * @param storedEvents call events of the run found in the database
	 * @param failed publications left failed
	 */
	record Run(int threads, int sent, long acknowledged, long nanos, long processedNanos, long storedCalls,
			long endedCalls, long storedEvents, long failed) {

		double perSecond() {
			return this.acknowledged / (this.nanos / 1e9);
		}

		double processedPerSecond() {
			return this.acknowledged / (this.processedNanos / 1e9);
		}

		boolean lossless() {
			int calls = this.sent / EVENTS_PER_CALL;
			return this.acknowledged == this.sent && this.storedCalls == calls && this.endedCalls == calls
					&& this.failed == 0;
		}

	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void notificationsThroughTheirUrls() throws Exception {
		try (UisSimulator uis = UisSimulator.start()) {
			uis.permanentToken(TOKEN);
			uis.limits(UisSimulator.DATA, 1_000_000, 100_000_000);
			// The agents' availability is pushed to their employees when they get an
			// extension.
			for (int i = 0; i < UisTraffic.AGENTS; i++) {
				uis.employees()
					.add(UisTraffic.employee(i), "Employee", String.valueOf(i), null, "7926000" + (1000 + i));
			}
			uisAccountWithAgentsAndContacts(uis);
			throughput(this.warmupEvents, 4);
			List<Run> runs = new ArrayList<>();
			for (int threads : this.threadCounts) {
				runs.add(throughput(this.measuredEvents, threads));
			}
			SqlStatistics.start();
			Run profiled = throughput(this.profiledEvents, 1);
			List<SqlStatistics.Entry> perEvent = SqlStatistics.stop();
			report(runs, profiled, perEvent);
			assertThat(runs).allSatisfy((run) -> assertThat(run.lossless()).as("%s", run).isTrue());
		}
	}

	private void uisAccountWithAgentsAndContacts(UisSimulator uis) {
		this.tenantId = this.data.anyTenant();
		this.account = this.accounts.create(this.tenantId, "uis", "UIS bench", true,
				Map.of("timeZone", "Europe/Moscow", "callApiUrl", uis.callApiUrl().toString(), "dataApiUrl",
						uis.dataApiUrl().toString(), "virtualNumber", UisTraffic.VIRTUAL_NUMBER),
				new Credentials(Map.of("accessToken", TOKEN, "notificationSecret", SECRET)));
		List<TestUser> agentUsers = new ArrayList<>();
		for (int i = 0; i < UisTraffic.AGENTS; i++) {
			TestUser agent = this.data.anyUser(this.tenantId, Role.AGENT);
			this.agents.assignExtension(this.tenantId, agent.id(), this.account.id(),
					String.valueOf(UisTraffic.employee(i)));
			agentUsers.add(agent);
		}
		for (int i = 0; i < UisTraffic.CONTACTS; i++) {
			this.data.anyContact(this.tenantId, UisTraffic.contactName(i), agentUsers.get(i % UisTraffic.AGENTS).id(),
					"+" + UisTraffic.number(i));
		}
		TestUser admin = this.data.anyUser(this.tenantId, Role.ADMIN);
		this.targets = UisSetupPage.targets(UiSession.logIn(this.port, admin.username(), admin.password()),
				this.account.id(), SECRET);
	}

	private Run throughput(int events, int threads) throws Exception {
		int calls = events / EVENTS_PER_CALL;
		String batch = String.valueOf(BATCHES.getAndIncrement());
		long base = Long.parseLong(batch) * 10_000_000L;
		LongAdder acknowledged = new LongAdder();
		AtomicInteger next = new AtomicInteger();
		Instant since = Instant.now();
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads, named("bench-"))) {
			List<Future<?>> workers = new ArrayList<>();
			for (UisNotificationSender sender : senders(threads)) {
				workers.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
						acknowledged.add(UisTraffic.deliver(sender, this.targets, base + n, n));
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		long nanos = System.nanoTime() - start;
		drain(since, start);
		long processed = System.nanoTime() - start;
		return new Run(threads, calls * EVENTS_PER_CALL, acknowledged.sum(), nanos, processed, stored(batch, false),
				stored(batch, true), storedEvents(batch), incomplete(since, true));
	}

	private void drain(Instant since, long start) throws InterruptedException {
		long deadline = start + DRAIN_TIMEOUT.toNanos();
		while (incomplete(since, false) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
	}

	private long incomplete(Instant since, boolean failedOnly) {
		return EventPublications.incomplete(this.jdbc, this.tenantId, since, failedOnly);
	}

	private long stored(String batch, boolean endedOnly) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM calls WHERE account_id = ? AND provider_call_id LIKE ?"
					+ (endedOnly ? " AND state = 'ENDED'" : ""))
			.params(this.account.id(), batch + "%")
			.query(Long.class)
			.single();
	}

	private long storedEvents(String batch) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id LIKE ?""")
			.params(this.account.id(), batch + "%")
			.query(Long.class)
			.single();
	}

	private void report(List<Run> runs, Run profiled, List<SqlStatistics.Entry> perEvent) {
		BenchmarkReport report = new BenchmarkReport(
				"uis-notifications-" + System.getProperty("callbridge.test.database", "h2"),
				"UIS notifications: the setup page's templates over HTTP", BenchmarkReport.database());
		report.line("Each call is call-incoming → waiting → talk-started → talk-finished → call-finished → recording, "
				+ "each a JSON body rendered from the setup page's template as UIS substitutes it, posted in order by "
				+ "one thread to its own URL /webhooks/uis/{token}/{event}?secret=… over HTTP/1.1 (one HTTP client per "
				+ "thread); " + UisTraffic.AGENTS + " agents (employees 1000–" + (999 + UisTraffic.AGENTS) + "), "
				+ UisTraffic.CONTACTS + " contacts, callers cycling over " + UisTraffic.NUMBERS + " numbers; warm-up "
				+ this.warmupEvents + " notifications. notifications/s = notifications "
				+ "answered 200 ÷ time to the last response; 'fully processed' also waits for every event "
				+ "publication of the run. talk-finished is acknowledged without an event; each call-finished "
				+ "schedules a session fetch from the Data API (the simulator, which has no report row).")
			.line("")
			.table("threads", "notifications sent", "answered 200", "in (ms)", "notifications/s",
					"fully processed in (ms)", "fully processed/s", "calls stored (ended)", "events stored",
					"failed publications");
		for (Run run : runs) {
			report.row(run.threads(), run.sent(), run.acknowledged(), run.nanos() / 1_000_000, run.perSecond(),
					run.processedNanos() / 1_000_000, run.processedPerSecond(),
					BenchmarkReport.format(run.storedCalls()) + " (" + BenchmarkReport.format(run.endedCalls()) + ")",
					run.storedEvents(), run.failed());
		}
		report.line("")
			.line(String.format(Locale.ROOT,
					"Where the time goes, per notification: a profiled run of %,d notifications on 1 thread (%,.1f/s "
							+ "with the JDBC wrapper counting): %.1f SQL statements, %.3f ms of JDBC time per "
							+ "notification ('webhook' = Tomcat's request threads, 'listener' = the rest).",
					profiled.sent(), profiled.perSecond(), SqlStatistics.statements(perEvent) / profiled.sent(),
					SqlStatistics.nanos(perEvent) / 1e6 / profiled.sent()))
			.line("")
			.statements("notification", profiled.sent(), perEvent);
		report.publish();
	}

	private List<UisNotificationSender> senders(int count) {
		while (this.senders.size() < count) {
			this.senders.add(new UisNotificationSender());
		}
		return this.senders.subList(0, count);
	}

	private static ThreadFactory named(String prefix) {
		AtomicInteger sequence = new AtomicInteger();
		return (task) -> new Thread(task, prefix + sequence.incrementAndGet());
	}

}
