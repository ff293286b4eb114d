package io.callbridge.recordings.web;

import java.time.Instant;

import io.callbridge.recordings.CallRecording;
import io.callbridge.recordings.Recordings;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Plays a call's recording in the UI: the call detail loads a small panel with a player
 * pointed at the provider's link, and {@code /calls/{id}/recording} redirects to a fresh
 * link, for downloads.
 */
@Controller
class RecordingPagesController {

	private final Recordings recordings;

	private final Tenants tenants;

	RecordingPagesController(Recordings recordings, Tenants tenants) {
		this.recordings = recordings;
		this.tenants = tenants;
	}

	@GetMapping("/calls/{id}/recording/panel")
	String panel(CurrentUser user, @PathVariable long id, Model model) {
		model.addAttribute("callId", id);
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		try {
			model.addAttribute("recording", this.recordings.playable(user.tenantId(), id));
		}
		catch (Problems.NotFound notFound) {
			model.addAttribute("recording", null);
		}
		return "recordings/panel :: panel";
	}

	@GetMapping("/calls/{id}/recording")
	ResponseEntity<Void> download(CurrentUser user, @PathVariable long id) {
		CallRecording recording = this.recordings.playable(user.tenantId(), id);
		if (!recording.linkUsableAt(Instant.now()) || recording.link() == null) {
			throw new Problems.NotFound(Text.of("what.playableRecording"), id);
		}
		return ResponseEntity.status(HttpStatus.FOUND)
			.header("Location", recording.link())
			.header("Cache-Control", "no-store")
			.build();
	}

}
