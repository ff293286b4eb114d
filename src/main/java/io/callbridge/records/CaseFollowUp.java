package io.callbridge.records;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A dated interaction recorded on a case (VCC's follow-up): created and deleted, never
 * edited.
 *
 * @param id id (VCC's Followup ID)
 * @param caseId the case it belongs to
 * @param customerId the contact the case belongs to
 * @param kind call, e-mail, note or visit
 * @param text what happened
 * @param occurredAt when it happened
 * @param authorId the user who recorded it ({@code null} once that user is gone)
 * @param callId the call it records, if any
 * @param createdAt when it was recorded
 */
public record CaseFollowUp(long id, long caseId, long customerId, FollowUpKind kind, String text, Instant occurredAt,
		@Nullable Long authorId, @Nullable Long callId, Instant createdAt) {
}
