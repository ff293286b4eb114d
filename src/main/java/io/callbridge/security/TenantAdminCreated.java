package io.callbridge.security;

/**
 * A tenant got its first admin: on the first start of a fresh install, or when an
 * operator created the tenant. Published inside the creating transaction, so that other
 * modules can equip the admin (the sandbox gives them an extension) atomically with it.
 *
 * @param tenantId the tenant
 * @param agentId the admin's agent id
 */
public record TenantAdminCreated(long tenantId, long agentId) {
}
