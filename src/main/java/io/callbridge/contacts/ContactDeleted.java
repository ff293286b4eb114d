package io.callbridge.contacts;

/**
 * A contact was deleted. Published inside the deleting transaction, before the row is
 * gone to readers outside it.
 *
 * @param tenantId tenant
 * @param contactId the contact that no longer exists
 */
public record ContactDeleted(long tenantId, long contactId) {
}
