package io.callbridge.followups;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The gauge {@code callbridge.events.incomplete}: incomplete follow-ups (event
 * publications) over all tenants, by {@code state} — {@code running}, {@code retrying}
 * (failed, an automatic retry scheduled) and {@code failed} (retries exhausted: a person
 * must look). One scrape reads the database once.
 */
@Component
class FollowUpMetrics {

	static final String NAME = "callbridge.events.incomplete";

	// A scrape reads the three states at once: one query serves them all.
	private static final Duration FRESH = Duration.ofSeconds(1);

	private final IncompletePublications publications;

	private final FollowUpRetryProperties properties;

	private final AtomicReference<Snapshot> last = new AtomicReference<>(new Snapshot(0, Map.of()));

	FollowUpMetrics(IncompletePublications publications, FollowUpRetryProperties properties, MeterRegistry meters) {
		this.publications = publications;
		this.properties = properties;
		for (FollowUpState state : FollowUpState.values()) {
			Gauge.builder(NAME, this, (metrics) -> metrics.count(state))
				.tag("state", state.tag())
				.description("Incomplete follow-ups (event publications) by state")
				.register(meters);
		}
	}

	double count(FollowUpState state) {
		Snapshot snapshot = this.last.get();
		long now = System.nanoTime();
		if (snapshot.counts().isEmpty() || now - snapshot.takenAt() > FRESH.toNanos()) {
			snapshot = new Snapshot(now, this.publications.counts(this.properties.maxRetries()));
			this.last.set(snapshot);
		}
		return snapshot.counts().getOrDefault(state, 0L);
	}

	/**
	 * The counts of one read.
	 *
	 * @param takenAt when ({@link System#nanoTime()})
	 * @param counts how many per state
	 */
	private record Snapshot(long takenAt, Map<FollowUpState, Long> counts) {
	}

}
