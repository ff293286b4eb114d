package io.callbridge.records;

import org.jspecify.annotations.Nullable;

/**
 * A task was created (by a person or by a call-handling rule).
 *
 * @param tenantId tenant
 * @param taskId the task
 * @param assigneeId the agent it is assigned to
 * @param contactId the contact it is about
 * @param callId the call it comes from
 */
public record TaskCreated(long tenantId, long taskId, @Nullable Long assigneeId, @Nullable Long contactId,
		@Nullable Long callId) {
}
