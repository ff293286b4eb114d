package io.callbridge.webhooks;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.Task;
import io.callbridge.records.CaseFollowUps;
import io.callbridge.records.Cases;
import io.callbridge.records.Tasks;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Builds the {@code data} of each message from the owning modules' public APIs (never
 * their tables), read inside the transaction of the change, so the data is the record as
 * that change left it.
 */
@Component
class WebhookPayloads {

	private final Calls calls;

	private final Contacts contacts;

	private final Tasks tasks;

	private final Cases cases;

	private final CaseFollowUps followUps;

	WebhookPayloads(Calls calls, Contacts contacts, Tasks tasks, Cases cases, CaseFollowUps followUps) {
		this.cases = cases;
		this.followUps = followUps;
		this.calls = calls;
		this.contacts = contacts;
		this.tasks = tasks;
	}

	CallWebhookData call(long tenantId, long callId, long version, @Nullable Long rangAgentId,
			@Nullable String previousResult) {
		return call(this.calls.get(tenantId, callId), version, rangAgentId, previousResult, null, null);
	}

	CallWebhookData disposition(long tenantId, long callId, CallWebhookData.DispositionData disposition) {
		Call call = this.calls.get(tenantId, callId);
		return call(call, call.version(), null, null, disposition, null);
	}

	CallWebhookData recording(long tenantId, long callId) {
		Call call = this.calls.get(tenantId, callId);
		return call(call, call.version(), null, null, null, true);
	}

	RecordWebhookData customer(long tenantId, long contactId, boolean snapshot) {
		RecordWebhookData.CustomerSnapshot customer = snapshot
				? this.contacts.find(tenantId, contactId).map(WebhookPayloads::customer).orElse(null) : null;
		return new RecordWebhookData(1, contactId, null, null, null, customer, null, null, null);
	}

	RecordWebhookData caseOf(long tenantId, long caseId, long customerId, boolean snapshot) {
		RecordWebhookData.CaseSnapshot snapshotOf = snapshot ? this.cases.find(tenantId, caseId)
			.map((c) -> new RecordWebhookData.CaseSnapshot(c.id(), c.customerId(), c.subject(), c.description(),
					c.status().name(), c.priority().name(), c.assigneeId(), c.callIds(), c.createdAt(), c.updatedAt()))
			.orElse(null) : null;
		return new RecordWebhookData(1, customerId, caseId, null, null, null, null, snapshotOf, null);
	}

	RecordWebhookData followUp(long tenantId, long followUpId, long caseId, long customerId, boolean snapshot) {
		RecordWebhookData.FollowUpSnapshot snapshotOf = snapshot ? this.followUps.find(tenantId, followUpId)
			.map((f) -> new RecordWebhookData.FollowUpSnapshot(f.id(), f.caseId(), f.kind().name(), f.text(),
					f.occurredAt(), f.authorId(), f.callId()))
			.orElse(null) : null;
		return new RecordWebhookData(1, customerId, caseId, followUpId, null, null, null, null, snapshotOf);
	}

	RecordWebhookData task(long tenantId, long taskId, @Nullable Long contactId, @Nullable Long caseId,
			boolean snapshot) {
		RecordWebhookData.TaskSnapshot task = snapshot
				? this.tasks.find(tenantId, taskId).map(WebhookPayloads::task).orElse(null) : null;
		return new RecordWebhookData(1, contactId, caseId, null, taskId, null, task, null, null);
	}

	private static CallWebhookData call(Call call, long version, @Nullable Long rangAgentId,
			@Nullable String previousResult, CallWebhookData.@Nullable DispositionData disposition,
			@Nullable Boolean recording) {
		return new CallWebhookData(1, call.id(), version, call.direction().name(), call.externalNumber(),
				call.ourLine(), call.state().name(), (call.result() != null) ? call.result().name() : null,
				previousResult, call.startedAt(), call.answeredAt(), call.endedAt(), call.ringSeconds(),
				call.talkSeconds(), call.totalSeconds(), call.agentId(), rangAgentId, call.contactId(), disposition,
				recording);
	}

	private static RecordWebhookData.CustomerSnapshot customer(Contact contact) {
		return new RecordWebhookData.CustomerSnapshot(contact.id(), contact.name(), contact.company(), contact.email(),
				contact.phones(), contact.tags(), contact.responsibleId(), contact.externalId(), contact.createdAt(),
				contact.updatedAt());
	}

	private static RecordWebhookData.TaskSnapshot task(Task task) {
		return new RecordWebhookData.TaskSnapshot(task.id(), task.title(), task.notes(), task.dueAt(),
				task.assigneeId(), task.callId(), task.open(), task.createdAt(), task.completedAt());
	}

}
