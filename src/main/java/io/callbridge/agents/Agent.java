package io.callbridge.agents;

import io.callbridge.shared.Role;
import org.jspecify.annotations.Nullable;

/**
 * A user of a tenant. Every user can take calls once given an extension; the role says
 * what else they may do.
 *
 * @param id user id
 * @param tenantId owning tenant
 * @param username login name, unique within the tenant
 * @param displayName name shown to others
 * @param email e-mail address
 * @param role what the user may do
 * @param enabled whether the user may log in
 * @param defaultResponsible whether this is the tenant's default responsible agent
 * @param externalId the id an external CRM uses for this agent
 */
public record Agent(long id, long tenantId, String username, String displayName, @Nullable String email, Role role,
		boolean enabled, boolean defaultResponsible, @Nullable String externalId) {
}
