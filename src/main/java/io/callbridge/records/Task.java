package io.callbridge.records;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A follow-up for an agent.
 *
 * @param id id
 * @param title what to do
 * @param notes details
 * @param dueAt when it is due
 * @param assigneeId the agent who should do it
 * @param contactId the contact it is about
 * @param callId the call it comes from
 * @param open whether it is still to do
 * @param createdAt creation time
 * @param completedAt completion time
 * @param completionNote why it was completed automatically, in the reader's language
 * ({@code null} when a person completed it)
 * @param caseId the case it belongs to (then contactId is the case's customer)
 */
public record Task(long id, String title, @Nullable String notes, @Nullable Instant dueAt, @Nullable Long assigneeId,
		@Nullable Long contactId, @Nullable Long callId, boolean open, Instant createdAt, @Nullable Instant completedAt,
		@Nullable String completionNote, @Nullable Long caseId) {
}
