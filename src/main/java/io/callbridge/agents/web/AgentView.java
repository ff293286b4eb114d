package io.callbridge.agents.web;

import java.util.List;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentExtension;
import io.callbridge.shared.Role;
import org.jspecify.annotations.Nullable;

/**
 * An agent as the API shows it, with their extensions.
 *
 * @param id id
 * @param username login name
 * @param displayName display name
 * @param email e-mail
 * @param role role
 * @param enabled whether the user may log in
 * @param defaultResponsible whether this is the tenant's default responsible agent
 * @param externalId id in an external CRM
 * @param extensions extensions per telephony account
 */
record AgentView(long id, String username, String displayName, @Nullable String email, Role role, boolean enabled,
		boolean defaultResponsible, @Nullable String externalId, List<ExtensionView> extensions) {

	static AgentView of(Agent agent, List<AgentExtension> extensions) {
		return new AgentView(agent.id(), agent.username(), agent.displayName(), agent.email(), agent.role(),
				agent.enabled(), agent.defaultResponsible(), agent.externalId(),
				extensions.stream().map((e) -> new ExtensionView(e.accountId(), e.extension())).toList());
	}

	/**
	 * One extension.
	 *
	 * @param accountId telephony account
	 * @param extension extension
	 */
	record ExtensionView(long accountId, String extension) {
	}

}
