package io.callbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbridge.contacts.ContactChanged;
import io.callbridge.support.TestData;
import io.callbridge.webhooks.EndpointCommand;
import io.callbridge.webhooks.WebhookEndpoints;
import io.callbridge.webhooks.WebhookOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound webhook delivery: messages delivered per second to a loopback receiver, and
 * the delay from a change to its first delivery attempt (p50/p99), with a healthy
 * receiver and with 30 % of its answers failing. The retry schedule is compressed (50 ms
 * doubling) so the failing run measures the delivery machinery, not the production
 * schedule's waits.
 */
@Benchmark
@TestPropertySource(properties = { "callbridge.webhooks.allow-private-targets=true",
		"callbridge.webhooks.retry-schedule=50ms,100ms,200ms,400ms,800ms,1s,2s,4s,8s,16s",
		"callbridge.webhooks.jitter=0" })
class WebhookDrainBenchmark {

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

	private static final Instant HELD = Instant.parse("2999-01-01T00:00:00Z");

	private final int messages = Integer.getInteger("bench.messages", 20_000);

	private final int records = Integer.getInteger("bench.records", 1_000);

	private final int paced = Integer.getInteger("bench.pace", 200);

	private final int pacedSeconds = Integer.getInteger("bench.paced-seconds", 15);

	@Autowired
	private TestData data;

	@Autowired
	private WebhookOutbox outbox;

	@Autowired
	private WebhookEndpoints endpoints;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	private Receiver receiver;

	private long tenantId;

	private long endpointId;

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = new Receiver();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop();
	}

	@Test
	@Timeout(value = 40, unit = TimeUnit.MINUTES)
	void deliveryThroughputAndDelay() throws Exception {
		this.tenantId = this.data.anyTenant();
		this.endpointId = this.endpoints
			.create(this.tenantId,
					EndpointCommand.webhook("http://127.0.0.1:" + this.receiver.port() + "/hooks", "customer.*"))
			.endpoint()
			.id();
		List<Long> contactIds = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			contactIds.add(this.data.anyContact(this.tenantId, "Bench " + i, "+3491" + (1000000 + i)).id());
		}
		burst(2_000, 0); // warm-up
		Burst healthy = burst(this.messages, 0);
		Burst failing = burst(this.messages, 0.3);
		Delays calm = paced(contactIds, 0);
		Delays flaky = paced(contactIds, 0.3);
		report(healthy, failing, calm, flaky);
		assertThat(healthy.missing()).isZero();
		assertThat(failing.missing()).isZero();
		assertThat(calm.missing()).isZero();
		assertThat(flaky.missing()).isZero();
	}

	/**
	 * Writes {@code count} messages over {@link #records} records into the outbox (200
	 * per transaction) held back until all are written, then releases them at once and
	 * waits until the receiver has every one: the drain rate is the delivery machinery's
	 * throughput alone, not that of the producers.
	 */
	private Burst burst(int count, double failureRatio) throws Exception {
		this.receiver.reset(failureRatio);
		String run = Long.toString(System.nanoTime(), 36);
		for (int i = 0; i < count; i += 200) {
			int from = i;
			this.transactions.executeWithoutResult((tx) -> {
				for (int n = from; n < Math.min(from + 200, count); n++) {
					this.outbox.enqueue(this.tenantId, "customer.updated", "bench:" + run + ":" + (n % this.records),
							Map.of("n", n), null);
				}
				// Held back: not due before the release below.
				this.jdbc.sql("""
						UPDATE webhook_deliveries SET next_attempt_at = ?
						WHERE endpoint_id = ? AND state = 'PENDING' AND next_attempt_at < ?""")
					.params(Timestamp.from(HELD), this.endpointId, Timestamp.from(HELD))
					.update();
			});
		}
		long start = System.nanoTime();
		this.jdbc
			.sql("UPDATE webhook_deliveries SET next_attempt_at = CURRENT_TIMESTAMP WHERE endpoint_id = ? "
					+ "AND state = 'PENDING' AND next_attempt_at = ?")
			.params(this.endpointId, Timestamp.from(HELD))
			.update();
		boolean complete = this.receiver.awaitDistinct(count, DRAIN_TIMEOUT);
		long delivered = this.receiver.lastFirstArrivalNanos() - start;
		return new Burst(count, failureRatio, delivered, this.receiver.requests(),
				complete ? 0 : count - this.receiver.distinct());
	}

	/**
	 * Publishes {@code ContactChanged} at a steady pace for a while, each in its own
	 * transaction (the real change path: listener, payload read from the contact,
	 * outbox), and measures each message's delay from its creation to its first attempt's
	 * arrival at the receiver.
	 */
	private Delays paced(List<Long> contactIds, double failureRatio) throws Exception {
		this.receiver.reset(failureRatio);
		Instant since = Instant.now().minusSeconds(1);
		int total = this.paced * this.pacedSeconds;
		long intervalNanos = 1_000_000_000L / this.paced;
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			long due = start + i * intervalNanos;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			long contactId = contactIds.get(i % contactIds.size());
			this.transactions
				.executeWithoutResult((tx) -> this.events.publishEvent(new ContactChanged(this.tenantId, contactId)));
		}
		boolean complete = this.receiver.awaitDistinct(total, DRAIN_TIMEOUT);
		Map<String, Instant> created = new HashMap<>();
		this.jdbc.sql("SELECT message_id, created_at FROM webhook_messages WHERE tenant_id = ? AND created_at >= ?")
			.params(this.tenantId, Timestamp.from(since))
			.query((rs, n) -> created.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.list();
		List<Long> firstAttempt = new ArrayList<>();
		List<Long> firstDelivery = new ArrayList<>();
		this.receiver.firstArrivals.forEach((id, at) -> {
			Instant made = created.get(id);
			if (made != null) {
				firstAttempt.add(Duration.between(made, at).toNanos() / 1_000);
			}
		});
		this.receiver.firstSuccesses.forEach((id, at) -> {
			Instant made = created.get(id);
			if (made != null) {
				firstDelivery.add(Duration.between(made, at).toNanos() / 1_000);
			}
		});
		return new Delays(total, failureRatio, Percentiles.sorted(firstAttempt), Percentiles.sorted(firstDelivery),
				complete ? 0 : total - this.receiver.distinct());
	}

	private void report(Burst healthy, Burst failing, Delays calm, Delays flaky) {
		BenchmarkReport report = new BenchmarkReport(
				"webhook-drain-" + System.getProperty("callbridge.test.database", "h2"),
				"Outbound webhook delivery to a loopback receiver", BenchmarkReport.database());
		report.line("One WEBHOOK endpoint (signed, Standard Webhooks) on a loopback JDK HttpServer that answers 204 "
				+ "at once, or 500 for the given share of requests (random). Bursts: messages written into the outbox "
				+ "(200 per transaction) over " + this.records + " records (order keys), held back until all are "
				+ "written, then released at once; 'all delivered in' runs from the release to the last message's "
				+ "first 2xx, delivered by this one node with the default claim size and concurrency. Retry schedule compressed "
				+ "to 50 ms doubling. Target: ≥ 2,000 messages/s on PostgreSQL.")
			.line("")
			.table("run", "messages", "failing answers", "all delivered in (ms)", "delivered messages/s",
					"requests (with retries)", "missing");
		for (Burst burst : List.of(healthy, failing)) {
			report.row("burst", burst.count(), percent(burst.failureRatio()), burst.deliveredNanos() / 1_000_000,
					burst.perSecond(), burst.requests(), burst.missing());
		}
		report.line("")
			.line("Delay from a change to its delivery: `ContactChanged` published at " + this.paced + " changes/s for "
					+ this.pacedSeconds + " s, each in its own transaction (listener, payload, "
					+ "outbox); delay = arrival at the receiver − the message's `created_at` (both this machine's "
					+ "clock), in ms.")
			.line("")
			.table("failing answers", "messages", "first attempt p50", "p99", "max", "first 2xx p50", "p99", "max",
					"missing");
		for (Delays delays : List.of(calm, flaky)) {
			report.row(percent(delays.failureRatio()), delays.count(), millis(delays.firstAttempt(), 0.5),
					millis(delays.firstAttempt(), 0.99), millis(delays.firstAttempt(), 1.0),
					millis(delays.firstDelivery(), 0.5), millis(delays.firstDelivery(), 0.99),
					millis(delays.firstDelivery(), 1.0), delays.missing());
		}
		report.publish();
	}

	private static String percent(double ratio) {
		return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
	}

	private static String millis(long[] sortedMicros, double p) {
		return String.format(Locale.ROOT, "%.1f", Percentiles.percentile(sortedMicros, p) / 1000.0);
	}

	private record Burst(int count, double failureRatio, long deliveredNanos, long requests, int missing) {

		double perSecond() {
			return this.count * 1e9 / this.deliveredNanos;
		}

	}

	private record Delays(int count, double failureRatio, long[] firstAttempt, long[] firstDelivery, int missing) {
	}

	/**
	 * A loopback receiver that answers 204, or 500 for a share of requests, and records
	 * when each {@code webhook-id} first arrived and first succeeded.
	 */
	private static final class Receiver {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

		final Map<String, Instant> firstArrivals = new ConcurrentHashMap<>();

		final Map<String, Instant> firstSuccesses = new ConcurrentHashMap<>();

		private final AtomicLong requests = new AtomicLong();

		private final AtomicLong lastFirstArrival = new AtomicLong();

		private volatile double failureRatio;

		Receiver() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
			this.server.setExecutor(this.executor);
			this.server.createContext("/hooks", this::handle);
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		void reset(double ratio) {
			this.failureRatio = ratio;
			this.firstArrivals.clear();
			this.firstSuccesses.clear();
			this.requests.set(0);
		}

		long requests() {
			return this.requests.get();
		}

		int distinct() {
			return this.firstSuccesses.size();
		}

		long lastFirstArrivalNanos() {
			return this.lastFirstArrival.get();
		}

		boolean awaitDistinct(int count, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (distinct() < count && System.nanoTime() < deadline) {
				Thread.sleep(2);
			}
			return distinct() >= count;
		}

		private void handle(HttpExchange exchange) throws IOException {
			Instant now = Instant.now();
			long nanos = System.nanoTime();
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
			}
			this.requests.incrementAndGet();
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			boolean signed = exchange.getRequestHeaders().getFirst("webhook-signature") != null;
			if (id == null || !signed) {
				exchange.sendResponseHeaders(400, -1);
				exchange.close();
				return;
			}
			this.firstArrivals.putIfAbsent(id, now);
			boolean fail = ThreadLocalRandom.current().nextDouble() < this.failureRatio;
			if (!fail && this.firstSuccesses.putIfAbsent(id, now) == null) {
				this.lastFirstArrival.accumulateAndGet(nanos, Math::max);
			}
			exchange.sendResponseHeaders(fail ? 500 : 204, -1);
			exchange.close();
		}

		void stop() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
