package io.callbridge.records;

/**
 * A case was deleted, with its follow-ups. Published inside the transaction that stores
 * it.
 *
 * @param tenantId tenant
 * @param caseId the case
 * @param customerId the contact the case belongs to
 */
public record CaseDeleted(long tenantId, long caseId, long customerId) {
}
