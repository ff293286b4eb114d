package io.callbridge.followups;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.stereotype.Component;

/**
 * Starts retries of failed follow-ups: the automatic ones when due ({@link #sweep}, run
 * by one node at a time) and those a person asks for ({@link #retryNow}). A retry is
 * claimed in {@link PublicationRetries} first, then handed to Spring Modulith, which
 * marks the publication resubmitted and invokes its listener again (asynchronously, like
 * the first delivery); the registry completes it or marks it failed as for any delivery.
 */
@Component
class Retries {

	private static final Logger log = LoggerFactory.getLogger(Retries.class);

	private final PublicationRetries retries;

	private final EventPublicationRepository publications;

	private final IncompleteEventPublications registry;

	private final LocalListeners listeners;

	private final FollowUpRetryProperties properties;

	Retries(PublicationRetries retries, EventPublicationRepository publications, IncompleteEventPublications registry,
			LocalListeners listeners, FollowUpRetryProperties properties) {
		this.retries = retries;
		this.publications = publications;
		this.registry = registry;
		this.listeners = listeners;
		this.properties = properties;
	}

	/**
	 * One look at the incomplete publications of this node's listeners: track new ones,
	 * fail the runs that outlived {@code stuck-after} (their node stopped), schedule the
	 * next retry of each new failure and start the retries that are due.
	 */
	void sweep() {
		this.retries.forgetCompleted();
		Set<String> local = this.listeners.ids();
		if (local.isEmpty()) {
			return;
		}
		Instant now = this.retries.now();
		track(local, now);
		failOverdueRuns(local, now);
		scheduleFailed(local, now);
		Set<UUID> claimed = new LinkedHashSet<>();
		Instant runningUntil = now.plus(this.properties.stuckAfter());
		for (UUID id : this.retries.due(local, this.properties.batchSize())) {
			if (this.retries.claim(id, runningUntil, true)) {
				claimed.add(id);
			}
		}
		resubmit(claimed);
	}

	/**
	 * Retries failed publications now, whatever their schedule, unless another retry of
	 * one of them is running.
	 * @return the publications whose retry this call started
	 */
	Set<UUID> retryNow(Collection<UUID> ids) {
		Instant runningUntil = this.retries.now().plus(this.properties.stuckAfter());
		Set<UUID> claimed = new LinkedHashSet<>();
		for (UUID id : ids) {
			this.retries.register(id);
			if (this.retries.claim(id, runningUntil, false)) {
				claimed.add(id);
			}
		}
		resubmit(claimed);
		return claimed;
	}

	private void track(Set<String> local, Instant now) {
		try {
			this.retries.registerNew(local, now.plus(this.properties.stuckAfter()));
		}
		catch (DuplicateKeyException ex) {
			// A listener failing at this moment added its row first; the rest waits one
			// check.
			log.debug("Tracking new publications collided with a failure being recorded: {}", ex.getMessage());
		}
	}

	private void failOverdueRuns(Set<String> local, Instant now) {
		for (PublicationRetries.Overdue run : this.retries.overdueRuns(local)) {
			if (run.runningUntil() == null) {
				this.retries.limitRun(run.id(), now.plus(this.properties.stuckAfter()));
				continue;
			}
			// Spring Modulith's own transition (only if still not failed), then our
			// record of it.
			this.publications.markFailed(run.id());
			if (this.retries.markStalled(run.id(), run.runningUntil())) {
				log.warn("Follow-up {} gave no outcome within {}: counted as failed, to be retried", run.id(),
						this.properties.stuckAfter());
			}
		}
	}

	private void scheduleFailed(Set<String> local, Instant now) {
		for (PublicationRetries.Unscheduled failed : this.retries.unscheduled(local, this.properties.maxRetries())) {
			Instant from = (failed.failedAt() != null) ? failed.failedAt() : now;
			this.retries.schedule(failed.id(), failed.attempts(),
					from.plus(this.properties.delayAfter(failed.attempts())));
		}
	}

	private void resubmit(Set<UUID> claimed) {
		if (!claimed.isEmpty()) {
			this.registry
				.resubmitIncompletePublications((publication) -> claimed.contains(publication.getIdentifier()));
		}
	}

}
