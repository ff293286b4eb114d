package io.callbridge.contacts;

/**
 * A contact's details or phone numbers changed. Published inside the transaction that
 * stores the change.
 *
 * @param tenantId tenant
 * @param contactId the contact
 */
public record ContactChanged(long tenantId, long contactId) {
}
