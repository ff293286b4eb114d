package io.callbridge.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SSRF guard with the default setting (no private targets): loopback, private,
 * link-local and metadata targets are refused when saved (422 naming {@code url}) and
 * again at connection time on the address the name resolves to then; and the REST API's
 * roles and errors.
 */
@IntegrationTest
@Import(TestHostResolver.class)
class WebhookTargetsTests {

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookDeliveries deliveries;

	private ReceiverDouble receiver;

	private long tenant;

	private TestUser admin;

	@BeforeEach
	void receiverAndAdmin() throws Exception {
		this.receiver = new ReceiverDouble().unsigned();
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void aTargetResolvingToLoopbackOrMetadataIsRefusedWhenSaved() {
		TestHostResolver.answer("loopback.example.test", "127.0.0.1");
		TestHostResolver.answer("metadata.example.test", "169.254.169.254");
		for (String url : List.of("http://loopback.example.test/hook", "http://metadata.example.test/latest",
				"http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook",
				"http://10.0.0.5/hook", "http://[fd00:ec2::254]/")) {
			ApiResponse response = this.api.as(this.admin.token())
				.post("/api/v1/webhooks/endpoints", Map.of("url", url, "eventTypes", List.of("call.*")));
			JsonNode problem = response.problem(422);
			assertThat(problem.toString()).as(url).contains("\"field\":\"url\"");
		}
		assertThat(this.endpoints.list(this.tenant, null)).isEmpty();
	}

	@Test
	@Timeout(60)
	void aNameThatResolvesToLoopbackAtSendingIsRefusedAndNothingArrives() {
		TestHostResolver.answer("rebinding.example.test", "93.184.216.34");
		CreatedEndpoint endpoint = this.endpoints.create(this.tenant,
				EndpointCommand.webhook("http://rebinding.example.test:" + this.receiver.port() + "/hook", "call.*"));
		TestHostResolver.answer("rebinding.example.test", "127.0.0.1");
		this.deliveries.sendTestEvent(this.tenant, endpoint.endpoint().id());

		WebhookDelivery delivery = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.deliveries.deliveries(this.tenant, endpoint.endpoint().id(), 0, 5).items().get(0),
					(d) -> d.attemptLog().size() >= 2);
		assertThat(delivery.attemptLog()).allSatisfy((a) -> {
			assertThat(a.status()).isNull();
			assertThat(a.error()).contains("Refused target").contains("loopback");
		});
		assertThat(this.receiver.received()).isEmpty();
	}

	@Test
	void theApiIsForAdminsAndSupervisorsRead() {
		TestHostResolver.answer("receiver.example.test", "93.184.216.34");
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		Map<String, Object> body = Map.of("url", "https://receiver.example.test/hook", "eventTypes",
				List.of("call.*", "customer.created"));

		this.api.as(supervisor.token()).post("/api/v1/webhooks/endpoints", body).problem(403);
		JsonNode created = this.api.as(this.admin.token()).post("/api/v1/webhooks/endpoints", body).json(201);
		assertThat(created.get("secret").asString()).startsWith("whsec_");
		long id = created.get("endpoint").get("id").asLong();

		assertThat(this.api.as(supervisor.token()).get("/api/v1/webhooks/endpoints").json(200).size()).isEqualTo(1);
		this.api.as(agent.token()).get("/api/v1/webhooks/endpoints").problem(403);
		this.api.as(supervisor.token()).get("/api/v1/webhooks/endpoints/{id}/stats", id).hasStatus(200);
		this.api.as(this.admin.token()).get("/api/v1/webhooks/endpoints/{id}", 999_999).problem(404);
		this.api.as(this.admin.token())
			.post("/api/v1/webhooks/endpoints", Map.of("url", "ftp://x", "eventTypes", List.of("nope.*")))
			.problem(422);
		this.api.as(this.admin.token())
			.put("/api/v1/webhooks/endpoints/{id}",
					Map.of("url", "https://receiver.example.test/hook", "method", "GET", "eventTypes",
							List.of("call.*")),
					id)
			.problem(422);
		JsonNode rotated = this.api.as(this.admin.token())
			.post("/api/v1/webhooks/endpoints/{id}/secret/rotate", Map.of("overlapSeconds", 60), id)
			.json(200);
		assertThat(rotated.get("secret").asString()).startsWith("whsec_");
		assertThat(rotated.get("previousExpiresAt").isNull()).isFalse();
		this.api.as(this.admin.token()).post("/api/v1/webhooks/endpoints/{id}/disable", Map.of(), id).hasStatus(200);
		this.api.as(this.admin.token()).post("/api/v1/webhooks/endpoints/{id}/enable", Map.of(), id).hasStatus(200);
		this.api.as(this.admin.token()).delete("/api/v1/webhooks/endpoints/{id}", id).hasStatus(204);
	}

}
