package io.callbridge.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET/PUT /api/v1/crm-triggers}: VCC's eleven rows read and replaced at once by
 * admins; an unchanged URL keeps its endpoint, an emptied one loses it, and an invalid or
 * refused URL is a 422 naming its event type with nothing saved.
 */
@IntegrationTest
@TestPropertySource(properties = "callbridge.webhooks.allow-private-targets=true")
class CrmTriggersApiTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_triggers_api");
	}

	private static final String PATH = "/api/v1/crm-triggers";

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	private TestUser admin;

	private long tenant;

	@BeforeEach
	void tenantWithAdmin() {
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@Test
	void listsEveryRowOfVccsTableEvenWithoutTriggers() {
		JsonNode triggers = this.api.as(this.admin.token()).get(PATH).json(200);

		assertThat(triggers.path("method").asString()).isEqualTo("GET");
		assertThat(triggers.path("signed").asBoolean()).isFalse();
		assertThat(eventTypes(triggers)).containsExactly("customer.created", "customer.updated", "customer.deleted",
				"case.created", "case.updated", "case.deleted", "followup.created", "followup.deleted", "task.created",
				"task.updated", "task.deleted");
		assertThat(row(triggers, "followup.created").path("formattedString").asString())
			.isEqualTo("?AccountID=aaa&CaseID=ccc&FollowupID=fff");
		assertThat(row(triggers, "case.created").path("url").isNull()).isTrue();
	}

	@Test
	void replacesTheTriggersKeepingUnchangedEndpointsAndDeletingEmptiedOnes() {
		JsonNode first = put(
				Map.of("customer.created", "http://127.0.0.1:9/customer", "case.created", "http://127.0.0.1:9/case"),
				"POST", true)
			.json(200);
		long customerEndpoint = row(first, "customer.created").path("endpointId").asLong();

		JsonNode second = put(Map.of("customer.created", "http://127.0.0.1:9/customer", "case.created", "",
				"task.deleted", "http://127.0.0.1:9/task?x=1"), "POST", true)
			.json(200);

		assertThat(row(second, "customer.created").path("endpointId").asLong()).isEqualTo(customerEndpoint);
		assertThat(row(second, "case.created").path("url").isNull()).isTrue();
		assertThat(row(second, "task.deleted").path("url").asString()).isEqualTo("http://127.0.0.1:9/task?x=1");
		assertThat(second.path("method").asString()).isEqualTo("POST");
		assertThat(second.path("signed").asBoolean()).isTrue();
		JsonNode read = this.api.as(this.admin.token()).get(PATH).json(200);
		assertThat(read).isEqualTo(second);
		JsonNode endpoints = this.api.as(this.admin.token())
			.get("/api/v1/webhooks/endpoints?kind=CRM_TRIGGER")
			.json(200);
		assertThat(endpoints.size()).isEqualTo(2);
	}

	@Test
	void anInvalidOrRefusedUrlIsA422NamingItsEventTypeAndNothingIsSaved() {
		put(Map.of("customer.created", "http://127.0.0.1:9/customer"), "GET", false).json(200);

		JsonNode problem = put(Map.of("customer.created", "http://127.0.0.1:9/other", "case.created", "not a url",
				"followup.created", "http://169.254.169.254/latest/meta-data"), "GET", false)
			.problem(422, "invalid-input");

		assertThat(fields(problem)).containsExactlyInAnyOrder("case.created", "followup.created");
		JsonNode read = this.api.as(this.admin.token()).get(PATH).json(200);
		assertThat(row(read, "customer.created").path("url").asString()).isEqualTo("http://127.0.0.1:9/customer");
		assertThat(row(read, "followup.created").path("url").isNull()).isTrue();
	}

	@Test
	void anUnknownEventTypeOrMethodIsA422() {
		JsonNode problem = put(Map.of("case.closed", "http://127.0.0.1:9/x"), "PUT", false).problem(422,
				"invalid-input");

		assertThat(fields(problem)).containsExactlyInAnyOrder("urls", "method");
	}

	@Test
	void onlyAdminsReadOrChangeTheTriggers() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);

		this.api.as(supervisor.token()).get(PATH).problem(403, "forbidden");
		this.api.as(supervisor.token())
			.put(PATH, Map.of("urls", Map.of("customer.created", "http://127.0.0.1:9/c")))
			.problem(403, "forbidden");
		this.api.anonymous().get(PATH).hasStatus(401);
	}

	private io.callbridge.support.ApiResponse put(Map<String, String> urls, String method, boolean signed) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("method", method);
		body.put("signed", signed);
		body.put("urls", urls);
		return this.api.as(this.admin.token()).put(PATH, body);
	}

	private static JsonNode row(JsonNode triggers, String eventType) {
		for (JsonNode row : triggers.path("triggers")) {
			if (eventType.equals(row.path("eventType").asString())) {
				return row;
			}
		}
		throw new AssertionError("No row " + eventType + " in " + triggers);
	}

	private static List<String> eventTypes(JsonNode triggers) {
		List<String> types = new ArrayList<>();
		triggers.path("triggers").forEach((row) -> types.add(row.path("eventType").asString()));
		return types;
	}

	private static List<String> fields(JsonNode problem) {
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		return fields;
	}

}
