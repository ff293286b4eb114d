package io.callbridge.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.shared.Role;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static io.callbridge.bench.Percentiles.percentile;
import static io.callbridge.bench.Percentiles.sorted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the screen-pop latency with 200 consoles connected: from a RINGING event
 * entering Callbridge to its SSE message leaving the server, and from the event's
 * submission to the message read by the client. The node's pollers (outbound webhooks,
 * agents' status pushes, recordings, CallMyWay's live poll) run at the product's
 * intervals, not at the test profile's, which are 5–25 times shorter so that tests wait
 * less: their transactions would otherwise compete with the measured path as no
 * production node's do.
 */
@Benchmark
@TestPropertySource(
		properties = { "callbridge.webhooks.poll-interval=1s", "callbridge.agents.availability.poll-interval=1s",
				"callbridge.recordings.poll-interval=5s", "callbridge.callmyway.poll-tick=1s" })
class ScreenPopLatencyBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ScreenPopLatencyBenchmark.class);

	private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(30);

	private final int consoles = Integer.getInteger("bench.consoles", 200);

	private final int pacePerSecond = Integer.getInteger("bench.pace", 100);

	/**
	 * Warm-up rounds, each a paced round and a burst: a server answers bursts after
	 * running for a while, not with its code still being compiled.
	 */
	private final int warmupRounds = Integer.getInteger("bench.warmup-rounds", 1);

	/**
	 * Which way the rings enter: {@code accept} applies at once (polled providers, the
	 * sandbox); {@code receive} stores each in the inbox first and a lane applies it, as
	 * webhooks do (Zadarma, UIS).
	 */
	private final String path = System.getProperty("bench.sink", "accept");

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	private long accountId;

	/**
	 * The latencies of one round, in microseconds, sorted.
	 *
	 * @param name the round
	 * @param server event entering (receivedAt) to SSE message sent
	 * @param published {@code CallRang} published to SSE message sent: the pop-up's own
	 * share, whatever the ingestion does before
	 * @param client submission to SSE message read by the client
	 * @param missing messages not received or not matching their event
	 * @param extra messages received beyond the one expected per console (duplicates)
	 * @param millis how long submitting the round's events took
	 * @param cpu the CPU this JVM (server, consoles' clients and the benchmark) and
	 * PostgreSQL used from the round's first event until every console read its pop-up
	 */
	record Round(String name, long[] server, long[] published, long[] client, int missing, int extra, long millis,
			CpuUse cpu) {
	}

	@Test
	@Timeout(value = 20, unit = TimeUnit.MINUTES)
	void screenPopLatencyWithConnectedConsoles() throws Exception {
		long tenantId = this.data.anyTenant();
		this.accountId = this.data.sandboxAccount(tenantId).id();
		List<TestUser> agents = agents(tenantId);
		try (ExecutorService virtual = Executors
			.newThreadPerTaskExecutor(Thread.ofVirtual().name("bench-vt-", 0).factory())) {
			List<ConsoleClient> clients = connect(agents, virtual);
			try {
				List<Round> rounds = new ArrayList<>();
				for (int i = 0; i < this.warmupRounds; i++) {
					run("warm-up, paced", clients, virtual, false);
					run("warm-up, burst", clients, virtual, true);
				}
				rounds.add(run("paced " + this.pacePerSecond + "/s", clients, virtual, false));
				rounds.add(run("burst of " + this.consoles, clients, virtual, true));
				rounds.add(run("paced " + this.pacePerSecond + "/s (again)", clients, virtual, false));
				rounds.add(run("burst of " + this.consoles + " (again)", clients, virtual, true));
				SqlStatistics.start();
				Round counted = run("burst of " + this.consoles + " (JDBC counted)", clients, virtual, true);
				List<SqlStatistics.Entry> statements = SqlStatistics.stop();
				report(rounds, counted, statements);
				assertThat(rounds).allSatisfy((round) -> {
					assertThat(round.missing()).isZero();
					assertThat(round.extra()).isZero();
				});
			}
			finally {
				for (ConsoleClient client : clients) {
					client.close();
				}
			}
		}
	}

	private List<TestUser> agents(long tenantId) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Future<TestUser>> futures = new ArrayList<>();
			for (int i = 0; i < this.consoles; i++) {
				String extension = String.valueOf(2001 + i);
				futures.add(pool.submit(() -> this.data.anyAgentWithExtension(tenantId, Role.AGENT, extension)));
			}
			List<TestUser> agents = new ArrayList<>();
			for (Future<TestUser> future : futures) {
				agents.add(future.get(2, TimeUnit.MINUTES));
			}
			return agents;
		}
	}

	private List<ConsoleClient> connect(List<TestUser> agents, ExecutorService virtual) throws Exception {
		URI base = URI.create("http://localhost:" + this.port);
		// A login checks a BCrypt hash and writes the login record: a few at a time, so
		// that on a loaded machine no stream waits out its greeting behind 200 logins.
		Semaphore running = new Semaphore(8);
		List<ConsoleClient> clients = new ArrayList<>();
		List<Future<?>> logins = new ArrayList<>();
		for (TestUser agent : agents) {
			ConsoleClient client = new ConsoleClient(base, virtual);
			clients.add(client);
			logins.add(virtual.submit(() -> {
				running.acquire();
				try {
					client.logIn(agent.username(), agent.password());
					client.openEvents();
				}
				finally {
					running.release();
				}
				return null;
			}));
		}
		for (Future<?> login : logins) {
			login.get(3, TimeUnit.MINUTES);
		}
		return clients;
	}

	private Round run(String name, List<ConsoleClient> clients, ExecutorService virtual, boolean burst)
			throws Exception {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		int n = clients.size();
		long[] submitted = new long[n];
		List<ProviderCallEvent> events = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			events.add(ProviderCallEvent.of(this.accountId, batch + "-" + i, CallEventType.RINGING, Instant.now())
				.direction(CallDirection.INBOUND)
				.externalNumber(String.format(Locale.ROOT, "+3461%07d", i))
				.extension(String.valueOf(2001 + i))
				.rawPayload("{\"call\":\"" + batch + "-" + i + "\"}")
				.build());
		}
		CpuUse cpuBefore = CpuUse.now();
		long start = System.nanoTime();
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> accepted = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			int index = i;
			if (!burst) {
				long due = start + TimeUnit.SECONDS.toNanos(i) / this.pacePerSecond;
				TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
			}
			accepted.add(virtual.submit(() -> {
				if (burst) {
					go.await();
				}
				submitted[index] = System.nanoTime();
				return "receive".equals(this.path) ? this.sink.receive(events.get(index))
						: this.sink.accept(events.get(index));
			}));
		}
		go.countDown();
		for (Future<?> future : accepted) {
			future.get(MESSAGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		return collect(name, batch, clients, submitted, millis, cpuBefore);
	}

	private Round collect(String name, String batch, List<ConsoleClient> clients, long[] submitted, long millis,
			CpuUse cpuBefore) throws InterruptedException {
		List<ConsoleClient.@Nullable Message> messages = new ArrayList<>(clients.size());
		for (ConsoleClient console : clients) {
			messages.add(console.next(MESSAGE_TIMEOUT));
		}
		// Until every pop-up was read: on the inbox's path the submissions return once
		// stored, long before the lanes' work.
		CpuUse cpu = CpuUse.now().since(cpuBefore);
		List<Long> server = new ArrayList<>();
		List<Long> published = new ArrayList<>();
		List<Long> client = new ArrayList<>();
		AtomicInteger missing = new AtomicInteger();
		for (int i = 0; i < clients.size(); i++) {
			ConsoleClient.Message message = messages.get(i);
			Long expected = this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
				.params(this.accountId, batch + "-" + i)
				.query(Long.class)
				.optional()
				.orElse(null);
			Instant sentAt = (message != null) ? sentAt(message.callId()) : null;
			if (message == null || expected == null || message.callId() != expected || sentAt == null) {
				log.warn("Console {}: message {}, expected call {}, sent at {}", i, message, expected, sentAt);
				missing.incrementAndGet();
				continue;
			}
			server.add(Duration.between(message.receivedAt(), sentAt).toNanos() / 1_000);
			Instant rangAt = PushTimes.rangAt(message.callId());
			if (rangAt != null) {
				published.add(Duration.between(rangAt, sentAt).toNanos() / 1_000);
			}
			client.add((message.readNanos() - submitted[i]) / 1_000);
		}
		int extra = 0;
		for (ConsoleClient console : clients) {
			// A duplicate would arrive right behind the original, long within this wait.
			while (console.next(Duration.ofMillis((extra == 0) ? 5 : 1)) != null) {
				extra++;
			}
		}
		return new Round(name, sorted(server), sorted(published), sorted(client), missing.get(), extra, millis, cpu);
	}

	private void report(List<Round> rounds, Round counted, List<SqlStatistics.Entry> statements) {
		BenchmarkReport report = new BenchmarkReport(
				"screenpop-latency-" + System.getProperty("callbridge.test.database", "h2")
						+ ("receive".equals(this.path) ? "-receive" : ""),
				"Screen-pop latency with " + this.consoles + " connected consoles", BenchmarkReport.database());
		report
			.line("Each round delivers one RINGING event per agent through CallEventSink." + this.path
					+ ("receive".equals(this.path)
							? " (stored in the inbox, applied by a lane: the webhooks' path)"
							: " (applied at once: the path of polled providers)")
					+ " (paced: one every " + (1000 / this.pacePerSecond)
					+ " ms; burst: all at once, one virtual thread each). Server = "
					+ "receivedAt (set as the event enters CallEventIngestion) → ConsoleConnections.push returned; client = "
					+ "accept() called → SSE `call` message read by the agent's HTTP client. Target: server p99 ≤ 50 ms.")
			.line("")
			.line("Published = `CallRang` published (inside the ingesting transaction) → the same SSE message sent: "
					+ "the pop-up's own share. Extra = messages beyond one per console (duplicates). CPU per ring = "
					+ "this JVM's CPU (the server, the consoles' clients, the benchmark) and PostgreSQL's, from the "
					+ "round's first event until every console read its pop-up, divided by the rings.")
			.line("")
			.table("round", "submitted in (ms)", "messages", "missing", "extra", "server p50 (ms)", "server p99 (ms)",
					"server max (ms)", "published p50 (ms)", "published p99 (ms)", "published max (ms)",
					"client p50 (ms)", "client p99 (ms)", "client max (ms)", "CPU µs per ring, JVM / PostgreSQL");
		for (Round round : rounds) {
			report.row(round.name(), round.millis(), (long) round.server().length, round.missing(), round.extra(),
					ms(percentile(round.server(), 0.50)), ms(percentile(round.server(), 0.99)),
					ms(percentile(round.server(), 1.0)), ms(percentile(round.published(), 0.50)),
					ms(percentile(round.published(), 0.99)), ms(percentile(round.published(), 1.0)),
					ms(percentile(round.client(), 0.50)), ms(percentile(round.client(), 0.99)),
					ms(percentile(round.client(), 1.0)),
					String.format(Locale.ROOT, "%.0f / %.0f", round.cpu().jvmMicrosPer(round.server().length),
							round.cpu().postgresMicrosPer(round.server().length)));
		}
		Timer timer = this.meters.find("callbridge.screenpop.push.latency").timer();
		if (timer != null) {
			StringBuilder percentiles = new StringBuilder();
			for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
				percentiles.append(String.format(Locale.ROOT, " p%.0f %.1f ms;", value.percentile() * 100,
						value.value(TimeUnit.MILLISECONDS)));
			}
			report.line("")
				.line(String.format(Locale.ROOT,
						"Cross-check, the server's timer `callbridge.screenpop.push.latency` (all rounds including "
								+ "warm-up; percentiles over Micrometer's sliding window): count %d, mean %.1f ms, "
								+ "max %.1f ms;%s",
						timer.count(), timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS),
						percentiles));
		}
		report.line("")
			.line(String.format(Locale.ROOT,
					"Where the time goes in a burst: one more burst round with the JDBC wrapper counting (server p50 %.1f "
							+ "ms, p99 %.1f ms); 'ingest' = the threads calling accept(), 'listener' = the rest.",
					ms(percentile(counted.server(), 0.5)), ms(percentile(counted.server(), 0.99))))
			.line("")
			.table("thread: statement", "count", "total ms", "mean µs");
		for (SqlStatistics.Entry entry : statements) {
			report.row("`" + entry.key() + "`", entry.count(), entry.nanos() / 1_000_000,
					(double) entry.nanos() / 1_000 / Math.max(1, entry.count()));
		}
		report.publish();
	}

	// The client may read the message before push() has returned on the server.
	private static @Nullable Instant sentAt(long callId) throws InterruptedException {
		for (int attempt = 0; attempt < 100; attempt++) {
			Instant sentAt = PushTimes.sentAt(callId);
			if (sentAt != null) {
				return sentAt;
			}
			Thread.sleep(10);
		}
		return null;
	}

	private static double ms(long micros) {
		return micros / 1000.0;
	}

}
