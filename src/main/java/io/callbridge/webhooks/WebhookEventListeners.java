package io.callbridge.webhooks;

import java.util.function.Supplier;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallDispositionSaved;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.contacts.ContactChanged;
import io.callbridge.contacts.ContactCreated;
import io.callbridge.contacts.ContactsImported;
import io.callbridge.contacts.ContactDeleted;
import io.callbridge.recordings.CallRecordingAvailable;
import io.callbridge.records.CaseChanged;
import io.callbridge.records.CaseCreated;
import io.callbridge.records.CaseDeleted;
import io.callbridge.records.CaseFollowUpCreated;
import io.callbridge.records.CaseFollowUpDeleted;
import io.callbridge.records.TaskChanged;
import io.callbridge.records.TaskCreated;
import io.callbridge.records.TaskDeleted;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the facts other modules publish into outbox messages, synchronously, inside the
 * transaction that stores the change: the message commits or rolls back with it. When no
 * enabled endpoint of the tenant receives the type, nothing is read or written beyond one
 * query per transaction.
 */
@Component
class WebhookEventListeners {

	private final WebhookOutbox outbox;

	private final WebhookPayloads payloads;

	WebhookEventListeners(WebhookOutbox outbox, WebhookPayloads payloads) {
		this.outbox = outbox;
		this.payloads = payloads;
	}

	@EventListener
	void on(CallRang event) {
		call(event.tenantId(), "call.ringing", event.callId(),
				() -> this.payloads.call(event.tenantId(), event.callId(), event.version(), event.agentId(), null));
	}

	@EventListener
	void on(CallAnswered event) {
		call(event.tenantId(), "call.answered", event.callId(),
				() -> this.payloads.call(event.tenantId(), event.callId(), event.version(), null, null));
	}

	@EventListener
	void on(CallEnded event) {
		call(event.tenantId(), "call.completed", event.callId(),
				() -> this.payloads.call(event.tenantId(), event.callId(), event.version(), null, null));
	}

	@EventListener
	void on(CallResultCorrected event) {
		call(event.tenantId(), "call.result_corrected", event.callId(), () -> this.payloads.call(event.tenantId(),
				event.callId(), event.version(), null, event.previousResult().name()));
	}

	@EventListener
	void on(CallDispositionSaved event) {
		call(event.tenantId(), "call.disposition_saved", event.callId(),
				() -> this.payloads.disposition(event.tenantId(), event.callId(),
						new CallWebhookData.DispositionData(event.outcome(), event.agentId(), event.notes(),
								event.chargeAmount(), event.chargeCurrency())));
	}

	@EventListener
	void on(CallRecordingAvailable event) {
		call(event.tenantId(), "call.recording_ready", event.callId(),
				() -> this.payloads.recording(event.tenantId(), event.callId()));
	}

	@EventListener
	void on(ContactCreated event) {
		customer(event.tenantId(), "customer.created", event.contactId(), true);
	}

	@EventListener
	void on(ContactChanged event) {
		customer(event.tenantId(), "customer.updated", event.contactId(), true);
	}

	// A bulk import: the same deliveries as one ContactCreated / ContactChanged per
	// contact,
	// asked for once per batch (a tenant without such webhooks pays nothing per contact).
	@EventListener
	void on(ContactsImported event) {
		if (this.outbox.wants(event.tenantId(), "customer.created")) {
			event.created().forEach((id) -> customer(event.tenantId(), "customer.created", id, true));
		}
		if (this.outbox.wants(event.tenantId(), "customer.updated")) {
			event.updated().forEach((id) -> customer(event.tenantId(), "customer.updated", id, true));
		}
	}

	@EventListener
	void on(ContactDeleted event) {
		customer(event.tenantId(), "customer.deleted", event.contactId(), false);
	}

	@EventListener
	void on(CaseCreated event) {
		caseChange(event.tenantId(), "case.created", event.caseId(), event.customerId(), true);
	}

	@EventListener
	void on(CaseChanged event) {
		caseChange(event.tenantId(), "case.updated", event.caseId(), event.customerId(), true);
	}

	@EventListener
	void on(CaseDeleted event) {
		caseChange(event.tenantId(), "case.deleted", event.caseId(), event.customerId(), false);
	}

	@EventListener
	void on(CaseFollowUpCreated event) {
		followUp(event.tenantId(), "followup.created", event.followUpId(), event.caseId(), event.customerId(), true);
	}

	@EventListener
	void on(CaseFollowUpDeleted event) {
		followUp(event.tenantId(), "followup.deleted", event.followUpId(), event.caseId(), event.customerId(), false);
	}

	@EventListener
	void on(TaskCreated event) {
		task(event.tenantId(), "task.created", event.taskId(), event.contactId(), null, true);
	}

	@EventListener
	void on(TaskChanged event) {
		task(event.tenantId(), "task.updated", event.taskId(), event.contactId(), event.caseId(), true);
	}

	@EventListener
	void on(TaskDeleted event) {
		task(event.tenantId(), "task.deleted", event.taskId(), event.contactId(), event.caseId(), false);
	}

	private void call(long tenantId, String type, long callId, Supplier<CallWebhookData> data) {
		if (this.outbox.wants(tenantId, type)) {
			this.outbox.enqueue(tenantId, type, "call:" + callId, data.get(), null);
		}
	}

	private void customer(long tenantId, String type, long contactId, boolean snapshot) {
		if (this.outbox.wants(tenantId, type)) {
			this.outbox.enqueue(tenantId, type, "customer:" + contactId,
					this.payloads.customer(tenantId, contactId, snapshot), TriggerQueries.customer(contactId));
		}
	}

	private void caseChange(long tenantId, String type, long caseId, long customerId, boolean snapshot) {
		if (this.outbox.wants(tenantId, type)) {
			this.outbox.enqueue(tenantId, type, "case:" + caseId,
					this.payloads.caseOf(tenantId, caseId, customerId, snapshot),
					TriggerQueries.caseOf(customerId, caseId));
		}
	}

	private void followUp(long tenantId, String type, long followUpId, long caseId, long customerId, boolean snapshot) {
		if (this.outbox.wants(tenantId, type)) {
			this.outbox.enqueue(tenantId, type, "followup:" + followUpId,
					this.payloads.followUp(tenantId, followUpId, caseId, customerId, snapshot),
					TriggerQueries.followUp(customerId, caseId, followUpId));
		}
	}

	private void task(long tenantId, String type, long taskId, @Nullable Long contactId, @Nullable Long caseId,
			boolean snapshot) {
		if (this.outbox.wants(tenantId, type)) {
			this.outbox.enqueue(tenantId, type, "task:" + taskId,
					this.payloads.task(tenantId, taskId, contactId, caseId, snapshot),
					TriggerQueries.task(contactId, taskId));
		}
	}

}
