package io.callbridge.records;

import org.jspecify.annotations.Nullable;

/**
 * A task was completed (by its agent, or automatically when what it asked for no longer
 * applies).
 *
 * @param tenantId tenant
 * @param taskId the task
 * @param assigneeId the agent it was assigned to
 * @param contactId the contact it is about
 * @param callId the call it comes from
 */
public record TaskCompleted(long tenantId, long taskId, @Nullable Long assigneeId, @Nullable Long contactId,
		@Nullable Long callId) {
}
