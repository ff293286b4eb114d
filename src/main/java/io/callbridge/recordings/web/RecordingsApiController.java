package io.callbridge.recordings.web;

import java.time.Instant;

import io.callbridge.recordings.CallRecording;
import io.callbridge.recordings.Recordings;
import io.callbridge.shared.CurrentUser;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A call's recording through the API: its fetch state and, once available, a playable
 * link (refreshed from the provider when the known one has expired).
 */
@RestController
class RecordingsApiController {

	private final Recordings recordings;

	RecordingsApiController(Recordings recordings) {
		this.recordings = recordings;
	}

	@GetMapping("/api/v1/calls/{id}/recording")
	RecordingView api(CurrentUser user, @PathVariable long id) {
		return RecordingView.of(this.recordings.playable(user.tenantId(), id));
	}

	/**
	 * A call's recording in the API.
	 *
	 * @param callId the call
	 * @param status PENDING, AVAILABLE, MISSING, FAILED or UNSUPPORTED
	 * @param link the playable link when available
	 * @param expiresAt when the link stops working
	 * @param attempts fetch attempts made
	 * @param lastError the last attempt's error
	 */
	record RecordingView(long callId, String status, @Nullable String link, @Nullable Instant expiresAt, int attempts,
			@Nullable String lastError) {

		static RecordingView of(CallRecording r) {
			return new RecordingView(r.callId(), r.status().name(), r.link(), r.expiresAt(), r.attempts(),
					r.lastError());
		}

	}

}
