package io.callbridge.agents;

import java.time.Instant;

import io.callbridge.shared.AgentStatus;
import org.jspecify.annotations.Nullable;

/**
 * An agent's status changed (published only when it differs from the one before).
 *
 * @param tenantId tenant
 * @param agentId the agent
 * @param previous the status before
 * @param status the status now
 * @param changedAt when it changed (database clock)
 * @param changedBy who changed it: the agent, a supervisor or admin; {@code null} when
 * not a user
 * @param version the agent's status version after the change (counts the changes)
 */
public record AgentStatusChanged(long tenantId, long agentId, AgentStatus previous, AgentStatus status,
		Instant changedAt, @Nullable Long changedBy, long version) {
}
