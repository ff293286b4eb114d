package io.callbridge.agents;

import java.time.Instant;

import io.callbridge.shared.AgentStatus;
import org.jspecify.annotations.Nullable;

/**
 * An agent's status as stored.
 *
 * @param agentId the agent
 * @param status the status
 * @param changedAt when it last changed, {@code null} for an agent whose status was never
 * stored (counts as available)
 * @param changedBy who changed it last, if a user who still exists
 * @param version how many times it changed
 */
public record CurrentStatus(long agentId, AgentStatus status, @Nullable Instant changedAt, @Nullable Long changedBy,
		long version) {

	/** The status of an agent with none stored: available, never changed. */
	static CurrentStatus initial(long agentId) {
		return new CurrentStatus(agentId, AgentStatus.AVAILABLE, null, null, 0);
	}

}
