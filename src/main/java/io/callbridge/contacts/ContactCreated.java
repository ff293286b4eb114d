package io.callbridge.contacts;

/**
 * A contact (VCC's customer) was created. Published inside the transaction that stores
 * it, so listeners that write in that transaction (change feed, webhook outbox) commit or
 * roll back with it.
 *
 * @param tenantId tenant
 * @param contactId the contact (the customer's Account ID)
 */
public record ContactCreated(long tenantId, long contactId) {
}
