package io.callbridge.agents.web;

import java.time.Instant;
import java.util.List;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AvailabilityPush;
import io.callbridge.agents.CurrentStatus;
import io.callbridge.shared.AgentStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An agent's status as the API shows it, with where it is pushed.
 *
 * @param agentId the agent
 * @param status the status
 * @param changedAt when it last changed ({@code null}: never changed)
 * @param changedById who changed it last
 * @param changedByName their display name
 * @param availability the pushes of the status to providers that keep an availability
 */
record StatusView(long agentId, AgentStatus status, @Nullable Instant changedAt, @Nullable Long changedById,
		@Nullable String changedByName,
		@Schema(description = "Per telephony account whose provider keeps an availability "
				+ "per employee (UIS): what is to be pushed and how far it got") List<PushView> availability) {

	static StatusView of(CurrentStatus status, @Nullable Agent changedBy, List<AvailabilityPush> pushes) {
		return new StatusView(status.agentId(), status.status(), status.changedAt(),
				(changedBy != null) ? changedBy.id() : null, (changedBy != null) ? changedBy.displayName() : null,
				pushes.stream().map(PushView::of).toList());
	}

	/**
	 * The push of the status to one account.
	 *
	 * @param accountId telephony account
	 * @param status the status to push
	 * @param pushedStatus the status the provider has (last successful push)
	 * @param pushedAt when it was pushed
	 * @param pending whether a push is still to be made
	 * @param attempts failed attempts of the pending push
	 * @param nextAttemptAt when the next attempt is due
	 * @param lastError why the last attempt failed, in the reader's language
	 * @param lastErrorAt when
	 */
	record PushView(long accountId, AgentStatus status, @Nullable AgentStatus pushedStatus, @Nullable Instant pushedAt,
			boolean pending, int attempts, @Nullable Instant nextAttemptAt, @Nullable String lastError,
			@Nullable Instant lastErrorAt) {

		static PushView of(AvailabilityPush push) {
			return new PushView(push.accountId(), push.desiredStatus(), push.pushedStatus(), push.pushedAt(),
					push.pending(), push.attempts(), push.nextAttemptAt(),
					(push.lastError() != null) ? push.lastError().localized() : null, push.lastErrorAt());
		}

	}

}
