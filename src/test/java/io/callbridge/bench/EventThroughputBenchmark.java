package io.callbridge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.shared.Role;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures how many normalized call events per second go through the whole path: stored,
 * the call recomputed, the change published to the event publication registry, and the
 * screen-pop listener completed.
 */
@Benchmark
class EventThroughputBenchmark {

	private static final int AGENTS = 50;

	private static final int CONTACTS = 50;

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

	private final int warmupEvents = Integer.getInteger("bench.warmup", 2_000);

	private final int measuredEvents = Integer.getInteger("bench.events", 20_000);

	private final int profiledEvents = Integer.getInteger("bench.profile-events", 2_000);

	private final List<Integer> threadCounts = threads(System.getProperty("bench.threads", "1,4,8"));

	@Autowired
	TestData data;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	private long tenantId;

	private long accountId;

	/**
	 * One measured run.
	 *
	 * @param events events delivered
	 * @param threads delivering threads
	 * @param acceptedNanos until every accept() returned
	 * @param processedNanos until, in addition, no publication was left incomplete
	 * @param failed publications left failed
	 */
	record Run(int events, int threads, long acceptedNanos, long processedNanos, long failed) {

		double acceptedPerSecond() {
			return this.events / (this.acceptedNanos / 1e9);
		}

		double processedPerSecond() {
			return this.events / (this.processedNanos / 1e9);
		}

	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void eventsThroughTheWholePath() throws Exception {
		this.tenantId = this.data.anyTenant();
		this.accountId = this.data.sandboxAccount(this.tenantId).id();
		for (int i = 0; i < AGENTS; i++) {
			this.data.anyAgentWithExtension(this.tenantId, Role.AGENT, extension(i));
		}
		for (int i = 0; i < CONTACTS; i++) {
			this.data.anyContact(this.tenantId, "Contact " + i, number(i));
		}
		run(this.warmupEvents, 4);
		List<Run> runs = new ArrayList<>();
		for (int threads : this.threadCounts) {
			runs.add(run(this.measuredEvents, threads));
		}
		SqlStatistics.start();
		Run profiled = run(this.profiledEvents, 1);
		List<SqlStatistics.Entry> statements = SqlStatistics.stop();
		report(runs, profiled, statements);
		assertThat(runs).allSatisfy((run) -> assertThat(run.failed()).isZero());
	}

	private Run run(int events, int threads) throws Exception {
		int calls = events / 4;
		List<List<ProviderCallEvent>> work = new ArrayList<>(calls);
		String batch = UUID.randomUUID().toString().substring(0, 8);
		Instant base = Instant.now();
		for (int i = 0; i < calls; i++) {
			work.add(callEvents(batch + "-" + i, i, base.plusMillis(i)));
		}
		Instant since = Instant.now();
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads, named())) {
			List<Future<?>> futures = new ArrayList<>(calls);
			for (List<ProviderCallEvent> call : work) {
				futures.add(pool.submit(() -> call.forEach(this.sink::accept)));
			}
			for (Future<?> future : futures) {
				future.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		long accepted = System.nanoTime() - start;
		long deadline = start + DRAIN_TIMEOUT.toNanos();
		while (incomplete(since, false) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		long processed = System.nanoTime() - start;
		return new Run(calls * 4, threads, accepted, processed, incomplete(since, true));
	}

	private List<ProviderCallEvent> callEvents(String providerCallId, int n, Instant at) {
		String extension = extension(n % AGENTS);
		return List.of(
				event(providerCallId, CallEventType.STARTED, at).direction(CallDirection.INBOUND)
					.externalNumber(number(n % (CONTACTS * 4)))
					.ourLine("+34910000000")
					.build(),
				event(providerCallId, CallEventType.RINGING, at.plusSeconds(1)).extension(extension).build(),
				event(providerCallId, CallEventType.ANSWERED, at.plusSeconds(5)).extension(extension).build(),
				event(providerCallId, CallEventType.ENDED, at.plusSeconds(65)).extension(extension)
					.result(CallResult.ANSWERED)
					.talkSeconds(60)
					.build());
	}

	private ProviderCallEvent.Builder event(String providerCallId, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.accountId, providerCallId, type, at)
			.rawPayload("{\"call\":\"" + providerCallId + "\",\"event\":\"" + type + "\"}");
	}

	private long incomplete(Instant since, boolean failedOnly) {
		return EventPublications.incomplete(this.jdbc, this.tenantId, since, failedOnly);
	}

	private void report(List<Run> runs, Run profiled, List<SqlStatistics.Entry> statements) {
		BenchmarkReport report = new BenchmarkReport(
				"event-throughput-" + System.getProperty("callbridge.test.database", "h2"),
				"Event throughput through CallEventSink.accept", BenchmarkReport.database());
		report
			.line("Each call is 4 events (STARTED with a number, RINGING, ANSWERED, ENDED) delivered in order by one "
					+ "thread; " + AGENTS + " agents, " + CONTACTS + " contacts; warm-up " + this.warmupEvents
					+ " events. 'Fully processed' = every accept() returned and no event publication of the run is "
					+ "left incomplete (the screen-pop listener has completed). Target: ≥ 2,000 events/s.")
			.line("")
			.table("threads", "events", "accepted in (ms)", "accepted events/s", "fully processed in (ms)",
					"fully processed events/s", "failed publications");
		for (Run run : runs) {
			report.row(run.threads(), run.events(), run.acceptedNanos() / 1_000_000, run.acceptedPerSecond(),
					run.processedNanos() / 1_000_000, run.processedPerSecond(), run.failed());
		}
		report.line("")
			.line(String.format(Locale.ROOT,
					"Where the time goes: a profiled run of %,d events on 1 thread (%,.1f events/s, with the "
							+ "JDBC wrapper counting): %.1f SQL statements per event, %.3f ms of JDBC time per event.",
					profiled.events(), profiled.processedPerSecond(),
					SqlStatistics.statements(statements) / profiled.events(),
					SqlStatistics.nanos(statements) / 1e6 / profiled.events()))
			.line("")
			.statements("event", profiled.events(), statements);
		report.publish();
	}

	private static ThreadFactory named() {
		AtomicInteger sequence = new AtomicInteger();
		return (task) -> new Thread(task, "bench-" + sequence.incrementAndGet());
	}

	private static String extension(int i) {
		return String.valueOf(1001 + i);
	}

	private static String number(int i) {
		return String.format(Locale.ROOT, "+3461%07d", 1000 + i);
	}

	private static List<Integer> threads(String list) {
		return Arrays.stream(list.split(",")).map(String::strip).map(Integer::valueOf).toList();
	}

}
