package io.callbridge.tenants;

/**
 * Published when a new tenant has been created, so other modules can give it their
 * defaults.
 *
 * @param tenantId the new tenant's id
 */
public record TenantCreated(long tenantId) {
}
