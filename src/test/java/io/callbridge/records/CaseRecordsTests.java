package io.callbridge.records;

import java.util.List;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.records.CaseFollowUps.NewFollowUp;
import io.callbridge.records.Cases.CaseEdit;
import io.callbridge.records.Cases.NewCase;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cases, follow-ups and tasks through their services: the delete rules (a case takes its
 * follow-ups, a customer takes its tasks and cases), each change in the change feed, and
 * a rolled-back change leaving nothing behind.
 */
@IntegrationTest
class CaseRecordsTests {

	@Autowired
	Cases cases;

	@Autowired
	CaseFollowUps followUps;

	@Autowired
	Tasks tasks;

	@Autowired
	ContactService contactService;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	private long tenant;

	private TestUser agent;

	private Contact customer;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.customer = this.data.anyContact(this.tenant, "Marta Ruiz", "+34911000001");
	}

	@Test
	void opensACaseWithDefaultsAndRecordsFollowUps() {
		Case opened = open("Router broken");

		CaseFollowUp note = this.followUps.create(this.tenant, opened.id(), this.agent.id(),
				new NewFollowUp(FollowUpKind.NOTE, "Asked for the serial number", null, null));

		assertThat(opened.status()).isEqualTo(CaseStatus.OPEN);
		assertThat(opened.priority()).isEqualTo(CasePriority.NORMAL);
		assertThat(opened.createdById()).isEqualTo(this.agent.id());
		assertThat(note.customerId()).isEqualTo(this.customer.id());
		assertThat(this.followUps.forCase(this.tenant, opened.id())).extracting(CaseFollowUp::id)
			.containsExactly(note.id());
	}

	@Test
	void refusesACaseWithoutSubjectNamingTheField() {
		assertThatThrownBy(() -> open(" ")).isInstanceOfSatisfying(Problems.InvalidInput.class,
				(invalid) -> assertThat(invalid.errors()).extracting(Problems.FieldError::field)
					.containsExactly("subject"));
	}

	@Test
	void editingACaseWithTheSameValuesChangesNothing() {
		Case opened = open("Invoice wrong");
		long created = seqOf("CASE", opened.id());

		this.cases.update(this.tenant, opened.id(), CaseEdit.of(opened));
		long unchanged = seqOf("CASE", opened.id());
		Case changed = this.cases.update(this.tenant, opened.id(),
				new CaseEdit("Invoice wrong", "March", CaseStatus.PENDING, CasePriority.HIGH, this.agent.id()));

		assertThat(changed.status()).isEqualTo(CaseStatus.PENDING);
		assertThat(changed.assigneeId()).isEqualTo(this.agent.id());
		assertThat(unchanged).isEqualTo(created);
		assertThat(change("CASE", opened.id())).isEqualTo("UPDATED");
	}

	@Test
	void deletingACaseDeletesItsFollowUpsAndKeepsItsTasksWithTheCustomer() {
		Case opened = open("Delivery late");
		CaseFollowUp call = this.followUps.create(this.tenant, opened.id(), this.agent.id(),
				new NewFollowUp(FollowUpKind.CALL, "Called the courier", null, null));
		Task task = this.tasks.create(this.tenant,
				new Tasks.NewTask("Call back", null, null, this.agent.id(), null, null, opened.id()));

		this.cases.delete(this.tenant, opened.id());

		assertThat(task.contactId()).isEqualTo(this.customer.id());
		assertThat(this.followUps.find(this.tenant, call.id())).isEmpty();
		assertThat(this.tasks.get(this.tenant, task.id()).caseId()).isNull();
		assertThat(this.tasks.get(this.tenant, task.id()).contactId()).isEqualTo(this.customer.id());
		assertThat(change("FOLLOW_UP", call.id())).isEqualTo("DELETED");
		assertThat(change("CASE", opened.id())).isEqualTo("DELETED");
		assertThat(change("TASK", task.id())).isEqualTo("UPDATED");
	}

	@Test
	void deletingACustomerDeletesItsTasksCasesAndFollowUpsWithTombstones() {
		Case opened = open("Wants a refund");
		CaseFollowUp visit = this.followUps.create(this.tenant, opened.id(), this.agent.id(),
				new NewFollowUp(FollowUpKind.VISIT, "Visited the shop", null, null));
		Task task = this.tasks.create(this.tenant,
				new Tasks.NewTask("Send form", null, null, this.agent.id(), this.customer.id(), null));

		this.contactService.delete(this.tenant, this.customer.id());

		assertThat(this.cases.find(this.tenant, opened.id())).isEmpty();
		assertThat(this.followUps.find(this.tenant, visit.id())).isEmpty();
		assertThat(this.tasks.byIds(this.tenant, List.of(task.id()))).isEmpty();
		assertThat(change("CUSTOMER", this.customer.id())).isEqualTo("DELETED");
		assertThat(change("CASE", opened.id())).isEqualTo("DELETED");
		assertThat(change("FOLLOW_UP", visit.id())).isEqualTo("DELETED");
		assertThat(change("TASK", task.id())).isEqualTo("DELETED");
	}

	@Test
	void refusesATaskWhoseCaseBelongsToAnotherCustomer() {
		Case opened = open("Other customer's case");
		Contact other = this.data.anyContact(this.tenant, "Pablo Gil", "+34911000002");

		assertThatThrownBy(() -> this.tasks.create(this.tenant,
				new Tasks.NewTask("Mixed", null, null, this.agent.id(), other.id(), null, opened.id())))
			.isInstanceOfSatisfying(Problems.InvalidInput.class,
					(invalid) -> assertThat(invalid.errors()).extracting(Problems.FieldError::field)
						.containsExactly("caseId"));
	}

	@Test
	void aRolledBackChangeLeavesNoChangeFeedRow() {
		long before = feedRows();

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			Contact created = this.contactService.create(this.tenant,
					new ContactCommand("Rolled Back", null, null, null, null, null, List.of(), List.of()));
			open(created.id(), "Never stored");
			assertThat(feedRows()).as("feed rows inside the transaction").isEqualTo(before + 2);
			throw new IllegalStateException("the caller fails after storing");
		})).isInstanceOf(IllegalStateException.class);

		assertThat(feedRows()).isEqualTo(before);
	}

	@Test
	void completingAndEditingATaskAreChangesOfTheTask() {
		Task task = this.tasks.create(this.tenant,
				new Tasks.NewTask("Call back", null, null, this.agent.id(), this.customer.id(), null));
		long created = seqOf("TASK", task.id());

		this.tasks.complete(this.tenant, task.id());
		long completed = seqOf("TASK", task.id());
		Task edited = this.tasks.update(this.tenant, task.id(),
				new Tasks.TaskEdit("Call back today", "urgent", null, this.agent.id(), this.customer.id(), null));
		Task reopened = this.tasks.reopen(this.tenant, task.id());

		assertThat(completed).isGreaterThan(created);
		assertThat(seqOf("TASK", task.id())).isGreaterThan(completed);
		assertThat(edited.title()).isEqualTo("Call back today");
		assertThat(reopened.open()).isTrue();
		assertThat(change("TASK", task.id())).isEqualTo("UPDATED");
	}

	@Test
	void recordsACallOnACaseInOneStep() {
		Case opened = open("Called about the invoice");
		long call = call();

		CaseFollowUp recorded = this.cases.recordCall(this.tenant, opened.id(), this.agent.id(), call,
				"Explained the invoice");

		assertThat(recorded.kind()).isEqualTo(FollowUpKind.CALL);
		assertThat(recorded.callId()).isEqualTo(call);
		assertThat(this.cases.get(this.tenant, opened.id()).callIds()).containsExactly(call);
		assertThat(this.cases.forCall(this.tenant, call)).extracting(Case::id).containsExactly(opened.id());
		assertThatThrownBy(() -> this.cases.recordCall(this.tenant, opened.id(), this.agent.id(), call, " "))
			.isInstanceOf(Problems.InvalidInput.class);
		assertThat(this.followUps.forCase(this.tenant, opened.id())).hasSize(1);
	}

	private long call() {
		long account = this.data.sandboxAccount(this.tenant).id();
		java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
		this.jdbc.sql("""
				INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, state, started_at, updated_at)
				VALUES (?, ?, ?, 'INBOUND', 'ENDED', ?, ?)""")
			.params(this.tenant, account, java.util.UUID.randomUUID().toString(), now, now)
			.update();
		return this.jdbc.sql("SELECT MAX(id) FROM calls WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single();
	}

	private Case open(String subject) {
		return open(this.customer.id(), subject);
	}

	private Case open(long customerId, String subject) {
		return this.cases.create(this.tenant, this.agent.id(),
				new NewCase(customerId, subject, null, null, null, null, List.of()));
	}

	private long feedRows() {
		return this.jdbc.sql("SELECT COUNT(*) FROM record_changes WHERE tenant_id = ?")
			.param(this.tenant)
			.query(Long.class)
			.single();
	}

	private String change(String type, long id) {
		return this.jdbc
			.sql("SELECT change_kind FROM record_changes WHERE tenant_id = ? AND record_type = ? AND record_id = ?")
			.params(this.tenant, type, id)
			.query(String.class)
			.single();
	}

	private long seqOf(String type, long id) {
		return this.jdbc.sql("SELECT seq FROM record_changes WHERE tenant_id = ? AND record_type = ? AND record_id = ?")
			.params(this.tenant, type, id)
			.query(Long.class)
			.single();
	}

}
