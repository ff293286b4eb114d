package io.callbridge.agents;

import io.callbridge.shared.Role;
import org.jspecify.annotations.Nullable;

/**
 * What an admin submits to create or change an agent.
 *
 * @param username login name (letters, digits, {@code . _ - @}, 3 to 100 characters)
 * @param displayName name shown to others
 * @param email e-mail address
 * @param role role
 * @param password new password (at least 8 characters); on update {@code null} keeps the
 * current one
 * @param enabled whether the user may log in
 * @param externalId the id an external CRM uses for this agent, unique in the tenant
 */
public record AgentCommand(String username, String displayName, @Nullable String email, Role role,
		@Nullable String password, boolean enabled, @Nullable String externalId) {

	@Override
	public String toString() {
		return "AgentCommand[" + this.username + ", " + this.role + "]";
	}

}
