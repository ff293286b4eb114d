package io.callbridge.crm;

import org.jspecify.annotations.Nullable;

/**
 * An agent's relation to a CRM user, as an admin sets it.
 *
 * @param agentId the agent
 * @param crmUserId the CRM user's id (unique within the connection)
 * @param code a code instead of the agent's extension, or {@code null}
 */
public record ManagerCommand(long agentId, @Nullable String crmUserId, @Nullable String code) {
}
