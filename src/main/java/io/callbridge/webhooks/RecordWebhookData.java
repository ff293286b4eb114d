package io.callbridge.webhooks;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of every {@code customer.*}, {@code case.*}, {@code followup.*} and
 * {@code task.*} message (schema version 1): the ids of the record and those it belongs
 * to (the same as a CRM trigger's formatted string), and for a created or updated
 * customer or task a snapshot of it as it is after the change. A deleted record has no
 * snapshot.
 *
 * @param schemaVersion 1
 * @param customerId the customer (contact): the record itself, or the one it belongs to
 * @param caseId the case, for cases and follow-ups (and a task in a case)
 * @param followUpId the follow-up
 * @param taskId the task
 * @param customer for {@code customer.created/updated}: the customer now
 * @param task for {@code task.created/updated}: the task now
 */
public record RecordWebhookData(int schemaVersion, @Nullable Long customerId, @Nullable Long caseId,
		@Nullable Long followUpId, @Nullable Long taskId, @Nullable CustomerSnapshot customer,
		@Nullable TaskSnapshot task, @Nullable CaseSnapshot caseRecord, @Nullable FollowUpSnapshot followUp) {

	/**
	 * A case as stored.
	 *
	 * @param id id (VCC's Case ID)
	 * @param customerId the customer it belongs to
	 * @param subject subject
	 * @param description description
	 * @param status OPEN, PENDING or CLOSED
	 * @param priority LOW, NORMAL, HIGH or URGENT
	 * @param assigneeId the agent in charge
	 * @param callIds the calls linked to it
	 * @param createdAt creation
	 * @param updatedAt last change
	 */
	public record CaseSnapshot(long id, long customerId, String subject, @Nullable String description, String status,
			String priority, @Nullable Long assigneeId, List<Long> callIds, Instant createdAt, Instant updatedAt) {
	}

	/**
	 * A case follow-up as stored (never edited).
	 *
	 * @param id id (VCC's Followup ID)
	 * @param caseId the case
	 * @param kind CALL, EMAIL, NOTE or VISIT
	 * @param text what happened
	 * @param occurredAt when it happened
	 * @param authorId who recorded it
	 * @param callId the call it records
	 */
	public record FollowUpSnapshot(long id, long caseId, String kind, String text, Instant occurredAt,
			@Nullable Long authorId, @Nullable Long callId) {
	}

	/**
	 * A customer (contact) as stored.
	 *
	 * @param id id (VCC's Account ID)
	 * @param name name
	 * @param company company
	 * @param email e-mail
	 * @param phones phone numbers in E.164, the main one first
	 * @param tags tags
	 * @param responsibleId the responsible agent
	 * @param externalId the id an external CRM gives it
	 * @param createdAt creation
	 * @param updatedAt last change
	 */
	public record CustomerSnapshot(long id, String name, @Nullable String company, @Nullable String email,
			List<String> phones, List<String> tags, @Nullable Long responsibleId, @Nullable String externalId,
			Instant createdAt, Instant updatedAt) {
	}

	/**
	 * A task as stored.
	 *
	 * @param id id
	 * @param title what to do
	 * @param notes details
	 * @param dueAt when it is due
	 * @param assigneeId the agent who should do it
	 * @param callId the call it comes from
	 * @param open whether it is still to do
	 * @param createdAt creation
	 * @param completedAt completion
	 */
	public record TaskSnapshot(long id, String title, @Nullable String notes, @Nullable Instant dueAt,
			@Nullable Long assigneeId, @Nullable Long callId, boolean open, Instant createdAt,
			@Nullable Instant completedAt) {
	}

}
