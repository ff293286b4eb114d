package io.callbridge.agents.web;

import java.util.List;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentExtension;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An agent as the API shows it, with no more than the UI shows the reader: an agent sees
 * colleagues' names only (as in the responsible and agent pickers); a supervisor also
 * their role, status and extensions (the agents page); an admin everything (the edit
 * form). Fields the reader may not see are {@code null}.
 *
 * @param id id
 * @param username login name
 * @param displayName display name
 * @param email e-mail (admins, and the user themself)
 * @param role role (supervisors and admins, and the user themself)
 * @param enabled whether the user may log in (supervisors and admins)
 * @param defaultResponsible whether this is the tenant's default responsible agent
 * (supervisors and admins)
 * @param externalId id in an external CRM (admins)
 * @param extensions extensions per telephony account (supervisors and admins, and the
 * user themself)
 * @param status whether the agent takes calls now (supervisors and admins, and the user
 * themself)
 */
record AgentView(long id, String username, String displayName,
		@Schema(description = "Admins only (and /me)") @Nullable String email,
		@Schema(description = "Supervisors and admins only (and /me)") @Nullable Role role,
		@Schema(description = "Supervisors and admins only (and /me)") @Nullable Boolean enabled,
		@Schema(description = "Supervisors and admins only (and /me)") @Nullable Boolean defaultResponsible,
		@Schema(description = "Admins only (and /me)") @Nullable String externalId,
		@Schema(description = "Supervisors and admins only (and /me)") @Nullable List<ExtensionView> extensions,
		@Schema(description = "Supervisors and admins only (and /me)") @Nullable AgentStatus status) {

	/** Everything about the agent: for admins, and for the user themself. */
	static AgentView full(Agent agent, List<AgentExtension> extensions, AgentStatus status) {
		return new AgentView(agent.id(), agent.username(), agent.displayName(), agent.email(), agent.role(),
				agent.enabled(), agent.defaultResponsible(), agent.externalId(), ExtensionView.of(extensions), status);
	}

	/** What the agents page shows a supervisor: no e-mail, no external id. */
	static AgentView forSupervisor(Agent agent, List<AgentExtension> extensions, AgentStatus status) {
		return new AgentView(agent.id(), agent.username(), agent.displayName(), null, agent.role(), agent.enabled(),
				agent.defaultResponsible(), null, ExtensionView.of(extensions), status);
	}

	/** What an agent sees of a colleague: the name to pick them by. */
	static AgentView forAgent(Agent agent) {
		return new AgentView(agent.id(), agent.username(), agent.displayName(), null, null, null, null, null, null,
				null);
	}

	/**
	 * One extension.
	 *
	 * @param accountId telephony account
	 * @param extension extension
	 */
	record ExtensionView(long accountId, String extension) {

		static List<ExtensionView> of(List<AgentExtension> extensions) {
			return extensions.stream().map((e) -> new ExtensionView(e.accountId(), e.extension())).toList();
		}

	}

}
