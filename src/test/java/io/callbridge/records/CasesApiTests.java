package io.callbridge.records;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.callbridge.contacts.Contact;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases and follow-ups API over HTTP: CRUD, 422 problems naming the field, roles as
 * for contacts, tenant isolation, follow-ups never edited, and the delete rules.
 */
@IntegrationTest
class CasesApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TestUser supervisor;

	private TestUser agent;

	private Contact customer;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.customer = this.data.anyContact(this.tenant, "Marta Ruiz", "+34911000001");
	}

	@Test
	void agentOpensReadsListsAndEditsACase() {
		JsonNode created = this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases",
					Map.of("subject", "Router broken", "priority", "high", "assigneeId", this.agent.id()),
					this.customer.id())
			.json(201);
		long id = created.path("id").asLong();

		assertThat(created.path("status").asString()).isEqualTo("OPEN");
		assertThat(created.path("priority").asString()).isEqualTo("HIGH");
		assertThat(created.path("customerId").asLong()).isEqualTo(this.customer.id());
		assertThat(created.path("createdById").asLong()).isEqualTo(this.agent.id());
		assertThat(this.api.as(this.agent.token()).get("/api/v1/customers/{id}/cases", this.customer.id()).ids())
			.containsExactly(id);

		JsonNode patched = this.api.as(this.agent.token())
			.patch("/api/v1/cases/{id}", Map.of("status", "PENDING"), id)
			.json(200);
		assertThat(patched.path("status").asString()).isEqualTo("PENDING");
		assertThat(patched.path("subject").asString()).isEqualTo("Router broken");
		assertThat(patched.path("assigneeId").asLong()).isEqualTo(this.agent.id());

		JsonNode replaced = this.api.as(this.agent.token())
			.put("/api/v1/cases/{id}", Map.of("subject", "Router replaced", "status", "CLOSED", "priority", "LOW"), id)
			.json(200);
		assertThat(replaced.path("status").asString()).isEqualTo("CLOSED");
		assertThat(replaced.path("assigneeId").isNull()).isTrue();

		assertThat(this.api.as(this.agent.token()).get("/api/v1/cases?status=closed").ids()).containsExactly(id);
		assertThat(this.api.as(this.agent.token()).get("/api/v1/cases?status=open").ids()).isEmpty();
		assertThat(this.api.as(this.agent.token()).get("/api/v1/cases?customerId={c}", this.customer.id()).ids())
			.containsExactly(id);
	}

	@Test
	void refusesBadCaseInputNamingTheField() {
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", ""), this.customer.id())
			.problem(422, "invalid-input"))).isEqualTo("subject");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", "x".repeat(201)), this.customer.id())
			.problem(422, "invalid-input"))).isEqualTo("subject");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", "Hi", "status", "LATER"), this.customer.id())
			.problem(422, "invalid-input"))).isEqualTo("status");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", "Hi", "assigneeId", 999_999), this.customer.id())
			.problem(422, "invalid-input"))).isEqualTo("assigneeId");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", "Hi", "assigneeId", "me"), this.customer.id())
			.problem(422, "invalid-input"))).isEqualTo("assigneeId");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", "Hi", "callIds", new long[] { 999_999 }),
					this.customer.id())
			.problem(422, "invalid-input"))).isEqualTo("callIds");
		long id = caseOf(this.customer.id(), "Valid");
		assertThat(field(this.api.as(this.agent.token())
			.put("/api/v1/cases/{id}", Map.of("subject", "No status"), id)
			.problem(422, "invalid-input"))).isEqualTo("status");
		assertThat(field(this.api.as(this.agent.token())
			.patch("/api/v1/cases/{id}", Map.of("description", "d".repeat(4001)), id)
			.problem(422, "invalid-input"))).isEqualTo("description");
	}

	@Test
	void unknownAndOtherTenantsCasesAreNotFound() {
		long id = caseOf(this.customer.id(), "Ours");
		long otherTenant = this.tenants.anyTenant();
		TestUser stranger = this.data.anyUser(otherTenant, Role.ADMIN);

		this.api.as(stranger.token()).get("/api/v1/cases/{id}", id).problem(404, "not-found");
		this.api.as(stranger.token()).patch("/api/v1/cases/{id}", Map.of("status", "CLOSED"), id).problem(404);
		this.api.as(stranger.token()).delete("/api/v1/cases/{id}", id).problem(404);
		this.api.as(stranger.token()).get("/api/v1/cases/{id}/follow-ups", id).problem(404);
		this.api.as(stranger.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", "NOTE", "text", "Hi"), id)
			.problem(404);
		this.api.as(stranger.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", "Theirs"), this.customer.id())
			.problem(404);
		this.api.as(stranger.token()).get("/api/v1/customers/{id}", this.customer.id()).problem(404);
		assertThat(this.api.as(stranger.token()).get("/api/v1/cases").ids()).isEmpty();
		this.api.as(this.agent.token()).get("/api/v1/cases/{id}", 999_999_999).problem(404, "not-found");
		assertThat(this.api.as(this.agent.token()).get("/api/v1/cases/{id}", id).json(200).path("subject").asString())
			.isEqualTo("Ours");
	}

	@Test
	void onlySupervisorsDeleteCasesWithTheirFollowUps() {
		long id = caseOf(this.customer.id(), "To delete");
		long followUp = followUp(id, "NOTE", "A note");

		this.api.as(this.agent.token()).delete("/api/v1/cases/{id}", id).problem(403, "forbidden");
		this.api.as(this.supervisor.token()).delete("/api/v1/cases/{id}", id).hasStatus(204);

		this.api.as(this.agent.token()).get("/api/v1/cases/{id}", id).problem(404);
		this.api.as(this.agent.token()).get("/api/v1/follow-ups/{id}", followUp).problem(404);
	}

	@Test
	void recordsFollowUpsThatCannotBeEdited() {
		long id = caseOf(this.customer.id(), "Delivery");
		long call = call();
		JsonNode created = this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups",
					Map.of("kind", "call", "text", "Called about the delivery", "callId", call, "occurredAt",
							"2026-03-01T09:30:00Z"),
					id)
			.json(201);
		long followUp = created.path("id").asLong();

		assertThat(created.path("kind").asString()).isEqualTo("CALL");
		assertThat(created.path("authorId").asLong()).isEqualTo(this.agent.id());
		assertThat(created.path("callId").asLong()).isEqualTo(call);
		assertThat(created.path("caseId").asLong()).isEqualTo(id);
		assertThat(created.path("occurredAt").asString()).startsWith("2026-03-01T09:30");
		assertThat(this.api.as(this.agent.token()).get("/api/v1/cases/{id}/follow-ups", id).ids())
			.containsExactly(followUp);

		JsonNode refused = this.api.as(this.agent.token())
			.put("/api/v1/follow-ups/{id}", Map.of("text", "Changed"), followUp)
			.problem(405, "method-not-allowed");
		assertThat(refused.path("detail").asString()).contains("cannot be edited");
		this.api.as(this.agent.token())
			.patch("/api/v1/follow-ups/{id}", Map.of("text", "Changed"), followUp)
			.problem(405, "method-not-allowed");
		assertThat(this.api.as(this.agent.token())
			.get("/api/v1/follow-ups/{id}", followUp)
			.json(200)
			.path("text")
			.asString()).isEqualTo("Called about the delivery");
	}

	@Test
	void refusesBadFollowUpsNamingTheField() {
		long id = caseOf(this.customer.id(), "Bad follow-ups");

		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("text", "No kind"), id)
			.problem(422, "invalid-input"))).isEqualTo("kind");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", "FAX", "text", "Fax"), id)
			.problem(422, "invalid-input"))).isEqualTo("kind");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", "NOTE", "text", " "), id)
			.problem(422, "invalid-input"))).isEqualTo("text");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", "NOTE", "text", "t".repeat(4001)), id)
			.problem(422, "invalid-input"))).isEqualTo("text");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", "NOTE", "text", "Hi", "occurredAt", "yesterday"), id)
			.problem(422, "invalid-input"))).isEqualTo("occurredAt");
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", "NOTE", "text", "Hi", "callId", 999_999), id)
			.problem(422, "invalid-input"))).isEqualTo("callId");
	}

	@Test
	void anAgentDeletesOnlyTheFollowUpsTheyRecorded() {
		long id = caseOf(this.customer.id(), "Shared case");
		TestUser colleague = this.data.anyUser(this.tenant, Role.AGENT);
		long mine = followUp(id, "EMAIL", "Sent the offer");

		this.api.as(colleague.token()).delete("/api/v1/follow-ups/{id}", mine).problem(403, "forbidden");
		this.api.as(this.agent.token()).delete("/api/v1/follow-ups/{id}", mine).hasStatus(204);
		this.api.as(this.agent.token()).get("/api/v1/follow-ups/{id}", mine).problem(404);
		long other = followUp(id, "VISIT", "Visited");
		this.api.as(this.supervisor.token()).delete("/api/v1/follow-ups/{id}", other).hasStatus(204);
	}

	@Test
	void deletingACustomerDeletesItsCasesAndTasks() {
		long id = caseOf(this.customer.id(), "Goes with the customer");
		long followUp = followUp(id, "NOTE", "Goes too");
		long task = this.api.as(this.agent.token())
			.post("/api/v1/tasks", Map.of("title", "Call back", "caseId", id))
			.json(201)
			.path("id")
			.asLong();

		this.api.as(this.supervisor.token()).delete("/api/v1/contacts/{id}", this.customer.id()).hasStatus(204);

		this.api.as(this.agent.token()).get("/api/v1/cases/{id}", id).problem(404);
		this.api.as(this.agent.token()).get("/api/v1/follow-ups/{id}", followUp).problem(404);
		this.api.as(this.agent.token()).get("/api/v1/tasks/{id}", task).problem(404);
		this.api.as(this.agent.token()).get("/api/v1/customers/{id}", this.customer.id()).problem(404);
	}

	@Test
	void linksAndUnlinksCalls() {
		long id = caseOf(this.customer.id(), "Linked calls");
		long call = call();

		JsonNode linked = this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/calls", Map.of("callId", call), id)
			.json(200);
		assertThat(linked.path("callIds").get(0).asLong()).isEqualTo(call);
		assertThat(field(this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/calls", Map.of("callId", 999_999), id)
			.problem(422, "invalid-input"))).isEqualTo("callId");
		JsonNode unlinked = this.api.as(this.agent.token())
			.delete("/api/v1/cases/{id}/calls/{call}", id, call)
			.json(200);
		assertThat(unlinked.path("callIds")).isEmpty();
	}

	@Test
	void editsReopensAndDeletesTasks() {
		long id = caseOf(this.customer.id(), "Task case");
		long task = this.api.as(this.agent.token())
			.post("/api/v1/tasks", Map.of("title", "Call back"))
			.json(201)
			.path("id")
			.asLong();

		JsonNode patched = this.api.as(this.agent.token())
			.patch("/api/v1/tasks/{id}", Map.of("caseId", id, "notes", "Before noon"), task)
			.json(200);
		assertThat(patched.path("caseId").asLong()).isEqualTo(id);
		assertThat(patched.path("contactId").asLong()).isEqualTo(this.customer.id());
		assertThat(patched.path("title").asString()).isEqualTo("Call back");
		JsonNode replaced = this.api.as(this.agent.token())
			.put("/api/v1/tasks/{id}",
					Map.of("title", "Call back today", "assigneeId", this.agent.id(), "dueAt", "2026-03-02T10:00:00Z"),
					task)
			.json(200);
		assertThat(replaced.path("caseId").isNull()).isTrue();
		assertThat(replaced.path("notes").isNull()).isTrue();
		assertThat(field(this.api.as(this.agent.token())
			.patch("/api/v1/tasks/{id}", Map.of("title", ""), task)
			.problem(422, "invalid-input"))).isEqualTo("title");
		Contact other = this.data.anyContact(this.tenant, "Pablo Gil", "+34911000002");
		assertThat(field(this.api.as(this.agent.token())
			.patch("/api/v1/tasks/{id}", Map.of("contactId", other.id(), "caseId", id), task)
			.problem(422, "invalid-input"))).isEqualTo("caseId");
		this.api.as(this.agent.token()).post("/api/v1/tasks/{id}/complete", "", task).hasStatus(200);
		assertThat(this.api.as(this.agent.token())
			.post("/api/v1/tasks/{id}/reopen", "", task)
			.json(200)
			.path("open")
			.asBoolean()).isTrue();

		TestUser colleague = this.data.anyUser(this.tenant, Role.AGENT);
		this.api.as(colleague.token()).delete("/api/v1/tasks/{id}", task).problem(403, "forbidden");
		this.api.as(colleague.token()).patch("/api/v1/tasks/{id}", Map.of("title", "Mine"), task).problem(403);
		this.api.as(this.agent.token()).delete("/api/v1/tasks/{id}", task).hasStatus(204);
		this.api.as(this.agent.token()).get("/api/v1/tasks/{id}", task).problem(404);
	}

	@Test
	void returnsTheCustomerByItsAccountId() {
		JsonNode customer = this.api.as(this.agent.token()).get("/api/v1/customers/{id}", this.customer.id()).json(200);

		assertThat(customer.path("id").asLong()).isEqualTo(this.customer.id());
		assertThat(customer.path("name").asString()).isEqualTo("Marta Ruiz");
		assertThat(customer.path("phones").get(0).asString()).isEqualTo("+34911000001");
	}

	private long caseOf(long customerId, String subject) {
		return this.api.as(this.agent.token())
			.post("/api/v1/customers/{id}/cases", Map.of("subject", subject), customerId)
			.json(201)
			.path("id")
			.asLong();
	}

	private long followUp(long caseId, String kind, String text) {
		return this.api.as(this.agent.token())
			.post("/api/v1/cases/{id}/follow-ups", Map.of("kind", kind, "text", text), caseId)
			.json(201)
			.path("id")
			.asLong();
	}

	private long call() {
		long account = this.data.sandboxAccount(this.tenant).id();
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.sql("""
				INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, state, started_at, updated_at)
				VALUES (?, ?, ?, 'INBOUND', 'ENDED', ?, ?)""")
			.params(this.tenant, account, UUID.randomUUID().toString(), now, now)
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM calls WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single();
	}

	private static String field(JsonNode problem) {
		return problem.path("errors").get(0).path("field").asString();
	}

}
