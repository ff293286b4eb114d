package io.callbridge.records;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feeds over HTTP: records in change order each at its latest state, deletes
 * as tombstones that keep the parents' ids, paging with opaque per-tenant cursors, and
 * the refusals (bad cursor or limit, unknown feed, the tasks feed for agents).
 */
@IntegrationTest
class ChangeFeedApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private TestUser admin;

	private TestUser agent;

	@BeforeEach
	void createTenant() {
		long tenant = this.tenants.anyTenant();
		this.admin = this.data.anyUser(tenant, Role.ADMIN);
		this.agent = this.data.anyUser(tenant, Role.AGENT);
	}

	@Test
	void feedsCreatesUpdatesAndTombstonesInChangeOrder() {
		long first = customer("Ana");
		long second = customer("Luis");
		this.api.as(this.admin.token()).put("/api/v1/contacts/{id}", Map.of("name", "Ana María"), first).hasStatus(200);
		long caseId = this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", "Refund"), second)
			.json(201)
			.path("id")
			.asLong();
		long followUp = this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", "NOTE", "text", "Asked"), caseId)
			.json(201)
			.path("id")
			.asLong();
		this.api.as(this.admin.token()).delete("/api/v1/cases/{id}", caseId).hasStatus(204);

		JsonNode customers = this.api.as(this.admin.token()).get("/api/v1/changes/customers").json(200);
		assertThat(ids(customers)).containsExactly(second, first);
		assertThat(customers.path("items").get(1).path("change").asString()).isEqualTo("updated");
		assertThat(customers.path("items").get(1).path("record").path("name").asString()).isEqualTo("Ana María");
		assertThat(customers.path("items").get(0).path("type").asString()).isEqualTo("customer");
		assertThat(customers.path("hasMore").asBoolean()).isFalse();

		JsonNode followUps = this.api.as(this.admin.token()).get("/api/v1/changes/follow-ups?after=0").json(200);
		JsonNode tombstone = followUps.path("items").get(0);
		assertThat(tombstone.path("id").asLong()).isEqualTo(followUp);
		assertThat(tombstone.path("type").asString()).isEqualTo("follow-up");
		assertThat(tombstone.path("change").asString()).isEqualTo("deleted");
		assertThat(tombstone.path("record").isNull()).isTrue();
		assertThat(tombstone.path("caseId").asLong()).isEqualTo(caseId);
		assertThat(tombstone.path("customerId").asLong()).isEqualTo(second);
		JsonNode cases = this.api.as(this.agent.token()).get("/api/v1/changes/cases").json(200);
		assertThat(cases.path("items").get(0).path("change").asString()).isEqualTo("deleted");
		assertThat(cases.path("items").get(0).path("customerId").asLong()).isEqualTo(second);
	}

	@Test
	void pagesWithTheCursorAndShowsARecordChangedAgainAtItsNewPlace() {
		List<Long> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(customer("Customer " + i));
		}
		JsonNode page = this.api.as(this.admin.token()).get("/api/v1/changes/customers?limit=2").json(200);
		assertThat(ids(page)).containsExactly(created.get(0), created.get(1));
		assertThat(page.path("hasMore").asBoolean()).isTrue();
		String cursor = page.path("nextCursor").asString();

		this.api.as(this.admin.token())
			.put("/api/v1/contacts/{id}", Map.of("name", "Changed"), created.get(0))
			.hasStatus(200);
		List<Long> rest = new ArrayList<>();
		while (true) {
			JsonNode next = this.api.as(this.admin.token())
				.get("/api/v1/changes/customers?limit=2&after={cursor}", cursor)
				.json(200);
			rest.addAll(ids(next));
			cursor = next.path("nextCursor").asString();
			if (!next.path("hasMore").asBoolean()) {
				break;
			}
		}

		assertThat(rest).containsExactly(created.get(2), created.get(3), created.get(4), created.get(0));
		JsonNode empty = this.api.as(this.admin.token())
			.get("/api/v1/changes/customers?after={cursor}", cursor)
			.json(200);
		assertThat(empty.path("items")).isEmpty();
		assertThat(empty.path("nextCursor").asString()).isEqualTo(cursor);
	}

	@Test
	void contactImportsAndTaskChangesAreInTheFeeds() {
		this.api.as(this.admin.token())
			.post("/api/v1/contacts/import", "text/csv", "name,phones\nImported One,612 800 101\n")
			.hasStatus(200);
		long task = this.api.as(this.admin.token())
			.post("/api/v1/tasks", Map.of("title", "Call back"))
			.json(201)
			.path("id")
			.asLong();
		this.api.as(this.admin.token()).post("/api/v1/tasks/{id}/complete", "", task).hasStatus(200);

		JsonNode customers = this.api.as(this.admin.token()).get("/api/v1/changes/customers").json(200);
		assertThat(customers.path("items").get(0).path("record").path("name").asString()).isEqualTo("Imported One");
		JsonNode tasks = this.api.as(this.admin.token()).get("/api/v1/changes/tasks").json(200);
		assertThat(ids(tasks)).containsExactly(task);
		assertThat(tasks.path("items").get(0).path("change").asString()).isEqualTo("updated");
		assertThat(tasks.path("items").get(0).path("record").path("open").asBoolean()).isFalse();
	}

	@Test
	void refusesBadCursorsLimitsAndFeeds() {
		customer("Someone");
		String cursor = this.api.as(this.admin.token())
			.get("/api/v1/changes/customers")
			.json(200)
			.path("nextCursor")
			.asString();
		TestUser stranger = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		assertThat(field(this.api.as(this.admin.token())
			.get("/api/v1/changes/customers?after=not-a-cursor")
			.problem(422, "invalid-input"))).isEqualTo("after");
		assertThat(field(this.api.as(stranger.token())
			.get("/api/v1/changes/customers?after={cursor}", cursor)
			.problem(422, "invalid-input"))).isEqualTo("after");
		String forged = Base64.getUrlEncoder().encodeToString("t1:x".getBytes(StandardCharsets.US_ASCII));
		assertThat(field(this.api.as(this.admin.token())
			.get("/api/v1/changes/customers?after={cursor}", forged)
			.problem(422, "invalid-input"))).isEqualTo("after");
		assertThat(field(
				this.api.as(this.admin.token()).get("/api/v1/changes/customers?limit=0").problem(422, "invalid-input")))
			.isEqualTo("limit");
		assertThat(field(this.api.as(this.admin.token())
			.get("/api/v1/changes/customers?limit=501")
			.problem(422, "invalid-input"))).isEqualTo("limit");
		this.api.as(this.admin.token()).get("/api/v1/changes/invoices").problem(404, "not-found");
		this.api.as(this.agent.token()).get("/api/v1/changes/tasks").problem(403, "forbidden");
		this.api.anonymous().get("/api/v1/changes/customers").hasStatus(401);
		assertThat(this.api.as(stranger.token()).get("/api/v1/changes/customers").json(200).path("items")).isEmpty();
	}

	@Test
	void theOpenApiDocumentDescribesTheFeedAndTheRecordBodies() {
		JsonNode docs = this.api.anonymous().get("/v3/api-docs").json(200);

		JsonNode feed = docs.path("paths").path("/api/v1/changes/{type}").path("get");
		assertThat(feed.path("description").asString()).contains("nextCursor").contains("tombstone");
		assertThat(docs.path("paths")
			.path("/api/v1/customers/{customerId}/cases")
			.path("post")
			.path("requestBody")
			.toString()).contains("CaseBody");
		assertThat(docs.path("components").path("schemas").path("CaseBody").path("properties").has("subject")).isTrue();
		assertThat(docs.path("paths").path("/api/v1/follow-ups/{followUpId}").path("get").path("summary").asString())
			.isEqualTo("One case follow-up");
		assertThat(docs.path("paths").path("/api/v1/follow-ups/{id}").path("get").path("summary").asString())
			.isEqualTo("One incomplete follow-up");
	}

	private long customer(String name) {
		return this.api.as(this.admin.token())
			.post("/api/v1/contacts", Map.of("name", name))
			.json(201)
			.path("id")
			.asLong();
	}

	private static List<Long> ids(JsonNode page) {
		List<Long> ids = new ArrayList<>();
		page.path("items").forEach((item) -> ids.add(item.path("id").asLong()));
		return ids;
	}

	private static String field(JsonNode problem) {
		return problem.path("errors").get(0).path("field").asString();
	}

}
