package io.callbridge.records;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The request bodies of the records API as the OpenAPI document shows them. The
 * controllers read bodies as JSON trees (to name a mistyped field in a 422 problem and to
 * tell an absent field from a {@code null} one in a PATCH), so these records only
 * describe them.
 */
final class ApiBodies {

	private ApiBodies() {
	}

	/**
	 * A case as submitted.
	 *
	 * @param subject what it is about (required, at most 200 characters)
	 * @param description details (at most 4000 characters)
	 * @param status OPEN, PENDING or CLOSED
	 * @param priority LOW, NORMAL, HIGH or URGENT
	 * @param assigneeId an agent of the tenant
	 * @param callIds calls to link (when opening a case)
	 */
	record CaseBody(@Nullable String subject, @Nullable String description, @Nullable String status,
			@Nullable String priority, @Nullable Long assigneeId, @Nullable List<Long> callIds) {
	}

	/**
	 * A follow-up as submitted.
	 *
	 * @param kind CALL, EMAIL, NOTE or VISIT (required)
	 * @param text what happened (required, at most 4000 characters)
	 * @param occurredAt when it happened (default now)
	 * @param callId the call it records
	 */
	record FollowUpBody(@Nullable String kind, @Nullable String text, @Nullable Instant occurredAt,
			@Nullable Long callId) {
	}

	/**
	 * A task's new values.
	 *
	 * @param title what to do (required, at most 300 characters)
	 * @param notes details (at most 4000 characters)
	 * @param dueAt due time
	 * @param assigneeId agent
	 * @param contactId contact
	 * @param caseId case of the same customer
	 */
	record TaskBody(@Nullable String title, @Nullable String notes, @Nullable Instant dueAt, @Nullable Long assigneeId,
			@Nullable Long contactId, @Nullable Long caseId) {
	}

	/**
	 * A call to link to a case.
	 *
	 * @param callId a call of the tenant
	 */
	record CallLinkBody(long callId) {
	}

}
