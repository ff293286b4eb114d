package io.callbridge.agents;

import java.time.Instant;
import java.util.Optional;

import io.callbridge.telephony.AgentAvailability;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProviders;

import org.springframework.stereotype.Component;

/**
 * Decides where an agent's status is pushed: to every telephony account where the agent
 * has an extension and whose provider keeps an availability per employee
 * ({@link AgentAvailability}); accounts of other providers get nothing.
 */
@Component
class AvailabilityTargets {

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	private final AvailabilityPushes pushes;

	AvailabilityTargets(Agents agents, TelephonyAccounts accounts, TelephonyProviders providers,
			AvailabilityPushes pushes) {
		this.agents = agents;
		this.accounts = accounts;
		this.providers = providers;
		this.pushes = pushes;
	}

	/** The account's provider as an availability target, if it is one and installed. */
	Optional<AgentAvailability> availabilityOf(TelephonyAccount account) {
		return this.providers.find(account.provider())
			.filter(AgentAvailability.class::isInstance)
			.map(AgentAvailability.class::cast);
	}

	/** Plans pushes of a new status to every account of the agent that takes them. */
	void statusChanged(long tenantId, CurrentStatus status, Instant now) {
		for (AgentExtension extension : this.agents.extensionsOf(status.agentId())) {
			this.accounts.find(extension.accountId())
				.filter((account) -> availabilityOf(account).isPresent())
				.ifPresent((account) -> this.pushes.plan(tenantId, account.id(), status.agentId(), status, now, false));
		}
	}

	/**
	 * Plans a push of the agent's current status to a newly assigned extension, whatever
	 * was pushed to the previous one.
	 */
	void extensionAssigned(TelephonyAccount account, CurrentStatus status, Instant now) {
		if (availabilityOf(account).isPresent()) {
			this.pushes.plan(account.tenantId(), account.id(), status.agentId(), status, now, true);
		}
	}

}
