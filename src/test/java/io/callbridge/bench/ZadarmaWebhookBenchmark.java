package io.callbridge.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import io.callbridge.agents.AgentService;
import io.callbridge.contacts.Blacklist;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.zadarma.ZadarmaWebhookSender;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.bench.Percentiles.percentile;
import static io.callbridge.bench.Percentiles.sorted;
import static io.callbridge.bench.ZadarmaTraffic.EVENTS_PER_CALL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures Zadarma's call-notification webhook over real HTTP, signed as Zadarma signs:
 * how many NOTIFY_* events per second are acknowledged through the whole path (signature
 * check, mapping, ingestion), with a check that every call arrived; and the client-side
 * round trip of NOTIFY_START, whose reply carries the call-control decision (caller name,
 * route to the responsible agent, blacklist), paced, with and without background load.
 */
@Benchmark
// The product's defaults, not the test profile's (whose reads wait up to 30 s);
// -Dbench.apply-wait=2s has answers wait for the apply.
@TestPropertySource(properties = { "callbridge.ingestion.apply-wait=${bench.apply-wait:0s}",
		"callbridge.ingestion.read-wait=1s", "callbridge.ingestion.lag-limit=50ms" })
class ZadarmaWebhookBenchmark {

	private static final Logger log = LoggerFactory.getLogger(ZadarmaWebhookBenchmark.class);

	/** The reader contact's number, outside the traffic's plan of numbers. */
	private static final String READER_NUMBER = "34699000001";

	private static final String SECRET = "zd-bench-secret";

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

	private static final int WARMUP_DECISIONS = 200;

	// The HTTP path has much more code to compile than CallEventSink.accept alone: with
	// 2,000 warm-up events the first measured run was half as fast as the later ones.
	private final int warmupEvents = Integer.getInteger("bench.warmup", 30_000);

	private final int measuredEvents = Integer.getInteger("bench.events", 20_000);

	private final int profiledEvents = Integer.getInteger("bench.profile-events", 2_000);

	@Value("${callbridge.ingestion.apply-wait}")
	private String applyWait = "";

	// One client shows each event's own statements; many show what a lane's transaction
	// shares between the events it applies together.
	private final int profiledThreads = Integer.getInteger("bench.profile-threads", 1);

	private final List<Integer> threadCounts = Arrays.stream(System.getProperty("bench.threads", "1,4,8").split(","))
		.map(String::strip)
		.map(Integer::valueOf)
		.toList();

	private final int decisions = Integer.getInteger("bench.decisions", 2_000);

	private final int pacePerSecond = Integer.getInteger("bench.pace", 100);

	private final int backgroundThreads = Integer.getInteger("bench.background-threads", 4);

	private final int ackRate = Integer.getInteger("bench.ack-rate", 1_000);

	private final int ackSeconds = Integer.getInteger("bench.ack-seconds", 20);

	/**
	 * A file to write each acknowledgement's send time and round trip to (CSV), so that a
	 * slow tail can be lined up with the collector's and the database's logs.
	 */
	private final String ackTrace = System.getProperty("bench.ack-trace", "");

	/**
	 * Seconds of the same steady round (with its reads) run and left out before the
	 * measured one, traced to {@code <bench.ack-trace>.warmup.csv}: the first seconds of
	 * a round new to the server were slower than the rest (docs/benchmarks.md, 2026-12-07
	 * 15:25).
	 */
	private final int ackWarmupSeconds = Integer.getInteger("bench.ack-warmup-seconds", 10);

	/** When each request of the last steady-rate round was sent (epoch microseconds). */
	private long[] lastSent = new long[0];

	/**
	 * Ended calls (two events each) of the benchmark's account stored before the runs:
	 * the cost per event must not grow with them.
	 */
	private final int storedCalls = Integer.getInteger("bench.stored-calls", 0);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentService agents;

	@Autowired
	Blacklist blacklist;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JdbcTemplate jdbcTemplate;

	@Autowired
	ApiClient api;

	@Autowired
	MeterRegistry meters;

	/** The server's own times over the acknowledgement round. */
	private ServerTimes ackServerTimes = new ServerTimes(0, 0, 0, 0, 0, 0);

	/** Reads right after its webhooks' answers during the acknowledgement round. */
	private TestUser reader;

	private long readerContactId;

	private long tenantId;

	private TelephonyAccount account;

	/** One per delivering thread, each with its own HTTP client, kept across runs. */
	private final List<ZadarmaWebhookSender> senders = new ArrayList<>();

	private final List<ZadarmaWebhookSender> backgroundSenders = new ArrayList<>();

	private ZadarmaWebhookSender decisionSender;

	/**
	 * One measured throughput run.
	 *
	 * @param threads delivering threads (HTTP clients)
	 * @param sent events posted
	 * @param acknowledged events answered 200
	 * @param nanos until the last response
	 * @param processedNanos until, in addition, no publication was left incomplete
	 * @param storedCalls calls of the run found in the database
	 * @param endedCalls of which ended
	 * @param storedEvents call events of the run found in the database
	 * @param failed publications left failed
	 * @param echo the {@code zd_echo} check measured right before the run
	 * @param echoAfter the same, right after it
	 */
	record Run(int threads, int sent, long acknowledged, long nanos, long processedNanos, long storedCalls,
			long endedCalls, long storedEvents, long failed, CpuUse cpu, Batches batches, Echo echo, Echo echoAfter) {

		Run withEcho(Echo measuredBefore, Echo measuredAfter) {
			return new Run(this.threads, this.sent, this.acknowledged, this.nanos, this.processedNanos,
					this.storedCalls, this.endedCalls, this.storedEvents, this.failed, this.cpu, this.batches,
					measuredBefore, measuredAfter);
		}

		/** The mean of the echo's rates measured before and after the run. */
		double echoPerSecond() {
			return (this.echo.perSecond() + this.echoAfter.perSecond()) / 2;
		}

		double perSecond() {
			return this.acknowledged / (this.nanos / 1e9);
		}

		double processedPerSecond() {
			return this.acknowledged / (this.processedNanos / 1e9);
		}

		boolean lossless() {
			int calls = this.sent / EVENTS_PER_CALL;
			return this.acknowledged == this.sent && this.storedCalls == calls && this.endedCalls == calls
					&& this.storedEvents == this.sent && this.failed == 0;
		}

	}

	/**
	 * One paced round of NOTIFY_START requests.
	 *
	 * @param name the round
	 * @param micros client-side round trips, in microseconds, sorted
	 * @param unexpected replies that were not 200 or not the expected decision
	 * @param backgroundPerSecond events/s acknowledged by the background load meanwhile
	 */
	record Round(String name, long[] micros, int unexpected, double backgroundPerSecond) {
	}

	/**
	 * The ingestion inbox's commits over a run: the writer's (events stored per commit)
	 * and the lanes' (events applied per transaction), from the server's own summaries.
	 */
	record Batches(long writes, double written, long applies, double applied) {

		static Batches of(MeterRegistry meters) {
			DistributionSummary write = meters.get("callbridge.ingestion.inbox.write.batch").summary();
			DistributionSummary apply = meters.get("callbridge.ingestion.inbox.apply.batch").summary();
			return new Batches(write.count(), write.totalAmount(), apply.count(), apply.totalAmount());
		}

		Batches since(Batches before) {
			return new Batches(this.writes - before.writes, this.written - before.written,
					this.applies - before.applies, this.applied - before.applied);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.1f / %.1f", this.written / Math.max(1, this.writes),
					this.applied / Math.max(1, this.applies));
		}

	}

	/**
	 * Where a webhook's answer spends its time on the server, from the server's own
	 * timers (totals, so means over a round are exact): the webhook's request as the web
	 * server timed it ({@code http.server.requests}), its event's wait to be stored
	 * ({@code callbridge.ingestion.inbox.store}) and the writer's commits
	 * ({@code callbridge.ingestion.inbox.write}).
	 */
	record ServerTimes(long requests, double requestNanos, long stores, double storeNanos, long writes,
			double writeNanos) {

		static ServerTimes of(MeterRegistry meters) {
			Timer store = meters.get("callbridge.ingestion.inbox.store").timer();
			Timer write = meters.get("callbridge.ingestion.inbox.write").timer();
			long requests = 0;
			double requestNanos = 0;
			for (Timer request : meters.find("http.server.requests").tag("uri", "/webhooks/zadarma/{token}").timers()) {
				requests += request.count();
				requestNanos += request.totalTime(TimeUnit.NANOSECONDS);
			}
			return new ServerTimes(requests, requestNanos, store.count(), store.totalTime(TimeUnit.NANOSECONDS),
					write.count(), write.totalTime(TimeUnit.NANOSECONDS));
		}

		ServerTimes since(ServerTimes before) {
			return new ServerTimes(this.requests - before.requests, this.requestNanos - before.requestNanos,
					this.stores - before.stores, this.storeNanos - before.storeNanos, this.writes - before.writes,
					this.writeNanos - before.writeNanos);
		}

		String describe() {
			return String.format(Locale.ROOT,
					"the webhook's request on the server %.2f ms on average over %,d "
							+ "requests; of it, the event's wait to be stored %.2f ms over %,d events; the "
							+ "writer's commits %.2f ms each, %,d of them (%.1f events each)",
					mean(this.requestNanos, this.requests), this.requests, mean(this.storeNanos, this.stores),
					this.stores, mean(this.writeNanos, this.writes), this.writes,
					this.stores / (double) Math.max(1, this.writes));
		}

		private static double mean(double nanos, long count) {
			return nanos / Math.max(1, count) / 1e6;
		}

	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void signedNotificationsThroughTheWebhook() throws Exception {
		zadarmaAccountWithAgentsContactsAndBlacklist();
		storeEndedCalls(this.storedCalls);
		throughput(this.warmupEvents, 4);
		decisions("warm-up", WARMUP_DECISIONS, 0);
		echo(this.measuredEvents, 4);
		List<Run> runs = new ArrayList<>();
		for (int threads : this.threadCounts) {
			// The cheapest endpoint of the same server with the same clients, right
			// before
			// and right after it: the machine's speed drifts, and one short measurement
			// of the echo moved by a quarter between runs minutes apart.
			Echo before = echo(this.measuredEvents, threads);
			Run run = throughput(this.measuredEvents, threads);
			runs.add(run.withEcho(before, echo(this.measuredEvents, threads)));
		}
		List<Round> acks = acknowledgements(this.ackRate, this.ackSeconds);
		List<Round> rounds = List.of(decisions("paced " + this.pacePerSecond + "/s, idle", this.decisions, 0),
				decisions("paced " + this.pacePerSecond + "/s, under load of " + this.backgroundThreads
						+ " threads posting calls", this.decisions, this.backgroundThreads));
		SqlStatistics.start();
		Run profiled = throughput(this.profiledEvents, this.profiledThreads);
		List<SqlStatistics.Entry> perEvent = SqlStatistics.stop();
		SqlStatistics.start();
		Round profiledRound = decisions("profiled", this.profiledEvents / EVENTS_PER_CALL, 0);
		List<SqlStatistics.Entry> perDecision = SqlStatistics.stop();
		report(runs, rounds, acks, profiled, perEvent, profiledRound, perDecision);
		assertThat(runs).allSatisfy((run) -> assertThat(run.lossless()).as("%s", run).isTrue());
	}

	private void zadarmaAccountWithAgentsContactsAndBlacklist() {
		this.tenantId = this.data.anyTenant();
		this.account = this.accounts.create(this.tenantId, "zadarma", "Zadarma bench", true,
				Map.of("callerName", "true", "routeToResponsible", "true", "blacklist", "true"),
				new Credentials(Map.of("key", "zd-bench-key", "secret", SECRET)));
		List<TestUser> agentUsers = new ArrayList<>();
		for (int i = 0; i < ZadarmaTraffic.AGENTS; i++) {
			TestUser agent = this.data.anyUser(this.tenantId, Role.AGENT);
			this.agents.assignExtension(this.tenantId, agent.id(), this.account.id(), ZadarmaTraffic.extension(i));
			agentUsers.add(agent);
		}
		for (int i = 0; i < ZadarmaTraffic.CONTACTS; i++) {
			this.data.anyContact(this.tenantId, ZadarmaTraffic.contactName(i),
					agentUsers.get(ZadarmaTraffic.responsible(i)).id(), "+" + ZadarmaTraffic.number(i));
		}
		for (int i = ZadarmaTraffic.CONTACTS; i < ZadarmaTraffic.CONTACTS + ZadarmaTraffic.BLACKLISTED; i++) {
			this.blacklist.add(this.tenantId, "+" + ZadarmaTraffic.number(i), "benchmark", agentUsers.get(0).id());
		}
		this.decisionSender = newSender();
		this.reader = this.data.anyUser(this.tenantId, Role.ADMIN);
		this.readerContactId = this.data.anyContact(this.tenantId, "Reader", "+" + READER_NUMBER).id();
	}

	// Batched inserts, the same on both databases; the calls' events are copied from
	// them.
	private void storeEndedCalls(int count) {
		long start = System.nanoTime();
		Timestamp at = Timestamp.from(Instant.now().minus(Duration.ofDays(30)));
		for (int from = 0; from < count; from += 10_000) {
			List<Object[]> rows = new ArrayList<>();
			for (int n = from; n < Math.min(count, from + 10_000); n++) {
				rows.add(new Object[] { this.tenantId, this.account.id(), "stored-" + n, at, at, at, at });
			}
			this.jdbcTemplate.batchUpdate("""
					INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, state, result, started_at,
					  ended_at, updated_at, last_event_at, version, ring_seconds, talk_seconds, total_seconds)
					VALUES (?, ?, ?, 'INBOUND', 'ENDED', 'ANSWERED', ?, ?, ?, ?, 2, 5, 55, 60)""", rows);
		}
		for (String type : List.of("STARTED", "ENDED")) {
			this.jdbc.sql("""
					INSERT INTO call_events (call_id, tenant_id, type, occurred_at, received_at, dedupe_key, source)
					SELECT id, tenant_id, ?, started_at, started_at, ?, 'PROVIDER' FROM calls
					WHERE account_id = ? AND provider_call_id LIKE 'stored-%'""")
				.params(type, "stored:" + type, this.account.id())
				.update();
		}
		if (count > 0) {
			log.info("Stored {} ended calls in {} s", count, (System.nanoTime() - start) / 1_000_000_000);
		}
	}

	private Run throughput(int events, int threads) throws Exception {
		int calls = events / EVENTS_PER_CALL;
		String batch = batch();
		LongAdder acknowledged = new LongAdder();
		AtomicInteger next = new AtomicInteger();
		Instant since = Instant.now();
		// Logged so that a profiler can be attached to a measured run alone.
		log.info("Throughput run started: {} events, {} threads", events, threads);
		CpuUse cpuBefore = CpuUse.now();
		Batches batchesBefore = Batches.of(this.meters);
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads, named("bench-"))) {
			List<Future<?>> workers = new ArrayList<>();
			for (ZadarmaWebhookSender sender : senders(this.senders, threads)) {
				workers.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
						acknowledged.add(ZadarmaTraffic.deliver(sender, batch + "-" + n, n));
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
		CpuUse cpu = CpuUse.now().since(cpuBefore);
		Batches batches = Batches.of(this.meters).since(batchesBefore);
		log.info("Throughput run ended: {} events, {} threads", events, threads);
		return new Run(threads, calls * EVENTS_PER_CALL, acknowledged.sum(), nanos, processed, stored(batch, false),
				stored(batch, true), storedEvents(batch), incomplete(since, true), cpu, batches, Echo.NONE, Echo.NONE);
	}

	/**
	 * Requests per second of the webhook's {@code zd_echo} URL check (no database): the
	 * cheapest endpoint of the same server, as the same clients reach it.
	 */
	private Echo echo(int requests, int threads) throws Exception {
		AtomicInteger next = new AtomicInteger();
		LongAdder answered = new LongAdder();
		CpuUse cpuBefore = CpuUse.now();
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads, named("echo-"))) {
			List<Future<?>> workers = new ArrayList<>();
			for (ZadarmaWebhookSender sender : senders(this.senders, threads)) {
				workers.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
						if (sender.get("zd_echo=bench" + n).statusCode() == 200) {
							answered.increment();
						}
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		double perSecond = answered.sum() / ((System.nanoTime() - start) / 1e9);
		return new Echo(perSecond, answered.sum(), CpuUse.now().since(cpuBefore));
	}

	/**
	 * A run of the {@code zd_echo} check.
	 *
	 * @param perSecond requests answered per second
	 * @param answered requests answered
	 * @param cpu the CPU the run used
	 */
	record Echo(double perSecond, long answered, CpuUse cpu) {

		static final Echo NONE = new Echo(Double.NaN, 0, new CpuUse(0, 0));

	}

	/**
	 * Events at a steady rate (calls started at even intervals, each call's four events
	 * posted one after another on a virtual thread of its own): the round trip of every
	 * event, i.e. how long a provider waits for its acknowledgement.
	 */
	private List<Round> acknowledgements(int eventsPerSecond, int seconds) throws Exception {
		if (this.ackWarmupSeconds > 0) {
			steadyRound(batch(), eventsPerSecond, this.ackWarmupSeconds, new AtomicInteger(), ".warmup.csv");
		}
		String batch = batch();
		AtomicInteger refused = new AtomicInteger();
		SteadyRound round = steadyRound(batch, eventsPerSecond, seconds, refused, "");
		this.ackServerTimes = round.serverTimes();
		long[] micros = round.micros();
		ReadsAfterAnswers reads = round.reads();
		long storedEvents = storedEvents(batch);
		List<Round> rounds = new ArrayList<>();
		rounds.add(new Round(
				String.format(Locale.ROOT, "%,d events/s for %d s (%,d events; %,d stored)", eventsPerSecond, seconds,
						micros.length, storedEvents),
				sorted(Arrays.stream(micros).boxed().toList()), refused.get() + (int) (micros.length - storedEvents),
				0));
		rounds.addAll(byEventKind(micros));
		rounds.add(new Round(
				"a user's read right after a webhook's answer, 10/s during the round above "
						+ "(`GET /api/v1/calls?contactId=`, which waits for the tenant's events stored before it; 'not "
						+ "stored or refused' = reads that did not show the call)",
				sorted(reads.micros()), reads.misses(), 0));
		AtomicInteger echoRefused = new AtomicInteger();
		long[] echoes = atSteadyRate(eventsPerSecond, seconds,
				(n) -> (client, e) -> client.get("zd_echo=ack" + n + "-" + e).statusCode(), echoRefused);
		rounds.add(new Round("the same rate of `zd_echo` requests (no database: the machine's and clients' floor)",
				sorted(Arrays.stream(echoes).boxed().toList()), echoRefused.get(), 0));
		return rounds;
	}

	/**
	 * A steady round of answered calls.
	 *
	 * @param micros each event's round trip (microseconds)
	 * @param reads the user's reads beside it (closed: their figures stay)
	 * @param serverTimes the server's own times over the round
	 */
	private record SteadyRound(long[] micros, ReadsAfterAnswers reads, ServerTimes serverTimes) {
	}

	// One steady round of answered calls with a user's reads beside it, traced, until
	// everything it sent is applied.
	private SteadyRound steadyRound(String batch, int eventsPerSecond, int seconds, AtomicInteger refused,
			String traceSuffix) throws Exception {
		Instant since = Instant.now();
		ReadsAfterAnswers reads = new ReadsAfterAnswers(newSender(), this.api.as(this.reader.token()),
				this.readerContactId, READER_NUMBER, batch, Duration.ofMillis(100));
		reads.start();
		ServerTimes timesBefore = ServerTimes.of(this.meters);
		long[] micros = atSteadyRate(eventsPerSecond, seconds, (n) -> {
			List<Map<String, String>> events = ZadarmaTraffic.answeredCall(batch + "-" + n, n);
			return (client, e) -> {
				try {
					return client.post(events.get(e)).statusCode();
				}
				catch (IllegalStateException ex) {
					return 0;
				}
			};
		}, refused);
		ServerTimes serverTimes = ServerTimes.of(this.meters).since(timesBefore);
		traceAcknowledgements(micros, traceSuffix);
		reads.close();
		drain(since, System.nanoTime());
		return new SteadyRound(micros, reads, serverTimes);
	}

	// One line per event of the round: when it was sent (epoch ms, three decimals), its
	// place in its call, its round trip (ms).
	private void traceAcknowledgements(long[] micros, String suffix) throws IOException {
		if (this.ackTrace.isBlank()) {
			return;
		}
		StringBuilder csv = new StringBuilder("sent_epoch_ms,kind,round_trip_ms\n");
		for (int i = 0; i < micros.length; i++) {
			csv.append(String.format(Locale.ROOT, "%.3f,%d,%.3f%n", this.lastSent[i] / 1e3, i % EVENTS_PER_CALL,
					micros[i] / 1e3));
		}
		Files.writeString(Path.of(this.ackTrace + suffix), csv);
	}

	/** The requests of one "call" of a steady-rate round: the {@code e}th answers. */
	@FunctionalInterface
	private interface CallRequests {

		int status(ZadarmaWebhookSender client, int e);

	}

	// Calls started at even intervals, each call's requests sent one after another on a
	// virtual thread of its own; the round trip of each, in microseconds.
	private long[] atSteadyRate(int perSecond, int seconds, IntFunction<CallRequests> call, AtomicInteger refused)
			throws InterruptedException {
		int calls = perSecond * seconds / EVENTS_PER_CALL;
		long[] micros = new long[calls * EVENTS_PER_CALL];
		long[] sent = new long[micros.length];
		this.lastSent = sent;
		long epochOffset = System.currentTimeMillis() * 1_000 - System.nanoTime() / 1_000;
		List<ZadarmaWebhookSender> clients = senders(this.backgroundSenders, 16);
		try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
			long start = System.nanoTime();
			for (int i = 0; i < calls; i++) {
				TimeUnit.NANOSECONDS
					.sleep(start + TimeUnit.SECONDS.toNanos(i) * EVENTS_PER_CALL / perSecond - System.nanoTime());
				int n = i;
				ZadarmaWebhookSender client = clients.get(n % clients.size());
				virtual.submit(() -> {
					CallRequests requests = call.apply(n);
					for (int e = 0; e < EVENTS_PER_CALL; e++) {
						long at = System.nanoTime();
						sent[n * EVENTS_PER_CALL + e] = epochOffset + at / 1_000;
						int status = requests.status(client, e);
						micros[n * EVENTS_PER_CALL + e] = (System.nanoTime() - at) / 1_000;
						if (status != 200) {
							refused.incrementAndGet();
						}
					}
				});
			}
			virtual.shutdown();
			virtual.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		return micros;
	}

	// The same round trips by the event's place in its call (NOTIFY_START's answer
	// carries the call-start decision), so that a slow p99 shows which kind it is.
	private static List<Round> byEventKind(long[] micros) {
		String[] kinds = { "NOTIFY_START (with the decision)", "NOTIFY_INTERNAL", "NOTIFY_ANSWER", "NOTIFY_END" };
		List<Round> rounds = new ArrayList<>();
		for (int kind = 0; kind < EVENTS_PER_CALL; kind++) {
			List<Long> own = new ArrayList<>();
			for (int i = kind; i < micros.length; i += EVENTS_PER_CALL) {
				own.add(micros[i]);
			}
			rounds.add(new Round("… of which " + kinds[kind], sorted(own), 0, 0));
		}
		return rounds;
	}

	// Each request goes out at its due time on a virtual thread of its own, so a slow
	// reply does not hold back the next request.
	private Round decisions(String name, int count, int background) throws Exception {
		String batch = batch();
		long[] micros = new long[count];
		AtomicInteger unexpected = new AtomicInteger();
		Instant since = Instant.now();
		try (ZadarmaBackgroundLoad load = new ZadarmaBackgroundLoad(senders(this.backgroundSenders, background));
				ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				TimeUnit.NANOSECONDS
					.sleep(start + TimeUnit.SECONDS.toNanos(i) / this.pacePerSecond - System.nanoTime());
				int n = i;
				virtual.submit(() -> {
					if (!decide(batch + "-" + n, n, micros)) {
						unexpected.incrementAndGet();
					}
				});
			}
			virtual.shutdown();
			virtual.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			double backgroundPerSecond = load.stop();
			drain(since, System.nanoTime());
			return new Round(name, sorted(Arrays.stream(micros).boxed().toList()), unexpected.get(),
					backgroundPerSecond);
		}
	}

	/**
	 * Posts the NOTIFY_START of call {@code n}, notes its round trip and tells whether
	 * the reply was the expected decision.
	 */
	private boolean decide(String pbxCallId, int n, long[] micros) {
		long sent = System.nanoTime();
		try {
			HttpResponse<String> reply = this.decisionSender.post(ZadarmaTraffic.start(pbxCallId, n));
			micros[n] = (System.nanoTime() - sent) / 1_000;
			return ZadarmaTraffic.expected(n, reply);
		}
		catch (IllegalStateException ex) {
			micros[n] = (System.nanoTime() - sent) / 1_000;
			return false;
		}
	}

	// Done when the account's inbox is empty (every acknowledged event applied) and no
	// publication of the run is left: an event waiting in the inbox has no publication
	// yet.
	private void drain(Instant since, long start) throws InterruptedException {
		long deadline = start + DRAIN_TIMEOUT.toNanos();
		while ((inbox() > 0 || incomplete(since, false) > 0) && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
	}

	private long inbox() {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_event_inbox WHERE account_id = ?")
			.param(this.account.id())
			.query(Long.class)
			.single();
	}

	private long incomplete(Instant since, boolean failedOnly) {
		return EventPublications.incomplete(this.jdbc, this.tenantId, since, failedOnly);
	}

	private long stored(String batch, boolean endedOnly) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM calls WHERE account_id = ? AND provider_call_id LIKE ?"
					+ (endedOnly ? " AND state = 'ENDED'" : ""))
			.params(this.account.id(), batch + "-%")
			.query(Long.class)
			.single();
	}

	// The notifications stored: a blacklisted caller's call also gets the end Callbridge
	// decided (source DECISION), which no notification carried.
	private long storedEvents(String batch) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id LIKE ? AND e.source <> 'DECISION'""")
			.params(this.account.id(), batch + "-%")
			.query(Long.class)
			.single();
	}

	private static String cpu(CpuUse cpu, long work) {
		return String.format(Locale.ROOT, "%.0f / %.0f", cpu.jvmMicrosPer(work), cpu.postgresMicrosPer(work));
	}

	private void report(List<Run> runs, List<Round> rounds, List<Round> acks, Run profiled,
			List<SqlStatistics.Entry> perEvent, Round profiledRound, List<SqlStatistics.Entry> perDecision) {
		BenchmarkReport report = new BenchmarkReport(
				"zadarma-webhook-" + System.getProperty("callbridge.test.database", "h2"),
				"Zadarma webhook: signed NOTIFY events over HTTP, NOTIFY_START decision latency",
				BenchmarkReport.database());
		report.line("Each call is START → INTERNAL → ANSWER → END, urlencoded and signed with the account's secret, "
				+ "posted in order by one thread to /webhooks/zadarma/{token} over HTTP/1.1 (one HTTP client per "
				+ "thread); " + ZadarmaTraffic.AGENTS + " agents (extensions 100–" + (99 + ZadarmaTraffic.AGENTS)
				+ "), " + ZadarmaTraffic.CONTACTS + " contacts with a responsible agent, " + ZadarmaTraffic.BLACKLISTED
				+ " blacklisted numbers, callers cycling over " + ZadarmaTraffic.NUMBERS + " numbers; "
				+ BenchmarkReport.format(this.storedCalls) + " ended calls stored before; warm-up " + this.warmupEvents
				+ " events. events/s = events answered 200 ÷ time to the last response; "
				+ "'fully processed' also waits for every event publication of the run. CPU per event: this JVM "
				+ "(server and clients) and every PostgreSQL process, from the first request until fully "
				+ "processed, over the events answered; per zd_echo likewise (the run before). zd_echo is "
				+ "measured right before and right after the events, with the same clients; the ratio is against "
				+ "the mean of the two. Target: ≥ 2,000 events/s.")
			.line("")
			.table("threads", "events sent", "answered 200", "in (ms)", "events/s", "fully processed in (ms)",
					"fully processed events/s", "zd_echo req/s (before / after)", "ratio events ÷ echo",
					"calls stored (ended)", "events stored", "failed publications",
					"CPU µs per event, JVM / PostgreSQL", "CPU µs per zd_echo, JVM / PostgreSQL",
					"events per inbox commit / per lane transaction");
		for (Run run : runs) {
			report.row(run.threads(), run.sent(), run.acknowledged(), run.nanos() / 1_000_000, run.perSecond(),
					run.processedNanos() / 1_000_000, run.processedPerSecond(),
					BenchmarkReport.format(run.echoPerSecond()) + " (" + BenchmarkReport.format(run.echo().perSecond())
							+ " / " + BenchmarkReport.format(run.echoAfter().perSecond()) + ")",
					String.format(Locale.ROOT, "%.3f", run.processedPerSecond() / run.echoPerSecond()),
					BenchmarkReport.format(run.storedCalls()) + " (" + BenchmarkReport.format(run.endedCalls()) + ")",
					run.storedEvents(), run.failed(), cpu(run.cpu(), run.acknowledged()),
					cpu(run.echo().cpu(), run.echo().answered()), run.batches());
		}
		report.line("")
			.line("Acknowledgement latency at a steady rate: calls started at even intervals, each call's four events "
					+ "posted one after another (a virtual thread per call, 16 HTTP clients); round trip = request "
					+ "sent → response read (ms); the same round ran for " + this.ackWarmupSeconds
					+ " s before and is left out. 'not stored or refused' counts answers other than 200 and events "
					+ "missing from the database after the run; the answer waits for the apply at most "
					+ "`callbridge.ingestion.apply-wait` = " + this.applyWait
					+ ". Target: p99 ≤ 20 ms at 1,000 events/s on PostgreSQL.")
			.line("")
			.table("round", "requests", "p50", "p95", "p99", "max", "not stored or refused");
		for (Round round : acks) {
			report.row(round.name(), (long) round.micros().length, ms(round.micros(), 0.50), ms(round.micros(), 0.95),
					ms(round.micros(), 0.99), ms(round.micros(), 1.0), round.unexpected());
		}
		report.line("")
			.line("On the server, over the round at " + BenchmarkReport.format(this.ackRate) + " events/s: "
					+ this.ackServerTimes.describe() + ".");
		report.line("")
			.line("NOTIFY_START decision latency: one request every " + (1000 / this.pacePerSecond) + " ms, each on "
					+ "its own virtual thread; round trip = request sent → reply read by the client (ms). "
					+ "'unexpected' = not 200 or not the expected decision (a decision later than the deadline "
					+ "falls back to {}). Target: p99 ≤ 50 ms.")
			.line("")
			.table("round", "requests", "p50", "p95", "p99", "max", "unexpected", "background events/s");
		for (Round round : rounds) {
			report.row(round.name(), (long) round.micros().length, ms(round.micros(), 0.50), ms(round.micros(), 0.95),
					ms(round.micros(), 0.99), ms(round.micros(), 1.0), round.unexpected(),
					(round.backgroundPerSecond() > 0) ? round.backgroundPerSecond() : "–");
		}
		String threads = "('webhook' = Tomcat's request threads, 'decider' = the call-start decision, 'listener' = "
				+ "the rest, 'benchmark' = the benchmark's own queries)";
		report.line("")
			.line(String.format(Locale.ROOT,
					"Where the time goes, per event: a profiled run of %,d events on %d thread(s) (%,.1f events/s with the "
							+ "JDBC wrapper counting): %.1f SQL statements, %.3f ms of JDBC time per event %s.",
					profiled.sent(), this.profiledThreads, profiled.perSecond(),
					SqlStatistics.statements(perEvent) / profiled.sent(),
					SqlStatistics.nanos(perEvent) / 1e6 / profiled.sent(), threads))
			.line("")
			.statements("event", profiled.sent(), perEvent);
		int requests = profiledRound.micros().length;
		report.line("")
			.line(String.format(Locale.ROOT,
					"Where the time goes, per NOTIFY_START: a profiled paced round of %,d requests (p50 %.1f ms, p99 "
							+ "%.1f ms with the JDBC wrapper counting): %.1f SQL statements, %.3f ms of JDBC time per "
							+ "request %s.",
					requests, ms(profiledRound.micros(), 0.5), ms(profiledRound.micros(), 0.99),
					SqlStatistics.statements(perDecision) / requests, SqlStatistics.nanos(perDecision) / 1e6 / requests,
					threads))
			.line("")
			.statements("request", requests, perDecision);
		report.publish();
	}

	/** The first {@code count} senders of a pool, created as needed. */
	private List<ZadarmaWebhookSender> senders(List<ZadarmaWebhookSender> pool, int count) {
		while (pool.size() < count) {
			pool.add(newSender());
		}
		return pool.subList(0, count);
	}

	private ZadarmaWebhookSender newSender() {
		return new ZadarmaWebhookSender(
				"http://localhost:" + this.port + "/webhooks/zadarma/" + this.account.webhookToken(), SECRET);
	}

	private static String batch() {
		return "in_" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static double ms(long[] sortedMicros, double p) {
		return percentile(sortedMicros, p) / 1000.0;
	}

	private static ThreadFactory named(String prefix) {
		AtomicInteger sequence = new AtomicInteger();
		return (task) -> new Thread(task, prefix + sequence.incrementAndGet());
	}

}
