package io.callbridge.recordings;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the due recording fetches: each is claimed first, so several nodes (or a manual
 * fetch) never ask the provider twice for the same recording at once.
 */
@Component
class RecordingFetchJob {

	private static final Logger log = LoggerFactory.getLogger(RecordingFetchJob.class);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private final CallRecordings recordings;

	private final RecordingFetcher fetcher;

	RecordingFetchJob(CallRecordings recordings, RecordingFetcher fetcher) {
		this.recordings = recordings;
		this.fetcher = fetcher;
	}

	@Scheduled(fixedDelayString = "${callbridge.recordings.poll-interval:5s}")
	void runDue() {
		Instant now = Instant.now();
		for (CallRecording recording : this.recordings.due(now, 50)) {
			if (this.recordings.claim(recording, now.plus(LEASE))) {
				try {
					this.fetcher.fetch(recording);
				}
				catch (RuntimeException ex) {
					// The lease makes it due again; one bad row must not stop the others.
					log.error("Fetching the recording of call {} failed", recording.callId(), ex);
				}
			}
		}
	}

}
