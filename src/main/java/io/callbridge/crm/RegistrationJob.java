package io.callbridge.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Registers connections again when needed, every
 * {@code callbridge.crm.registration-check} on one node (the holder of the lease
 * {@code crm:registrations}, on the database's clock): each enabled connection that was
 * connected once is registered again when what it would declare changed (a manager's code
 * or extension, a user id, a URL), when it is pending (its settings or managers changed)
 * or when a retryable failure is due.
 */
@Component
class RegistrationJob {

	/** The name of the job's lease. */
	static final String LEASE = "crm:registrations";

	/**
	 * Longer than a run's work: a node that stopped mid-run keeps the others away only
	 * this long.
	 */
	static final Duration LEASE_AT_MOST = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(RegistrationJob.class);

	private final Leases leases;

	private final DatabaseClock clock;

	private final Connections connections;

	private final Registrations registrations;

	private final CrmProperties properties;

	RegistrationJob(Leases leases, DatabaseClock clock, Connections connections, Registrations registrations,
			CrmProperties properties) {
		this.leases = leases;
		this.clock = clock;
		this.connections = connections;
		this.registrations = registrations;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${callbridge.crm.registration-check:1m}",
			initialDelayString = "${callbridge.crm.registration-check:1m}")
	void run() {
		try {
			this.leases.acquire(LEASE, LEASE_AT_MOST).ifPresent(this::runHolding);
		}
		catch (RuntimeException ex) {
			log.warn("Registering CRM connections again failed; the next check tries again", ex);
		}
	}

	private void runHolding(Lease lease) {
		try {
			registerDue();
		}
		finally {
			// Held for most of the interval: every node checks on its own schedule, and
			// the cluster together checks about once per interval.
			Duration interval = this.properties.registrationCheck();
			this.leases.releaseAt(lease, lease.acquiredAt().plus(interval).minus(interval.dividedBy(10)));
		}
	}

	/**
	 * Registers every connection that is due now, one after the other.
	 * @return how many were registered (or tried)
	 */
	int registerDue() {
		int registered = 0;
		long started = System.nanoTime();
		for (long id : this.connections.connectedOnce()) {
			// Leaves the rest to the next run rather than outliving the lease.
			if (Duration.ofNanos(System.nanoTime() - started).compareTo(LEASE_AT_MOST.dividedBy(2)) > 0) {
				break;
			}
			try {
				Optional<StoredConnection> stored = this.connections.find(id);
				Instant now = this.clock.now();
				if (stored.isPresent() && stored.get().connection().enabled()
						&& this.registrations.due(stored.get(), now)) {
					this.registrations.register(stored.get());
					registered++;
				}
			}
			catch (RuntimeException ex) {
				// One connection's trouble (a deleted agent mid-run) must not keep the
				// others from being registered.
				log.warn("Registering CRM connection {} again failed", id, ex);
			}
		}
		return registered;
	}

}
