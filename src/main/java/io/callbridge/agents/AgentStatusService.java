package io.callbridge.agents;

import java.time.Instant;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.callbridge.telephony.TelephonyAccount;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes agents' statuses: an agent their own, supervisors and admins anyone's in their
 * tenant. A real change is stored with when (database clock) and by whom, planned for
 * pushing to the providers that keep an availability, and published as
 * {@link AgentStatusChanged}, all in one transaction.
 */
@Service
public class AgentStatusService {

	private final Agents agents;

	private final AgentStatuses statuses;

	private final AvailabilityTargets targets;

	private final AvailabilityPushes pushes;

	private final DatabaseClock clock;

	private final ApplicationEventPublisher events;

	AgentStatusService(Agents agents, AgentStatuses statuses, AvailabilityTargets targets, AvailabilityPushes pushes,
			DatabaseClock clock, ApplicationEventPublisher events) {
		this.agents = agents;
		this.statuses = statuses;
		this.targets = targets;
		this.pushes = pushes;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Sets an agent's status for the acting user: their own always; another agent's (of
	 * the same tenant) only as a supervisor or admin.
	 */
	@Transactional
	public CurrentStatus change(CurrentUser actor, long agentId, AgentStatus status) {
		if (agentId != actor.userId()) {
			actor.require(Role.SUPERVISOR);
		}
		return change(actor.tenantId(), agentId, status, actor.userId());
	}

	/**
	 * Sets an agent's status; setting the status it already has changes nothing and
	 * publishes nothing.
	 * @param by the acting user, {@code null} when not a user
	 */
	@Transactional
	public CurrentStatus change(long tenantId, long agentId, AgentStatus status, @Nullable Long by) {
		this.agents.get(tenantId, agentId);
		Instant now = this.clock.now();
		CurrentStatus current = this.statuses.lock(tenantId, agentId, now);
		if (current.status() == status) {
			return current;
		}
		CurrentStatus changed = new CurrentStatus(agentId, status, now, by, current.version() + 1);
		this.statuses.write(agentId, status, changed.version(), now, by);
		this.targets.statusChanged(tenantId, changed, now);
		this.events.publishEvent(
				new AgentStatusChanged(tenantId, agentId, current.status(), status, now, by, changed.version()));
		return changed;
	}

	/** Stores the status of a new agent (available). */
	void started(long tenantId, long agentId) {
		this.statuses.start(tenantId, agentId, this.clock.now());
	}

	/** Plans a push of the agent's current status to an extension just assigned. */
	void extensionAssigned(TelephonyAccount account, long agentId) {
		Instant now = this.clock.now();
		this.targets.extensionAssigned(account, this.statuses.lock(account.tenantId(), agentId, now), now);
	}

	/** Forgets the pushes to an extension just removed. */
	void extensionRemoved(long accountId, long agentId) {
		this.pushes.remove(accountId, agentId);
	}

}
