package io.callbridge.recordings;

import java.time.Instant;
import java.util.Optional;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.coordination.Lease;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;

import org.springframework.stereotype.Service;

/**
 * The recordings of a tenant's calls, for playback: returns a usable link, fetching a
 * fresh one from the provider when none is known yet or the known one has expired.
 */
@Service
public class Recordings {

	private final Calls calls;

	private final CallRecordings recordings;

	private final RecordingFetcher fetcher;

	Recordings(Calls calls, CallRecordings recordings, RecordingFetcher fetcher) {
		this.calls = calls;
		this.recordings = recordings;
		this.fetcher = fetcher;
	}

	/**
	 * The call's recording as it stands, without asking the provider.
	 * @throws Problems.NotFound when the call does not exist or was not recorded
	 */
	public CallRecording status(long tenantId, long callId) {
		Call call = this.calls.get(tenantId, callId);
		return this.recordings.find(tenantId, callId).orElseGet(() -> notYetQueued(call, this.recordings.now()));
	}

	/**
	 * The call's recording with a usable link if the provider has one: a known, unexpired
	 * link is returned as it is; otherwise the provider is asked now.
	 * @throws Problems.NotFound when the call does not exist or was not recorded
	 */
	public CallRecording playable(long tenantId, long callId) {
		Call call = this.calls.get(tenantId, callId);
		Optional<CallRecording> known = this.recordings.find(tenantId, callId);
		if (known.isEmpty()) {
			Instant now = this.recordings.now();
			CallRecording queued = notYetQueued(call, now);
			this.recordings.schedule(tenantId, callId, call.accountId(), queued.recordingRef(), now);
			known = this.recordings.find(tenantId, callId);
		}
		CallRecording recording = known.orElseThrow();
		if (recording.linkUsableAt(this.recordings.now()) || recording.status() == RecordingStatus.MISSING
				|| recording.status() == RecordingStatus.UNSUPPORTED) {
			return recording;
		}
		// A node fetching it right now answers for both: the recording is returned as it
		// stands.
		Optional<Lease> lease = this.recordings.hold(callId);
		if (lease.isEmpty()) {
			return recording;
		}
		try {
			return this.fetcher.fetch(recording);
		}
		finally {
			this.recordings.release(lease.get());
		}
	}

	private static CallRecording notYetQueued(Call call, Instant now) {
		String ref = call.recordingRef();
		if (ref == null || ref.isBlank()) {
			throw new Problems.NotFound(Text.of("what.recording"), call.id());
		}
		return new CallRecording(call.id(), call.tenantId(), call.accountId(), ref, RecordingStatus.PENDING, null, null,
				0, null, null, now);
	}

}
