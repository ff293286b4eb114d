package io.callbridge.records;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A case of a customer (VCC's case): what the customer needs, tracked until closed.
 *
 * @param id id (VCC's Case ID)
 * @param customerId the contact it belongs to (VCC's Account ID)
 * @param subject what it is about
 * @param description details
 * @param status open, pending or closed
 * @param priority how urgent it is
 * @param assigneeId the agent working on it
 * @param createdById the user who opened it ({@code null} once that user is gone)
 * @param callIds the calls linked to it, oldest link first
 * @param createdAt when it was opened
 * @param updatedAt its last change
 */
public record Case(long id, long customerId, String subject, @Nullable String description, CaseStatus status,
		CasePriority priority, @Nullable Long assigneeId, @Nullable Long createdById, List<Long> callIds,
		Instant createdAt, Instant updatedAt) {

	public Case {
		callIds = List.copyOf(callIds);
	}

}
