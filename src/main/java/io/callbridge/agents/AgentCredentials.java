package io.callbridge.agents;

/**
 * An agent with the password hash, for the login check only.
 *
 * @param agent the agent
 * @param passwordHash the stored password hash
 * @param sessionVersion the user's session version: a login session started with it ends
 * once it changes
 */
public record AgentCredentials(Agent agent, String passwordHash, long sessionVersion) {

	@Override
	public String toString() {
		return "AgentCredentials[" + this.agent.username() + "]";
	}

}
