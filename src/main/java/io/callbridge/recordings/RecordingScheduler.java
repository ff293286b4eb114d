package io.callbridge.recordings;

import java.time.Instant;

import io.callbridge.calls.CallRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Queues a fetch when a call is reported recorded: at once when the provider says the
 * recording is ready, otherwise after the configured delay.
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
		Instant due = event.ready() ? event.receivedAt() : event.receivedAt().plus(this.properties.fetchDelay());
		this.recordings.schedule(event.tenantId(), event.callId(), event.accountId(), event.recordingRef(), due);
	}

}
