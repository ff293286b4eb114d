package io.callbridge.webhooks;

import java.time.Duration;

import io.callbridge.audit.AuditCategory;
import io.callbridge.audit.AuditEvent;
import io.callbridge.audit.AuditFilter;
import io.callbridge.audit.AuditTrail;
import io.callbridge.records.Tasks;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An endpoint whose receiver keeps failing is disabled after {@code disable-after}
 * (compressed to two seconds here), with an audit entry and a notice for admins; its
 * deliveries wait, changes made meanwhile are queued for it, and enabling it again
 * delivers them all.
 */
@IntegrationTest
@TestPropertySource(properties = { "callbridge.webhooks.allow-private-targets=true",
		"callbridge.webhooks.disable-after=2s",
		"callbridge.webhooks.retry-schedule=200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms" })
class WebhookEndpointDisablingTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_disabling");
	}

	@Autowired
	TestData data;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	AuditTrail audit;

	@Autowired
	Tasks tasks;

	private ReceiverDouble receiver;

	@BeforeEach
	void receiver() throws Exception {
		this.receiver = new ReceiverDouble();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	@Timeout(60)
	void anEndpointFailingContinuouslyIsDisabledWithANoticeAndResumesWhenEnabled() {
		long tenant = this.data.anyTenant();
		CreatedEndpoint endpoint = this.endpoints.create(tenant,
				EndpointCommand.webhook(this.receiver.url("/down"), "task.*"));
		long id = endpoint.endpoint().id();
		this.receiver.accepting(endpoint.secret()).down(true);
		String message = this.deliveries.sendTestEvent(tenant, id);

		await().atMost(Duration.ofSeconds(20)).until(() -> !this.endpoints.get(tenant, id).enabled());
		WebhookEndpoint disabled = this.endpoints.get(tenant, id);
		assertThat(disabled.disabledForFailing()).isTrue();
		assertThat(this.endpoints.disabledEndpoints(tenant)).extracting(WebhookEndpoint::id).containsExactly(id);
		assertThat(this.audit.search(tenant, new AuditFilter(AuditCategory.WEBHOOK, null, null, null, null), 0, 10)
			.items()).extracting(AuditEvent::entry).anySatisfy((entry) -> {
				assertThat(entry.action()).isEqualTo("disable");
				assertThat(entry.target()).endsWith("/endpoints/" + id);
			});
		int attempts = this.receiver.received().size();
		await().during(Duration.ofMillis(800))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.receiver.received().size() == attempts);
		assertThat(this.deliveries.stats(tenant, id).pending()).isEqualTo(1);

		this.tasks.create(tenant, new Tasks.NewTask("Created while disabled", null, null, null, null, null));

		this.receiver.down(false);
		this.endpoints.enable(tenant, id);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.receiver.accepted().size() == 2);
		assertThat(this.receiver.accepted()).extracting(ReceiverDouble.Received::body)
			.anyMatch((body) -> body.contains("\"webhook.test\""))
			.anyMatch((body) -> body.contains("\"task.created\""));
		assertThat(this.receiver.accepted()).extracting(ReceiverDouble.Received::webhookId).contains(message);
		assertThat(this.endpoints.disabledEndpoints(tenant)).isEmpty();
	}

}
