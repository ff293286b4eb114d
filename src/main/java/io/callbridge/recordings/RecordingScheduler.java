package io.callbridge.recordings;

import java.time.Instant;

import io.callbridge.calls.CallRecorded;
import io.callbridge.followups.ImmediateFollowUps;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Queues a fetch when a call is reported recorded: at once when the provider says the
 * recording is ready, otherwise after the configured delay (from when the report is
 * handled, on the database's clock). The fetch job is queued inside the report's own
 * transaction and commits with it; should that fail, the report still commits and a
 * {@link RecordingScheduleDeferred} queues the job after commit from the event
 * publication log (see {@link ImmediateFollowUps}).
 */
@Component
class RecordingScheduler {

	private final CallRecordings recordings;

	private final RecordingProperties properties;

	private final ImmediateFollowUps followUps;

	RecordingScheduler(CallRecordings recordings, RecordingProperties properties, ImmediateFollowUps followUps) {
		this.recordings = recordings;
		this.properties = properties;
		this.followUps = followUps;
	}

	@EventListener
	void on(CallRecorded event) {
		this.followUps.run("recording-fetch", () -> schedule(event), () -> new RecordingScheduleDeferred(event));
	}

	/** The retry of a fetch that could not be queued inside its report's transaction. */
	@ApplicationModuleListener
	void on(RecordingScheduleDeferred deferred) {
		schedule(deferred.recorded());
	}

	private void schedule(CallRecorded event) {
		// Due on the database's clock, which every node's fetch job compares with.
		Instant now = this.recordings.now();
		Instant due = event.ready() ? now : now.plus(this.properties.fetchDelay());
		this.recordings.schedule(event.tenantId(), event.callId(), event.accountId(), event.recordingRef(), due);
	}

}
