package io.callbridge.agents;

/**
 * A user's access changed so that their logged-in sessions end: deleted, disabled, given
 * another role, username or password. Open connections of theirs (the console's live
 * stream) are closed on every node.
 *
 * @param tenantId tenant
 * @param agentId the user
 */
public record AgentAccessChanged(long tenantId, long agentId) {
}
