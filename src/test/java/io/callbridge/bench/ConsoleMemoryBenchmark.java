package io.callbridge.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Collectors;

import io.callbridge.shared.Role;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.bench.Percentiles.percentile;
import static io.callbridge.bench.Percentiles.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * 1,000 consoles connected to one node: the resident memory (RSS, {@code VmRSS} of
 * {@code /proc/<pid>/status}) of a separately started server process — the built jar,
 * started by {@code bin/callbridge} as production starts it (or by {@code java -jar}) —
 * idle, with the consoles connected and after a burst of one ringing call per console.
 * The calls ring through this JVM (a second node on the same PostgreSQL database), so the
 * burst also crosses nodes through {@code pg_notify}; each console must get its own
 * call's pop-up exactly once. PostgreSQL only: the in-memory H2 of the tests cannot be
 * shared with another process.
 */
@Benchmark
class ConsoleMemoryBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ConsoleMemoryBenchmark.class);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final int consoles = Integer.getInteger("bench.node-consoles", 1000);

	private final Path jar = Path.of(System.getProperty("bench.server-jar", "target/callbridge-0.1.0-SNAPSHOT.jar"));

	/**
	 * JVM options of the server process, space-separated; none by default. Started
	 * through the launcher, they are its {@code CALLBRIDGE_JAVA_OPTS}: they replace its
	 * defaults where they overlap.
	 */
	private final String jvmOptions = System.getProperty("bench.server-jvm-options", "").strip();

	/**
	 * How the server is started: {@code launcher} ({@code bin/callbridge}, as production
	 * starts a node, with its memory defaults) or {@code java} ({@code java -jar}, the
	 * JVM's own defaults).
	 */
	private final String startedWith = System.getProperty("bench.server-start", "launcher");

	/**
	 * Whether to write the server's class histogram (and its native memory summary, when
	 * started with {@code -XX:NativeMemoryTracking=summary}) idle and with the consoles
	 * connected, after the RSS is read: what a console costs, by class.
	 */
	private final boolean diagnostics = Boolean.getBoolean("bench.server-diagnostics");

	@Autowired
	TestData data;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void thousandConsolesOnOneNode() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"the server process shares the database: PostgreSQL only");
		assumeTrue(Files.isRegularFile(this.jar), "build the jar first: ./mvnw -B -q package -DskipTests");
		long tenantId = this.data.anyTenant();
		long accountId = this.data.sandboxAccount(tenantId).id();
		List<TestUser> agents = agents(tenantId);
		int port = freePort();
		Process server = start(port);
		try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
			URI base = URI.create("http://localhost:" + port);
			awaitHealthy(base, server);
			long idle = rssKib(server);
			diagnose(server, "idle");
			List<ConsoleClient> clients = connect(base, agents, virtual);
			try {
				Thread.sleep(2000);
				long connected = rssKib(server);
				diagnose(server, "connected");
				Burst burst = burst(accountId, clients, virtual);
				long afterBurst = rssKib(server);
				report(jvmArguments(server), idle, connected, afterBurst, vmHwmKib(server), burst);
				assertThat(burst.missing()).isZero();
				assertThat(burst.extra()).isZero();
			}
			finally {
				for (ConsoleClient client : clients) {
					client.close();
				}
			}
		}
		finally {
			server.destroy();
			server.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * One burst's client-side latencies in microseconds, sorted.
	 *
	 * @param client submission (accept() called) to the SSE message read on the other
	 * node
	 * @param missing consoles that did not get their call's pop-up
	 * @param extra messages beyond one per console
	 */
	record Burst(long[] client, int missing, int extra) {
	}

	private List<TestUser> agents(long tenantId) throws Exception {
		try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
			List<Future<TestUser>> futures = new ArrayList<>();
			for (int i = 0; i < this.consoles; i++) {
				String extension = String.valueOf(5001 + i);
				futures.add(pool.submit(() -> this.data.anyAgentWithExtension(tenantId, Role.AGENT, extension)));
			}
			List<TestUser> agents = new ArrayList<>();
			for (Future<TestUser> future : futures) {
				agents.add(future.get(5, TimeUnit.MINUTES));
			}
			return agents;
		}
	}

	// The built jar as an operator starts it, on the database of this run.
	private Process start(int port) throws IOException {
		Path dataDir = Files.createTempDirectory("callbridge-node");
		List<String> command = new ArrayList<>();
		ProcessBuilder builder = new ProcessBuilder(command);
		if ("launcher".equals(this.startedWith)) {
			command.addAll(List.of("bash", Path.of("bin", "callbridge").toString()));
			builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
			builder.environment().put("CALLBRIDGE_JAR", this.jar.toString());
			builder.environment().put("CALLBRIDGE_JAVA_OPTS", this.jvmOptions);
		}
		else {
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			if (!this.jvmOptions.isEmpty()) {
				command.addAll(List.of(this.jvmOptions.split("\\s+")));
			}
			command.addAll(List.of("-jar", this.jar.toString()));
		}
		command.addAll(List.of("--server.port=" + port,
				"--spring.datasource.url=" + this.environment.getRequiredProperty("spring.datasource.url"),
				"--spring.datasource.username=" + this.environment.getRequiredProperty("spring.datasource.username"),
				"--spring.datasource.password=" + this.environment.getProperty("spring.datasource.password", ""),
				"--callbridge.data-dir=" + dataDir, "--callbridge.secrets.encryption-key="
						+ this.environment.getRequiredProperty("callbridge.secrets.encryption-key")));
		return builder.redirectErrorStream(true).redirectOutput(Path.of("target", "bench-node.log").toFile()).start();
	}

	// The JVM's options as the server process got them (the launcher adds its defaults).
	private static String jvmArguments(Process server) {
		return server.info()
			.arguments()
			.map(List::of)
			.orElse(List.of())
			.stream()
			.takeWhile((argument) -> !"-jar".equals(argument))
			.collect(Collectors.joining(" "));
	}

	private static void awaitHealthy(URI base, Process server) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
			while (Instant.now().isBefore(deadline) && server.isAlive()) {
				try {
					HttpResponse<Void> health = http.send(
							HttpRequest.newBuilder(base.resolve("/actuator/health")).GET().build(),
							HttpResponse.BodyHandlers.discarding());
					if (health.statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				Thread.sleep(500);
			}
		}
		throw new IllegalStateException("The server process did not start; see target/bench-node.log");
	}

	private List<ConsoleClient> connect(URI base, List<TestUser> agents, ExecutorService virtual) throws Exception {
		// A login checks a BCrypt hash: a few at a time keep the 2 cores from thrashing.
		Semaphore logins = new Semaphore(8);
		List<ConsoleClient> clients = new ArrayList<>();
		List<Future<?>> opened = new ArrayList<>();
		for (TestUser agent : agents) {
			ConsoleClient client = new ConsoleClient(base, virtual);
			clients.add(client);
			opened.add(virtual.submit(() -> {
				logins.acquire();
				try {
					client.logIn(agent.username(), agent.password());
				}
				finally {
					logins.release();
				}
				client.openEvents();
				return null;
			}));
		}
		for (Future<?> future : opened) {
			future.get(10, TimeUnit.MINUTES);
		}
		return clients;
	}

	private Burst burst(long accountId, List<ConsoleClient> clients, ExecutorService virtual) throws Exception {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		int n = clients.size();
		long[] submitted = new long[n];
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> accepted = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			int index = i;
			ProviderCallEvent event = ProviderCallEvent
				.of(accountId, batch + "-" + i, CallEventType.RINGING, Instant.now())
				.direction(CallDirection.INBOUND)
				.externalNumber(String.format(Locale.ROOT, "+3462%07d", i))
				.extension(String.valueOf(5001 + i))
				.rawPayload("{\"call\":\"" + batch + "-" + i + "\"}")
				.build();
			accepted.add(virtual.submit(() -> {
				go.await();
				submitted[index] = System.nanoTime();
				return this.sink.accept(event);
			}));
		}
		go.countDown();
		for (Future<?> future : accepted) {
			future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		List<Long> latencies = new ArrayList<>();
		int missing = 0;
		int extra = 0;
		for (int i = 0; i < n; i++) {
			ConsoleClient.Message message = clients.get(i).next(WAIT);
			Long expected = this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
				.params(accountId, batch + "-" + i)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (message == null || expected == null || message.callId() != expected) {
				log.warn("Console {}: message {}, expected call {}", i, message, expected);
				missing++;
				continue;
			}
			latencies.add((message.readNanos() - submitted[i]) / 1_000);
		}
		for (ConsoleClient client : clients) {
			while (client.next(Duration.ofMillis((extra == 0) ? 5 : 1)) != null) {
				extra++;
			}
		}
		return new Burst(sorted(latencies), missing, extra);
	}

	private void report(String jvmArguments, long idle, long connected, long afterBurst, long peak, Burst burst) {
		BenchmarkReport report = new BenchmarkReport("console-memory-postgres",
				this.consoles + " consoles connected to one node", BenchmarkReport.database());
		report
			.line("The server is `" + ("launcher".equals(this.startedWith) ? "bin/callbridge" : "java -jar " + this.jar)
					+ "` started by the benchmark (JVM options: `" + (jvmArguments.isEmpty() ? "none" : jvmArguments)
					+ "`; without a cap the default heap is a quarter of the machine's memory), on the run's "
					+ "PostgreSQL database. RSS = VmRSS of /proc/<pid>/status; peak = VmHWM. The burst rings one call "
					+ "per console through the benchmark's own JVM (another node): it reaches the server's consoles "
					+ "through pg_notify.")
			.line("")
			.table("figure", "value")
			.row("RSS idle, started (MiB)", idle / 1024.0)
			.row("RSS with " + this.consoles + " consoles connected (MiB)", connected / 1024.0)
			.row("RSS after a burst of " + this.consoles + " ringing calls (MiB)", afterBurst / 1024.0)
			.row("peak RSS, VmHWM (MiB)", peak / 1024.0)
			.row("burst: pop-ups received / missing / extra",
					burst.client().length + " / " + burst.missing() + " / " + burst.extra())
			.row("burst: client p50 (ms)", percentile(burst.client(), 0.5) / 1000.0)
			.row("burst: client p99 (ms)", percentile(burst.client(), 0.99) / 1000.0)
			.row("burst: client max (ms)", percentile(burst.client(), 1.0) / 1000.0);
		report.publish();
	}

	// jcmd's class histogram runs a full collection: taken after the RSS is read.
	private void diagnose(Process server, String stage) throws Exception {
		if (!this.diagnostics) {
			return;
		}
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Path directory = Files.createDirectories(Path.of("target", "benchmarks"));
		for (String command : List.of("GC.class_histogram", "VM.native_memory")) {
			Path out = directory.resolve("console-memory-" + stage + "-" + command + ".txt");
			Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), command)
				.redirectErrorStream(true)
				.redirectOutput(out.toFile())
				.start();
			if (!run.waitFor(2, TimeUnit.MINUTES)) {
				run.destroyForcibly();
			}
			log.info("Server {} at stage {}: {}", command, stage, out);
		}
	}

	private static long rssKib(Process process) throws IOException {
		return statusKib(process, "VmRSS:");
	}

	private static long vmHwmKib(Process process) throws IOException {
		return statusKib(process, "VmHWM:");
	}

	private static long statusKib(Process process, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
			}
		}
		throw new IllegalStateException(field + " not found for process " + process.pid());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
