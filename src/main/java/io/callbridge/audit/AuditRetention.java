package io.callbridge.audit;

import io.callbridge.coordination.DatabaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the audit trail bounded: every hour, deletes the events older than the retention
 * period. Any node may run it; the cut-off comes from the database's clock, so nodes
 * agree and a repeat deletes nothing more.
 */
@Component
class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final AuditTrail trail;

	private final DatabaseClock clock;

	private final AuditProperties properties;

	AuditRetention(AuditTrail trail, DatabaseClock clock, AuditProperties properties) {
		this.trail = trail;
		this.clock = clock;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${callbridge.audit.purge-initial-delay:5m}", fixedDelayString = "1h")
	void purge() {
		int deleted = this.trail.deleteBefore(this.clock.now().minus(this.properties.retention()));
		if (deleted > 0) {
			log.info("Deleted {} audit events older than {}", deleted, this.properties.retention());
		}
	}

}
