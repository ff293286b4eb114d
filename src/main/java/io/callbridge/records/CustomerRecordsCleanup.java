package io.callbridge.records;

import io.callbridge.contacts.ContactDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a customer (contact) is deleted, deletes what belongs to it in the same
 * transaction: its tasks, then its cases with their follow-ups, each with its own
 * deletion event (so the change feed and the webhooks report every tombstone).
 */
@Component
class CustomerRecordsCleanup {

	private final Tasks tasks;

	private final Cases cases;

	CustomerRecordsCleanup(Tasks tasks, Cases cases) {
		this.tasks = tasks;
		this.cases = cases;
	}

	@EventListener
	void on(ContactDeleted event) {
		this.tasks.deleteAllOf(event.tenantId(), event.contactId());
		this.cases.deleteAllOf(event.tenantId(), event.contactId());
	}

}
