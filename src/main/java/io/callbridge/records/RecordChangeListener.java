package io.callbridge.records;

import io.callbridge.contacts.ContactChanged;
import io.callbridge.contacts.ContactCreated;
import io.callbridge.contacts.ContactDeleted;
import io.callbridge.contacts.ContactsImported;
import io.callbridge.records.RecordChangeLog.ChangeKind;
import io.callbridge.records.RecordChangeLog.RecordType;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes each change of a customer, case, follow-up or task into the change feed. Plain
 * synchronous listeners: the feed row is stored in the transaction that stores the
 * change, so it commits or rolls back with it.
 */
@Component
class RecordChangeListener {

	private final RecordChangeLog log;

	RecordChangeListener(RecordChangeLog log) {
		this.log = log;
	}

	@EventListener
	void on(ContactCreated event) {
		this.log.record(event.tenantId(), RecordType.CUSTOMER, event.contactId(), ChangeKind.CREATED, null, null);
	}

	@EventListener
	void on(ContactChanged event) {
		this.log.record(event.tenantId(), RecordType.CUSTOMER, event.contactId(), ChangeKind.UPDATED, null, null);
	}

	// A bulk import: the created contacts in one go, the updated ones as single changes.
	@EventListener
	void on(ContactsImported event) {
		this.log.recordCreated(event.tenantId(), RecordType.CUSTOMER, event.created());
		event.updated()
			.forEach(
					(id) -> this.log.record(event.tenantId(), RecordType.CUSTOMER, id, ChangeKind.UPDATED, null, null));
	}

	@EventListener
	void on(ContactDeleted event) {
		this.log.record(event.tenantId(), RecordType.CUSTOMER, event.contactId(), ChangeKind.DELETED, null, null);
	}

	@EventListener
	void on(CaseCreated event) {
		this.log.record(event.tenantId(), RecordType.CASE, event.caseId(), ChangeKind.CREATED, event.customerId(),
				null);
	}

	@EventListener
	void on(CaseChanged event) {
		this.log.record(event.tenantId(), RecordType.CASE, event.caseId(), ChangeKind.UPDATED, event.customerId(),
				null);
	}

	@EventListener
	void on(CaseDeleted event) {
		this.log.record(event.tenantId(), RecordType.CASE, event.caseId(), ChangeKind.DELETED, event.customerId(),
				null);
	}

	@EventListener
	void on(CaseFollowUpCreated event) {
		this.log.record(event.tenantId(), RecordType.FOLLOW_UP, event.followUpId(), ChangeKind.CREATED,
				event.customerId(), event.caseId());
	}

	@EventListener
	void on(CaseFollowUpDeleted event) {
		this.log.record(event.tenantId(), RecordType.FOLLOW_UP, event.followUpId(), ChangeKind.DELETED,
				event.customerId(), event.caseId());
	}

	@EventListener
	void on(TaskCreated event) {
		this.log.record(event.tenantId(), RecordType.TASK, event.taskId(), ChangeKind.CREATED, event.contactId(), null);
	}

	// Completion publishes TaskChanged as well as TaskCompleted; the feed follows the
	// former.
	@EventListener
	void on(TaskChanged event) {
		this.log.record(event.tenantId(), RecordType.TASK, event.taskId(), ChangeKind.UPDATED, event.contactId(),
				event.caseId());
	}

	@EventListener
	void on(TaskDeleted event) {
		this.log.record(event.tenantId(), RecordType.TASK, event.taskId(), ChangeKind.DELETED, event.contactId(),
				event.caseId());
	}

}
