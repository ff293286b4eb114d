package io.callbridge.records;

/**
 * A case follow-up (a dated interaction: call, e-mail, note, visit) was added to a case
 * (follow-ups are created and deleted, never edited). Published inside the transaction
 * that stores it.
 *
 * @param tenantId tenant
 * @param followUpId the follow-up
 * @param caseId the case it belongs to
 * @param customerId the contact the case belongs to
 */
public record CaseFollowUpCreated(long tenantId, long followUpId, long caseId, long customerId) {
}
