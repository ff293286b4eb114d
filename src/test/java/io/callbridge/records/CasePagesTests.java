package io.callbridge.records;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.contacts.Contact;
import io.callbridge.records.CaseFollowUps.NewFollowUp;
import io.callbridge.records.Cases.NewCase;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRM pages through a real login session: the customer's timeline, the case pages
 * (open, edit, filter, follow-ups, delete rules per role, Spanish errors, other tenants'
 * cases not found) and the task page (edit, reopen, delete).
 */
@IntegrationTest
class CasePagesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Cases cases;

	@Autowired
	CaseFollowUps followUps;

	@Autowired
	Tasks tasks;

	private long tenant;

	private TestUser agent;

	private TestUser supervisor;

	private Contact customer;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.customer = this.data.anyContact(this.tenant, "Lucía Ferrer", "+34 911 222 333");
	}

	@Test
	void timelineShowsCasesWithFollowUpsTasksAndCallsNewestFirst() {
		Instant now = Instant.now();
		long oldCall = call(this.customer.id(), now.minus(Duration.ofHours(3)));
		long recentCall = call(this.customer.id(), now.minus(Duration.ofHours(1)));
		Case billing = this.cases.create(this.tenant, this.agent.id(), new NewCase(this.customer.id(), "Wrong invoice",
				null, null, CasePriority.HIGH, this.agent.id(), List.of(oldCall)));
		this.jdbc.sql("UPDATE cases SET created_at = ? WHERE id = ?")
			.params(Timestamp.from(now.minus(Duration.ofHours(5))), billing.id())
			.update();
		CaseFollowUp followUp = this.followUps.create(this.tenant, billing.id(), this.agent.id(), new NewFollowUp(
				FollowUpKind.CALL, "Promised a corrected invoice", now.minus(Duration.ofHours(2)), oldCall));
		Task task = this.tasks.create(this.tenant,
				new Tasks.NewTask("Send the corrected invoice", null, null, this.agent.id(), this.customer.id(), null));
		Task done = this.tasks.create(this.tenant,
				new Tasks.NewTask("Check the meter", null, null, this.agent.id(), this.customer.id(), null));
		this.tasks.complete(this.tenant, done.id());
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		String page = ui.get("/contacts/" + this.customer.id()).body();
		String panel = ui.get("/cases/contact-panel/" + this.customer.id()).body();

		assertThat(page).contains("id=\"contact-timeline\"")
			.contains("id=\"contact-calls\"")
			.contains("id=\"contact-tasks\"")
			.contains("href=\"/contacts/" + this.customer.id() + "/cases/new\"");
		assertThat(panel).contains("Wrong invoice")
			.contains("High")
			.contains("Open")
			.contains(this.agent.agent().displayName())
			.contains("Promised a corrected invoice");
		int taskAt = panel.indexOf("data-task-id=\"" + task.id() + "\"");
		int recentCallAt = panel.indexOf("class=\"entry-head\" data-call-id=\"" + recentCall + "\"");
		int caseAt = panel.indexOf("data-case-id=\"" + billing.id() + "\"");
		int followUpAt = panel.indexOf("data-follow-up-id=\"" + followUp.id() + "\"");
		int oldCallAt = panel.indexOf("class=\"entry-head\" data-call-id=\"" + oldCall + "\"");
		int doneAt = panel.indexOf("data-task-id=\"" + done.id() + "\"");
		assertThat(panel.substring(doneAt)).contains("Check the meter").contains("Done");
		assertThat(List.of(doneAt, taskAt, recentCallAt, caseAt, followUpAt, oldCallAt)).doesNotContain(-1).isSorted();
		assertThat(panel.substring(followUpAt, oldCallAt)).contains("href=\"/calls/" + oldCall + "\"");
		assertThat(panel.substring(caseAt, followUpAt)).contains("href=\"/cases/" + billing.id() + "\"");
	}

	@Test
	void agentOpensACaseFromTheCustomerFileEditsItAndFindsItByItsFilters() {
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		assertThat(ui.get("/contacts/" + this.customer.id() + "/cases/new").body()).contains("id=\"case-form\"");

		HttpResponse<String> created = ui.postForm("/contacts/" + this.customer.id() + "/cases",
				Map.of("subject", "Router broken", "description", "No light at all", "status", "OPEN", "priority",
						"URGENT", "assigneeId", String.valueOf(this.agent.id())));

		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		String detail = ui.get("/cases/" + id).body();
		assertThat(detail).contains("Router broken")
			.contains("No light at all")
			.contains("Urgent")
			.contains("href=\"/contacts/" + this.customer.id() + "\"")
			.doesNotContain("id=\"case-delete\"");

		ui.get("/cases/" + id + "/edit");
		assertThat(ui
			.postForm("/cases/" + id,
					Map.of("subject", "Router replaced", "status", "CLOSED", "priority", "NORMAL", "assigneeId", ""))
			.statusCode()).isEqualTo(302);
		Case edited = this.cases.get(this.tenant, id);
		assertThat(edited.subject()).isEqualTo("Router replaced");
		assertThat(edited.status()).isEqualTo(CaseStatus.CLOSED);
		assertThat(edited.assigneeId()).isNull();
		assertThat(ui.get("/cases?status=CLOSED").body()).contains("data-case-id=\"" + id + "\"");
		assertThat(ui.get("/cases?status=OPEN").body()).doesNotContain("data-case-id=\"" + id + "\"");
		assertThat(ui.get("/cases?customerId=" + this.customer.id()).body()).contains("data-case-id=\"" + id + "\"");
		assertThat(ui.get("/cases?assigneeId=" + this.agent.id()).body()).doesNotContain("data-case-id=\"" + id + "\"");
	}

	@Test
	void refusedCaseAndFollowUpFormsShowTheirErrorsInSpanish() {
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		ui.get("/contacts/" + this.customer.id() + "/cases/new");

		HttpResponse<String> refused = ui.postForm("/contacts/" + this.customer.id() + "/cases",
				Map.of("subject", " ", "status", "OPEN", "priority", "NORMAL"), "Accept-Language", "es");

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("El asunto es obligatorio").contains("Nuevo caso de Lucía Ferrer");
		assertThat(this.cases.forCustomer(this.tenant, this.customer.id())).isEmpty();

		Case open = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Refund", null, null, null, null, List.of()));
		HttpResponse<String> noText = ui.postForm("/cases/" + open.id() + "/follow-ups",
				Map.of("kind", "NOTE", "text", "", "occurredAt", "mañana"), "Accept-Language", "es");
		assertThat(noText.statusCode()).isEqualTo(422);
		assertThat(noText.body()).contains("«mañana» no es una fecha y hora.");
		assertThat(this.followUps.forCase(this.tenant, open.id())).isEmpty();
	}

	@Test
	void followUpIsRecordedWithItsCallAndDeletedOnlyByItsAuthorOrASupervisor() {
		long callId = call(this.customer.id(), Instant.now().minusSeconds(600));
		Case open = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Refund", null, null, null, null, List.of()));
		UiSession author = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		author.get("/cases/" + open.id());

		assertThat(author
			.postForm("/cases/" + open.id() + "/follow-ups", Map.of("kind", "CALL", "text",
					"Customer agreed to a refund", "occurredAt", "2026-01-15T10:30", "callId", String.valueOf(callId)))
			.statusCode()).isEqualTo(302);
		CaseFollowUp recorded = this.followUps.forCase(this.tenant, open.id()).get(0);
		assertThat(recorded.callId()).isEqualTo(callId);
		assertThat(recorded.authorId()).isEqualTo(this.agent.id());
		assertThat(author.get("/cases/" + open.id()).body()).contains("Customer agreed to a refund")
			.contains("href=\"/calls/" + callId + "\"")
			.contains("/follow-ups/" + recorded.id() + "/delete");

		TestUser other = this.data.anyUser(this.tenant, Role.AGENT);
		UiSession otherAgent = UiSession.logIn(this.port, other.username(), other.password());
		assertThat(otherAgent.get("/cases/" + open.id()).body())
			.doesNotContain("/follow-ups/" + recorded.id() + "/delete");
		assertThat(otherAgent.postForm("/cases/" + open.id() + "/follow-ups/" + recorded.id() + "/delete", Map.of())
			.statusCode()).isEqualTo(403);
		assertThat(this.followUps.find(this.tenant, recorded.id())).isPresent();

		assertThat(author.postForm("/cases/" + open.id() + "/follow-ups/" + recorded.id() + "/delete", Map.of())
			.statusCode()).isEqualTo(302);
		assertThat(this.followUps.find(this.tenant, recorded.id())).isEmpty();
	}

	@Test
	void onlySupervisorsDeleteACase() {
		Case open = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Cancel contract", null, null, null, null, List.of()));
		UiSession agentUi = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		agentUi.get("/cases/" + open.id());

		assertThat(agentUi.postForm("/cases/" + open.id() + "/delete", Map.of()).statusCode()).isEqualTo(403);
		assertThat(this.cases.find(this.tenant, open.id())).isPresent();

		UiSession supervisorUi = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password());
		assertThat(supervisorUi.get("/cases/" + open.id()).body()).contains("id=\"case-delete\"");
		HttpResponse<String> deleted = supervisorUi.postForm("/cases/" + open.id() + "/delete", Map.of());
		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(deleted.headers().firstValue("Location").orElseThrow()).endsWith("/contacts/" + this.customer.id());
		assertThat(this.cases.find(this.tenant, open.id())).isEmpty();
	}

	@Test
	void anotherTenantsCasesAndCustomersAreNotFound() {
		Case open = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Private matter", null, null, null, null, List.of()));
		long otherTenant = this.tenants.anyTenant();
		TestUser stranger = this.data.anyUser(otherTenant, Role.ADMIN);
		UiSession ui = UiSession.logIn(this.port, stranger.username(), stranger.password());
		ui.get("/cases");

		HttpResponse<String> page = ui.get("/cases/" + open.id());
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).doesNotContain("Private matter");
		assertThat(ui.get("/cases/contact-panel/" + this.customer.id()).statusCode()).isEqualTo(404);
		assertThat(ui.get("/contacts/" + this.customer.id() + "/cases/new").statusCode()).isEqualTo(404);
		assertThat(ui.get("/cases").body()).doesNotContain("Private matter");
		assertThat(ui.postForm("/cases/" + open.id() + "/follow-ups", Map.of("kind", "NOTE", "text", "x")).statusCode())
			.isEqualTo(404);
		assertThat(ui.postForm("/cases/" + open.id() + "/delete", Map.of()).statusCode()).isEqualTo(404);
		assertThat(this.cases.find(this.tenant, open.id())).isPresent();
	}

	@Test
	void taskIsEditedIntoACaseReopenedAndDeletedFromItsPage() {
		Case open = this.cases.create(this.tenant, this.agent.id(),
				new NewCase(this.customer.id(), "Move the line", null, null, null, null, List.of()));
		Task task = this.tasks.create(this.tenant,
				new Tasks.NewTask("Call the technician", null, null, this.agent.id(), this.customer.id(), null));
		UiSession ui = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		assertThat(ui.get("/tasks/" + task.id() + "/edit").body()).contains("Call the technician")
			.contains("Move the line");

		assertThat(ui
			.postForm("/tasks/" + task.id(),
					Map.of("title", "Call the technician again", "notes", "After 5", "due", "2026-03-01T09:00",
							"assigneeId", String.valueOf(this.agent.id()), "caseId", String.valueOf(open.id())))
			.statusCode()).isEqualTo(302);
		Task edited = this.tasks.get(this.tenant, task.id());
		assertThat(edited.title()).isEqualTo("Call the technician again");
		assertThat(edited.caseId()).isEqualTo(open.id());
		assertThat(edited.dueAt()).isNotNull();
		assertThat(ui.get("/tasks").body()).contains("href=\"/cases/" + open.id() + "\"")
			.contains("Case: Move the line");
		assertThat(ui.get("/cases/" + open.id()).body()).contains("Call the technician again");

		HttpResponse<String> refused = ui.postForm("/tasks/" + task.id(),
				Map.of("title", "", "due", "soon", "caseId", String.valueOf(open.id())));
		assertThat(refused.body()).contains("“soon” is not a date and time.");

		this.tasks.complete(this.tenant, task.id());
		assertThat(ui.postForm("/tasks/" + task.id() + "/reopen", Map.of()).statusCode()).isEqualTo(302);
		assertThat(this.tasks.get(this.tenant, task.id()).open()).isTrue();

		TestUser other = this.data.anyUser(this.tenant, Role.AGENT);
		UiSession otherUi = UiSession.logIn(this.port, other.username(), other.password());
		assertThat(otherUi.postForm("/tasks/" + task.id() + "/delete", Map.of()).statusCode()).isEqualTo(403);
		assertThat(ui.postForm("/tasks/" + task.id() + "/delete", Map.of()).statusCode()).isEqualTo(302);
		assertThat(this.tasks.byIds(this.tenant, List.of(task.id()))).isEmpty();
	}

	private long call(long contactId, Instant startedAt) {
		long account = this.data.sandboxAccount(this.tenant).id();
		Timestamp at = Timestamp.from(startedAt);
		this.jdbc.sql("""
				INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, state, result, started_at,
				  updated_at, contact_id)
				VALUES (?, ?, ?, 'INBOUND', 'ENDED', 'ANSWERED', ?, ?, ?)""")
			.params(this.tenant, account, UUID.randomUUID().toString(), at, at, contactId)
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM calls WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single();
	}

}
