package io.callbridge.recordings;

import io.callbridge.coordination.Lease;
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

	private final CallRecordings recordings;

	private final RecordingFetcher fetcher;

	RecordingFetchJob(CallRecordings recordings, RecordingFetcher fetcher) {
		this.recordings = recordings;
		this.fetcher = fetcher;
	}

	@Scheduled(fixedDelayString = "${callbridge.recordings.poll-interval:5s}")
	void runDue() {
		for (CallRecording recording : this.recordings.due(50)) {
			this.recordings.claim(recording).ifPresent((lease) -> fetch(recording, lease));
		}
	}

	private void fetch(CallRecording recording, Lease lease) {
		try {
			this.fetcher.fetch(recording);
		}
		catch (RuntimeException ex) {
			// Still due, so tried again; one bad row must not stop the others.
			log.error("Fetching the recording of call {} failed", recording.callId(), ex);
		}
		finally {
			this.recordings.release(lease);
		}
	}

}
