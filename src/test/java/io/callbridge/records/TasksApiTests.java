package io.callbridge.records;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tasks API over HTTP: an agent sees only their own tasks (as on the tasks page),
 * supervisors everyone's; the list is paged with status and assignee filters.
 */
@IntegrationTest
class TasksApiTests {

	@LocalServerPort
	int port;

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

	private TestUser ana;

	private TestUser luis;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
	}

	@Test
	void agentListsOnlyTheirOwnTasks() {
		long anas = task(this.ana, "Call Ana's client");
		long luiss = task(this.luis, "Call Luis's client");

		assertThat(this.api.as(this.ana.token()).get("/api/v1/tasks").hasStatus(200).ids()).containsExactly(anas);
		assertThat(this.api.as(this.luis.token()).get("/api/v1/tasks").hasStatus(200).ids()).containsExactly(luiss);
		this.api.as(this.ana.token()).get("/api/v1/tasks?assigneeId={id}", this.luis.id()).problem(403, "forbidden");
		assertThat(this.api.as(this.ana.token()).get("/api/v1/tasks?assigneeId={id}", this.ana.id()).ids())
			.containsExactly(anas);
	}

	@Test
	void supervisorListsEveryonesTasksOrOneAgents() {
		long anas = task(this.ana, "First");
		long luiss = task(this.luis, "Second");

		assertThat(this.api.as(this.supervisor.token()).get("/api/v1/tasks").ids()).containsExactlyInAnyOrder(anas,
				luiss);
		assertThat(this.api.as(this.supervisor.token()).get("/api/v1/tasks?assigneeId={id}", this.luis.id()).ids())
			.containsExactly(luiss);
	}

	@Test
	void listIsPagedPastFiveHundredTasks() {
		for (int i = 0; i < 501; i++) {
			this.jdbc.sql("""
					INSERT INTO tasks (tenant_id, title, assignee_id, status, created_at)
					VALUES (?, ?, ?, 'OPEN', ?)""")
				.params(this.tenant, "Task " + i, this.ana.id(), java.sql.Timestamp.from(Instant.now()))
				.update();
		}

		JsonNode first = this.api.as(this.ana.token()).get("/api/v1/tasks?size=500").json(200);
		JsonNode second = this.api.as(this.ana.token()).get("/api/v1/tasks?size=500&page=1").json(200);

		assertThat(first.path("total").asLong()).isEqualTo(501);
		assertThat(first.path("items")).hasSize(500);
		assertThat(second.path("items")).hasSize(1);
		this.api.as(this.ana.token()).get("/api/v1/tasks?size=501").problem(422, "invalid-input");
	}

	@Test
	void statusChoosesOpenDoneOrAllTasks() {
		long open = task(this.ana, "Still to do");
		long done = task(this.ana, "Already done");
		this.api.as(this.ana.token()).post("/api/v1/tasks/{id}/complete", "", done).hasStatus(200);

		assertThat(ids("/api/v1/tasks")).containsExactly(open);
		assertThat(ids("/api/v1/tasks?status=done")).containsExactly(done);
		assertThat(ids("/api/v1/tasks?status=all")).containsExactly(open, done);
		assertThat(ids("/api/v1/tasks?openOnly=false")).containsExactly(open, done);
		JsonNode problem = this.api.as(this.ana.token())
			.get("/api/v1/tasks?status=later")
			.problem(422, "invalid-input");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("status");
	}

	@Test
	void overlongValuesAreRefusedNamingTheField() {
		JsonNode notes = this.api.as(this.ana.token())
			.post("/api/v1/tasks", Map.of("title", "Fine", "notes", "n".repeat(4001)))
			.problem(422, "invalid-input");
		JsonNode title = this.api.as(this.ana.token())
			.post("/api/v1/tasks", Map.of("title", "t".repeat(301)))
			.problem(422, "invalid-input");

		assertThat(notes.path("errors").get(0).path("field").asString()).isEqualTo("notes");
		assertThat(title.path("errors").get(0).path("field").asString()).isEqualTo("title");
	}

	@Test
	void tasksPageIsPaged() {
		for (int i = 0; i < 3; i++) {
			task(this.ana, "Paged task " + i);
		}
		UiSession ui = UiSession.logIn(this.port, this.ana.username(), this.ana.password());

		HttpResponse<String> first = ui.get("/tasks?size=2");
		HttpResponse<String> second = ui.get("/tasks?size=2&page=1");

		assertThat(first.body()).contains("Paged task 0").contains("Paged task 1").doesNotContain("Paged task 2");
		assertThat(first.body()).contains("rel=\"next\"");
		assertThat(second.body()).contains("Paged task 2");
	}

	private List<Long> ids(String path) {
		return this.api.as(this.ana.token()).get(path).hasStatus(200).ids();
	}

	private long task(TestUser assignee, String title) {
		return this.api.as(this.supervisor.token())
			.post("/api/v1/tasks", Map.of("title", title, "assigneeId", assignee.id()))
			.json(201)
			.path("id")
			.asLong();
	}

}
