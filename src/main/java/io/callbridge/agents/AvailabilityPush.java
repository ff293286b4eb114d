package io.callbridge.agents;

import java.time.Instant;

import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * The availability an agent is to have at one telephony account whose provider keeps one,
 * and how far pushing it got.
 *
 * @param accountId the telephony account
 * @param agentId the agent
 * @param desiredStatus the agent's status to push
 * @param desiredVersion the version of that status
 * @param revision counts the desired states written (status changes, extensions assigned)
 * @param pushedStatus the status last pushed successfully, if any
 * @param pushedVersion its version
 * @param pushedExtension the extension it was pushed to
 * @param pushedAt when
 * @param attempts failed attempts since the desired state was written
 * @param nextAttemptAt when the next push is due; {@code null} when nothing is pending
 * @param lastError why the last attempt failed, kept until a push succeeds
 * @param lastErrorAt when it failed
 */
public record AvailabilityPush(long accountId, long agentId, AgentStatus desiredStatus, long desiredVersion,
		long revision, @Nullable AgentStatus pushedStatus, @Nullable Long pushedVersion,
		@Nullable String pushedExtension, @Nullable Instant pushedAt, int attempts, @Nullable Instant nextAttemptAt,
		@Nullable Text lastError, @Nullable Instant lastErrorAt) {

	/** Whether a push is still to be made. */
	public boolean pending() {
		return this.nextAttemptAt != null;
	}

}
