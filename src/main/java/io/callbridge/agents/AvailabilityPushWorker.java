package io.callbridge.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AgentAvailability;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pushes due agent statuses to the providers, on one node at a time (the node holding the
 * lease {@code agents:availability-push}, on the database's clock), one push after the
 * other, each with the newest desired state read just before it is sent. A failed push is
 * retried after {@code retry-delays}, its error kept for the agent page; pending pushes
 * survive a restart, since they are rows.
 */
@Component
class AvailabilityPushWorker {

	static final String LEASE = "agents:availability-push";

	/**
	 * Longer than a run's work plus one push at the longest provider timeouts (connect 1
	 * min, read 5 min), so two nodes never push at once.
	 */
	static final Duration LEASE_AT_MOST = Duration.ofMinutes(10);

	/** After this a run takes no further push; the rest waits for the next run. */
	static final Duration WORK_AT_MOST = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(AvailabilityPushWorker.class);

	private final Leases leases;

	private final DatabaseClock clock;

	private final AvailabilityPushes pushes;

	private final AvailabilityTargets targets;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final AvailabilityProperties properties;

	AvailabilityPushWorker(Leases leases, DatabaseClock clock, AvailabilityPushes pushes, AvailabilityTargets targets,
			Agents agents, TelephonyAccounts accounts, AvailabilityProperties properties) {
		this.leases = leases;
		this.clock = clock;
		this.pushes = pushes;
		this.targets = targets;
		this.agents = agents;
		this.accounts = accounts;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${callbridge.agents.availability.poll-interval:1s}",
			initialDelayString = "${callbridge.agents.availability.poll-interval:1s}")
	void run() {
		try {
			// Looked for first: most runs find nothing due, and the lease is two writes,
			// each a commit that waits for the database's log, every second on every
			// node.
			if (this.pushes.anyDue(this.clock.now())) {
				this.leases.acquire(LEASE, LEASE_AT_MOST).ifPresent(this::pushDue);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Pushing agent statuses to providers failed; the next run tries again", ex);
		}
	}

	/**
	 * Pushes what is due while the lease's work time lasts, then frees the lease.
	 * @return how many pushes were attempted
	 */
	int pushDue(Lease lease) {
		try {
			Instant stopAt = lease.acquiredAt().plus(WORK_AT_MOST);
			int attempted = 0;
			List<AvailabilityPush> due = this.pushes.due(this.clock.now(), this.properties.batchSize());
			for (AvailabilityPush listed : due) {
				if (this.clock.now().isAfter(stopAt)) {
					break;
				}
				// Read again: a newer status written since the batch was listed is the
				// one sent.
				Optional<AvailabilityPush> fresh = this.pushes.find(listed.accountId(), listed.agentId())
					.filter(AvailabilityPush::pending);
				if (fresh.isPresent()) {
					pushOne(fresh.get());
					attempted++;
				}
			}
			return attempted;
		}
		finally {
			this.leases.release(lease, Duration.ZERO);
		}
	}

	private void pushOne(AvailabilityPush push) {
		Optional<TelephonyAccount> account = this.accounts.find(push.accountId());
		Optional<String> extension = this.agents.extensionsOf(push.agentId())
			.stream()
			.filter((e) -> e.accountId() == push.accountId())
			.map(AgentExtension::extension)
			.findFirst();
		if (account.isEmpty() || extension.isEmpty()) {
			this.pushes.removeIfUnchanged(push);
			return;
		}
		Optional<AgentAvailability> target = this.targets.availabilityOf(account.get());
		if (target.isEmpty()) {
			failed(push, Text.of("availability.providerMissing", account.get().provider()));
		}
		else if (!account.get().enabled() || !account.get().hasCredentials()) {
			failed(push, Text.of("availability.accountOff", account.get().name()));
		}
		else {
			send(push, account.get(), extension.get(), target.get());
		}
	}

	private void send(AvailabilityPush push, TelephonyAccount account, String extension, AgentAvailability target) {
		try {
			target.setAvailability(account, this.accounts.credentials(account), extension, push.desiredStatus());
		}
		catch (RuntimeException ex) {
			log.info("Status {} of agent {} not pushed to account {}: {}", push.desiredStatus(), push.agentId(),
					account.id(), ex.toString());
			failed(push, TelephonyFailure.textOf(ex));
			return;
		}
		this.pushes.pushed(push, extension, this.clock.now());
	}

	private void failed(AvailabilityPush push, Text error) {
		Instant now = this.clock.now();
		this.pushes.failed(push, error, now, now.plus(this.properties.delayAfter(push.attempts() + 1)));
	}

}
