package io.callbridge.followups;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for due retries every {@code callbridge.followups.retry.check-interval} on every
 * node, but one node at a time: the look runs only for the node holding the sweep lock (a
 * ShedLock row whose expiry the database's clock decides).
 */
@Component
class RetrySweep {

	private static final Logger log = LoggerFactory.getLogger(RetrySweep.class);

	private final LockingTaskExecutor lock;

	private final Retries retries;

	RetrySweep(LockingTaskExecutor lock, Retries retries) {
		this.lock = lock;
		this.retries = retries;
	}

	@Scheduled(fixedDelayString = "${callbridge.followups.retry.check-interval:5s}",
			initialDelayString = "${callbridge.followups.retry.check-interval:5s}")
	void run() {
		try {
			// The instant is ShedLock's bookkeeping only: with database time the lock's
			// expiry is computed by the database.
			this.lock.executeWithLock((Runnable) this.retries::sweep, new LockConfiguration(Instant.now(),
					FollowUpsConfiguration.SWEEP_LOCK, FollowUpsConfiguration.SWEEP_LOCK_AT_MOST, Duration.ZERO));
		}
		catch (RuntimeException ex) {
			log.warn("Looking for due follow-up retries failed; trying again at the next check", ex);
		}
	}

}
