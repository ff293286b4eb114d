package io.callbridge.records;

/**
 * A case was opened for a customer. Published inside the transaction that stores it.
 *
 * @param tenantId tenant
 * @param caseId the case
 * @param customerId the contact the case belongs to
 */
public record CaseCreated(long tenantId, long caseId, long customerId) {
}
