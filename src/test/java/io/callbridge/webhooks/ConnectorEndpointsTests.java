package io.callbridge.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.FakeCrmConnector;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A CRM connection's endpoint ({@link EndpointKind#CONNECTOR}) in the outbox: hidden from
 * the webhooks list and not to be changed through the webhooks API (its connection owns
 * it), never matched by event types, given only the messages written for it (once per
 * type and key when asked), nothing while an admin disabled it, and what its connector
 * refuses for good fails at once.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class ConnectorEndpointsTests {

	@Autowired
	TenantFixture tenants;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	WebhookOutbox outbox;

	private long tenant;

	private TestUser admin;

	private long connector;

	@BeforeEach
	void connectorEndpoint() {
		this.tenant = this.tenants.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
		this.connector = this.endpoints.createManaged(this.tenant, EndpointKind.CONNECTOR, "https://crm.example",
				EndpointMethod.POST, "CRM connection");
	}

	@Test
	void isHiddenFromTheWebhooksListAndCannotBeChangedThroughTheirApi() {
		ApiClient.Caller admin = this.api.as(this.admin.token());
		long webhook = admin
			.post("/api/v1/webhooks/endpoints",
					Map.of("url", "https://192.0.2.10/in", "eventTypes", List.of("customer.created")))
			.json(201)
			.path("endpoint")
			.path("id")
			.asLong();

		assertThat(admin.get("/api/v1/webhooks/endpoints").ids()).containsExactly(webhook);
		assertThat(this.endpoints.list(this.tenant, null)).extracting(WebhookEndpoint::id).containsExactly(webhook);
		String path = "/api/v1/webhooks/endpoints/" + this.connector;
		assertThat(admin.put(path, Map.of("url", "https://elsewhere.example"))
			.problem(409, "conflict")
			.path("detail")
			.asString()).isEqualTo("This endpoint delivers to a CRM connection: change it on the connection's page.");
		admin.delete(path).problem(409, "conflict");
		admin.post(path + "/disable", Map.of()).problem(409, "conflict");
		admin.post(path + "/enable", Map.of()).problem(409, "conflict");
		admin.post(path + "/secret/rotate", Map.of()).problem(409, "conflict");
		admin.post(path + "/test", Map.of()).problem(409, "conflict");
		WebhookEndpoint kept = this.endpoints.get(this.tenant, this.connector);
		assertThat(kept.enabled()).isTrue();
		assertThat(kept.url()).isEqualTo("https://crm.example");
	}

	@Test
	void receivesNoEventTypeButWhatIsWrittenForItOncePerTypeAndKeyWhenAsked() {
		assertThat(this.outbox.wants(this.tenant, "call.completed")).isFalse();
		assertThat(this.outbox.enqueue(this.tenant, "call.completed", "call:1", Map.of("id", 1), null)).isEmpty();

		assertThat(
				this.outbox.enqueueToConnector(this.connector, this.tenant, "crm.test", "call:1", Map.of("n", 1), true))
			.isPresent();
		assertThat(
				this.outbox.enqueueToConnector(this.connector, this.tenant, "crm.test", "call:1", Map.of("n", 2), true))
			.isEmpty();
		assertThat(
				this.outbox.enqueueToConnector(this.connector, this.tenant, "crm.test", "call:2", Map.of("n", 3), true))
			.isPresent();
		assertThat(this.outbox.enqueueToConnector(this.connector, this.tenant, "crm.test", "call:1", Map.of("n", 4),
				false))
			.isPresent();
		assertThat(this.outbox.enqueueToConnector(this.connector, this.tenant + 1, "crm.test", "call:3", Map.of("n", 5),
				false))
			.isEmpty();

		this.endpoints.disable(this.tenant, this.connector);
		assertThat(this.outbox.enqueueToConnector(this.connector, this.tenant, "crm.test", "call:4", Map.of("n", 6),
				false))
			.isEmpty();
		assertThat(this.deliveries.deliveries(this.tenant, this.connector, 0, 10).items()).hasSize(3);
	}

	@Test
	void aMessageItsConnectorRefusesForGoodFailsAtOnce() {
		this.outbox.enqueueToConnector(this.connector, this.tenant, "crm.unknown", "call:9", Map.of("n", 1), false);

		WebhookDelivery failed = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.deliveries.deliveries(this.tenant, this.connector, 0, 10).items(),
					(items) -> items.size() == 1 && "FAILED".equals(items.get(0).state()))
			.get(0);
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.lastError()).isEqualTo("Not a CRM push: crm.unknown");
	}

	@Test
	void anEndpointOfAnotherKindGetsNoConnectorMessage() {
		long webhook = this.endpoints
			.create(this.tenant,
					new EndpointCommand(EndpointKind.WEBHOOK, "https://192.0.2.10/x", EndpointMethod.POST, null,
							List.of("customer.created"), true))
			.endpoint()
			.id();

		assertThat(this.outbox.enqueueToConnector(webhook, this.tenant, "crm.test", "call:1", Map.of(), false))
			.isEmpty();
	}

}
