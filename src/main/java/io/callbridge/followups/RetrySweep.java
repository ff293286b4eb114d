package io.callbridge.followups;

import java.time.Duration;

import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for due retries every {@code callbridge.followups.retry.check-interval} on every
 * node, but one node at a time: the look runs only for the node holding the sweep's
 * {@link Leases lease}, whose end the database's clock decides.
 */
@Component
class RetrySweep {

	/** The name of the sweep's lease. */
	static final String LEASE = "followups:retry-sweep";

	/** How long a node that stopped mid-sweep keeps the others from sweeping. */
	static final Duration LEASE_AT_MOST = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(RetrySweep.class);

	private final Leases leases;

	private final Retries retries;

	RetrySweep(Leases leases, Retries retries) {
		this.leases = leases;
		this.retries = retries;
	}

	@Scheduled(fixedDelayString = "${callbridge.followups.retry.check-interval:5s}",
			initialDelayString = "${callbridge.followups.retry.check-interval:5s}")
	void run() {
		try {
			this.leases.acquire(LEASE, LEASE_AT_MOST).ifPresent(this::sweep);
		}
		catch (RuntimeException ex) {
			log.warn("Looking for due follow-up retries failed; trying again at the next check", ex);
		}
	}

	private void sweep(Lease lease) {
		try {
			this.retries.sweep();
		}
		finally {
			this.leases.release(lease, Duration.ZERO);
		}
	}

}
