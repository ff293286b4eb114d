package io.callbridge.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.CallbridgeApplication;
import io.callbridge.records.Tasks;
import io.callbridge.support.FakeProviderConfiguration;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.webhooks.ReceiverDouble.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two nodes on one PostgreSQL database, both delivering: a healthy receiver gets each
 * message exactly once (claims on the database's clock with {@code SKIP LOCKED}), not
 * once per node. H2 serves a single node, so this runs in the PostgreSQL suite.
 */
@IntegrationTest
@TestPropertySource(properties = { WebhooksAcrossNodesTests.PRIVATE, WebhooksAcrossNodesTests.SMALL_BATCHES })
@DirtiesContext
class WebhooksAcrossNodesTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_nodes");
	}

	static final String PRIVATE = "callbridge.webhooks.allow-private-targets=true";

	// Small batches and a fast poll so both nodes take part.
	static final String SMALL_BATCHES = "callbridge.webhooks.claim-size=5";

	private static ConfigurableApplicationContext otherNode;

	@Autowired
	TestData data;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	Tasks tasks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	private ReceiverDouble receiver;

	@BeforeEach
	void secondNodeAndReceiver() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		if (otherNode == null) {
			otherNode = new SpringApplicationBuilder(CallbridgeApplication.class, FakeProviderConfiguration.class)
				.profiles(this.environment.getActiveProfiles())
				.properties("server.port=0",
						"spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"), PRIVATE,
						SMALL_BATCHES)
				.run();
		}
		this.receiver = new ReceiverDouble();
	}

	@AfterEach
	void stopReceiver() {
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@AfterAll
	static void stopSecondNode() {
		if (otherNode != null) {
			otherNode.close();
			otherNode = null;
		}
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void eachMessageReachesAHealthyReceiverOnceWhateverTheNumberOfNodes() {
		long tenant = this.data.anyTenant();
		CreatedEndpoint endpoint = this.endpoints.create(tenant,
				EndpointCommand.webhook(this.receiver.url("/two-nodes"), "task.*"));
		this.receiver.accepting(endpoint.secret());
		int count = 150;
		for (int i = 0; i < count; i++) {
			this.tasks.create(tenant, new Tasks.NewTask("Task " + i, null, null, null, null, null));
		}

		// Each delivery settled after one attempt; any other is listed with its attempts'
		// log, so a failure says what happened to it. Once all are settled no node sends
		// again (a node sends only what it claimed while PENDING): what the receiver got
		// is final then.
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(notDeliveredOnce(endpoint)).isEmpty());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ?")
			.param(endpoint.endpoint().id())
			.query(Long.class)
			.single()).isEqualTo(count);
		assertThat(this.receiver.received()).hasSize(count).allMatch(Received::accepted);
		Map<String, Long> perId = this.receiver.received()
			.stream()
			.collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
		assertThat(perId).hasSize(count).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
		assertThat(perId.keySet()).allMatch(Function.<String>identity().andThen((id) -> id.startsWith("msg_"))::apply);
	}

	private List<Map<String, Object>> notDeliveredOnce(CreatedEndpoint endpoint) {
		return this.jdbc.sql("""
				SELECT d.id, d.state, d.attempts, d.claimed_by, a.attempted_at, a.status, a.latency_ms, a.error
				FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.id
				WHERE d.endpoint_id = ? AND (d.state <> 'DELIVERED' OR d.attempts <> 1)
				ORDER BY d.id, a.id""").param(endpoint.endpoint().id()).query().listOfRows();
	}

}
