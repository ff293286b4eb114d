package io.callbridge.crm.retailcrm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.support.ApiClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an admin does through the API to connect a tenant to retailCRM, for the end-to-end
 * tests: creates the connection against the {@link RetailCrmSimulator}, relates agents to
 * CRM users, connects (registers the integration) and reads the connection back.
 */
final class RetailCrmConnectionSteps {

	static final Duration PATIENCE = Duration.ofSeconds(20);

	private final ApiClient api;

	private final String adminToken;

	private final int port;

	RetailCrmConnectionSteps(ApiClient api, String adminToken, int port) {
		this.api = api;
		this.adminToken = adminToken;
		this.port = port;
	}

	/** A new enabled connection serving the accounts, created through the API. */
	long create(RetailCrmSimulator crm, String apiKey, boolean responsibleFromCrm, long... accountIds) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("connector", "retailcrm");
		body.put("name", "retailCRM shop");
		body.put("baseUrl", crm.baseUrl().toString());
		body.put("integrationCode", "cb-" + UUID.randomUUID().toString().substring(0, 8));
		body.put("publicBaseUrl", "http://localhost:" + this.port);
		body.put("accountIds", java.util.Arrays.stream(accountIds).boxed().toList());
		body.put("responsibleFromCrm", responsibleFromCrm);
		body.put("enabled", true);
		body.put("secrets", Map.of("apiKey", apiKey));
		return this.api.as(this.adminToken).post("/api/v1/crm/connections", body).json(201).path("id").asLong();
	}

	/** Relates each agent (key) to a CRM user id (value). */
	void managers(long connectionId, Map<Long, String> crmUserIds) {
		List<Map<String, Object>> managers = crmUserIds.entrySet()
			.stream()
			.map((e) -> Map.<String, Object>of("agentId", e.getKey(), "crmUserId", e.getValue()))
			.toList();
		this.api.as(this.adminToken)
			.put("/api/v1/crm/connections/{id}/managers", Map.of("managers", managers), connectionId)
			.json(200);
	}

	/** Connects: the connection as answered, with its registration. */
	JsonNode connect(long connectionId) {
		return this.api.as(this.adminToken)
			.post("/api/v1/crm/connections/{id}/connect", Map.of(), connectionId)
			.json(200);
	}

	JsonNode get(long connectionId) {
		return this.api.as(this.adminToken).get("/api/v1/crm/connections/{id}", connectionId).json(200);
	}

	/** Connects and asserts the CRM took the registration. */
	JsonNode connected(long connectionId) {
		JsonNode connection = connect(connectionId);
		assertThat(connection.path("registration").path("state").asString()).as(connection.toString())
			.isEqualTo("REGISTERED");
		return connection;
	}

	/** Waits until no delivery of the connection is pending and returns it. */
	JsonNode settled(long connectionId) {
		return await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get(connectionId), (c) -> c.path("deliveries").path("pending").asLong() == 0);
	}

}
