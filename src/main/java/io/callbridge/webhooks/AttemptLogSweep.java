package io.callbridge.webhooks;

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
 * Keeps the webhook tables bounded: once an hour, on the node holding the lease
 * {@code webhooks:attempt-sweep}, deletes attempts older than {@code attempt-retention}
 * and messages older than {@code message-retention} whose deliveries are all settled (on
 * the database's clock). A message still pending anywhere is kept, however old.
 */
@Component
class AttemptLogSweep {

	private static final Logger log = LoggerFactory.getLogger(AttemptLogSweep.class);

	private static final String LEASE = "webhooks:attempt-sweep";

	private final Leases leases;

	private final DatabaseClock clock;

	private final Deliveries deliveries;

	private final WebhookProperties properties;

	AttemptLogSweep(Leases leases, DatabaseClock clock, Deliveries deliveries, WebhookProperties properties) {
		this.leases = leases;
		this.clock = clock;
		this.deliveries = deliveries;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${callbridge.webhooks.sweep-initial-delay:5m}", fixedDelayString = "1h")
	void sweep() {
		// Held for the hour: the other nodes' runs within it find it taken.
		Optional<Lease> lease = this.leases.acquire(LEASE, Duration.ofMinutes(55));
		if (lease.isEmpty()) {
			return;
		}
		Instant cutoff = this.clock.now().minus(this.properties.attemptRetention());
		int deleted = this.deliveries.deleteAttemptsBefore(cutoff);
		if (deleted > 0) {
			log.info("Deleted {} webhook attempts older than {}", deleted, this.properties.attemptRetention());
		}
		Duration retention = this.properties.messageRetention();
		int messages = this.deliveries.deleteSettledMessagesBefore(this.clock.now().minus(retention));
		if (messages > 0) {
			log.info("Deleted {} settled webhook messages older than {}", messages, retention);
		}
	}

}
