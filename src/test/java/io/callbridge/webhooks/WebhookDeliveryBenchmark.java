package io.callbridge.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.callbridge.bench.Benchmark;
import io.callbridge.support.TestData;
import io.callbridge.webhooks.ReceiverDouble.Received;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook delivery to a loopback receiver: messages delivered per second (from the first
 * message written to the last accepted), and the delay from a message being committed to
 * its first delivery attempt (p50/p99), with a healthy receiver and with 30 % of its
 * answers failing. Messages are written through the outbox, 50 per transaction, 10 per
 * record (so order per record holds back part of them). Asserts only that every message
 * arrived.
 */
@Benchmark
@TestPropertySource(properties = { "callbridge.webhooks.allow-private-targets=true",
		"callbridge.webhooks.retry-schedule=100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms" })
class WebhookDeliveryBenchmark {

	private static final Logger log = LoggerFactory.getLogger("io.callbridge.bench.BenchmarkReport");

	private final int messages = Integer.getInteger("bench.webhooks", 10_000);

	@Autowired
	TestData data;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookOutbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	@Timeout(600)
	void deliversToALoopbackReceiver() throws Exception {
		List<String> rows = new ArrayList<>();
		rows.add(round("healthy", 0.0));
		rows.add(round("30 % failing", 0.3));
		log.info("\n| receiver | messages | delivered/s | first attempt p50 | p99 |\n|---|---|---|---|---|\n{}",
				String.join("\n", rows));
	}

	private String round(String name, double failing) throws Exception {
		try (ReceiverDouble receiver = new ReceiverDouble()) {
			long tenant = this.data.anyTenant();
			CreatedEndpoint endpoint = this.endpoints.create(tenant,
					EndpointCommand.webhook(receiver.url("/bench"), "customer.*"));
			receiver.accepting(endpoint.secret()).failing(failing);
			long start = System.nanoTime();
			for (int batch = 0; batch < this.messages / 50; batch++) {
				int first = batch * 50;
				this.transactions.executeWithoutResult((status) -> {
					for (int i = first; i < first + 50; i++) {
						this.outbox.enqueue(tenant, "customer.updated", "customer:" + (i % (this.messages / 10)),
								new RecordWebhookData(1, (long) i, null, null, null, null, null, null, null), null);
					}
				});
			}
			Set<String> arrived = new HashSet<>();
			await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(50)).until(() -> {
				for (Received r : receiver.accepted()) {
					arrived.add(r.webhookId());
				}
				return arrived.size() >= this.messages;
			});
			double seconds = (System.nanoTime() - start) / 1e9;
			List<Long> delays = this.jdbc.sql("""
					SELECT m.created_at AS created, MIN(a.attempted_at) AS attempted
					FROM webhook_messages m JOIN webhook_deliveries d ON d.message_id = m.id
					  JOIN webhook_attempts a ON a.delivery_id = d.id
					WHERE d.endpoint_id = ? GROUP BY m.id, m.created_at""")
				.param(endpoint.endpoint().id())
				.query((rs, n) -> Duration
					.between(rs.getObject("created", java.time.OffsetDateTime.class),
							rs.getObject("attempted", java.time.OffsetDateTime.class))
					.toMillis())
				.list()
				.stream()
				.sorted()
				.toList();
			assertThat(arrived).hasSize(this.messages);
			return "| %s | %d | %.0f | %d ms | %d ms |".formatted(name, this.messages, this.messages / seconds,
					delays.get(delays.size() / 2), delays.get((int) (delays.size() * 0.99)));
		}
	}

}
