package io.callbridge.recordings;

import java.time.Instant;

import io.callbridge.calls.CallRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Queues a fetch when a call is reported recorded: at once when the provider says the
 * recording is ready, otherwise after the configured delay (from when the report is
 * handled, on the database's clock).
 */
@Component
class RecordingScheduler {

	private final CallRecordings recordings;

	private final RecordingProperties properties;

	RecordingScheduler(CallRecordings recordings, RecordingProperties properties) {
		this.recordings = recordings;
		this.properties = properties;
	}

	@ApplicationModuleListener
	void on(CallRecorded event) {
		// Due on the database's clock, which every node's fetch job compares with.
		Instant now = this.recordings.now();
		Instant due = event.ready() ? now : now.plus(this.properties.fetchDelay());
		this.recordings.schedule(event.tenantId(), event.callId(), event.accountId(), event.recordingRef(), due);
	}

}
