package io.callbridge.agents.web;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentCommand;
import io.callbridge.shared.Role;
import org.jspecify.annotations.Nullable;

/**
 * The agent form as typed; the password is never sent back to the browser.
 *
 * @param username login name
 * @param displayName display name
 * @param email e-mail
 * @param role role
 * @param password new password; empty keeps the current one on edit
 * @param enabled whether the user may log in (an unticked box sends nothing)
 * @param externalId id in an external CRM
 */
record AgentForm(@Nullable String username, @Nullable String displayName, @Nullable String email, @Nullable Role role,
		@Nullable String password, @Nullable Boolean enabled, @Nullable String externalId) {

	static AgentForm empty() {
		return new AgentForm(null, null, null, Role.AGENT, null, true, null);
	}

	static AgentForm of(Agent agent) {
		return new AgentForm(agent.username(), agent.displayName(), agent.email(), agent.role(), null, agent.enabled(),
				agent.externalId());
	}

	AgentCommand toCommand() {
		return new AgentCommand((this.username != null) ? this.username : "",
				(this.displayName != null) ? this.displayName : "", this.email,
				(this.role != null) ? this.role : Role.AGENT,
				(this.password == null || this.password.isEmpty()) ? null : this.password,
				Boolean.TRUE.equals(this.enabled), this.externalId);
	}

	/** The form without the typed password, to show it again. */
	AgentForm withoutPassword() {
		return new AgentForm(this.username, this.displayName, this.email, this.role, null, this.enabled,
				this.externalId);
	}

	@Override
	public String toString() {
		return "AgentForm[" + this.username + "]";
	}

}
