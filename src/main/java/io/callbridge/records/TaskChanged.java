package io.callbridge.records;

import org.jspecify.annotations.Nullable;

/**
 * A task changed (edited, completed or reopened). Published inside the transaction that
 * stores it.
 *
 * @param tenantId tenant
 * @param taskId the task
 * @param contactId the contact it is about, if any
 * @param caseId the case it belongs to, if any
 */
public record TaskChanged(long tenantId, long taskId, @Nullable Long contactId, @Nullable Long caseId) {
}
