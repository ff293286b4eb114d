package io.callbridge.agents;

/**
 * The extension (or endpoint) an agent has on one telephony account.
 *
 * @param accountId the telephony account
 * @param agentId the agent
 * @param extension the extension, unique within the account
 */
public record AgentExtension(long accountId, long agentId, String extension) {
}
