package io.callbridge.campaigns;

import org.jspecify.annotations.Nullable;

/**
 * An agent's ID in an external system.
 *
 * @param id the link's own id: given, it changes that link; {@code null} adds one
 * (OMniLeads' API tells its rows apart so)
 * @param agentId the agent (a user)
 * @param externalId the agent's ID in the system, unique there
 */
public record AgentLink(@Nullable Long id, long agentId, String externalId) {

	public static AgentLink of(long agentId, String externalId) {
		return new AgentLink(null, agentId, externalId);
	}

}
