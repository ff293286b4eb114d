package io.callbridge.agents;

/**
 * An agent with the password hash, for the login check only.
 *
 * @param agent the agent
 * @param passwordHash the stored password hash
 */
public record AgentCredentials(Agent agent, String passwordHash) {

	@Override
	public String toString() {
		return "AgentCredentials[" + this.agent.username() + "]";
	}

}
