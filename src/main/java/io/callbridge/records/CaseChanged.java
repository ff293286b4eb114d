package io.callbridge.records;

/**
 * A case changed (subject, description, status, priority, assignee or linked calls).
 * Published inside the transaction that stores it.
 *
 * @param tenantId tenant
 * @param caseId the case
 * @param customerId the contact the case belongs to
 */
public record CaseChanged(long tenantId, long caseId, long customerId) {
}
