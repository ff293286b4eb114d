package io.callbridge.zadarma;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.callbridge.zadarma.SimulatedPbx.Reply;

/**
 * The simulated account's call recordings: {@code /v1/pbx/record/request/} by
 * {@code call_id} ({@code link}) or {@code pbx_call_id} ({@code links}), with
 * {@code lifetime} 180 to 5,184,000 s (default 1800), and the download links it hands
 * out, served as {@code audio/mpeg} until they expire.
 */
final class SimulatedRecordings {

	private final SimulatedClock clock;

	private final ZoneId zone;

	private final Map<String, Recording> recordings = new ConcurrentHashMap<>();

	private final Map<String, Download> downloads = new ConcurrentHashMap<>();

	SimulatedRecordings(SimulatedClock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	void add(String callId, String pbxCallId) {
		byte[] audio = ("ID3 fake mp3 " + callId).getBytes(StandardCharsets.US_ASCII);
		this.recordings.put(callId, new Recording(callId, pbxCallId, audio));
	}

	Reply request(Map<String, String> params, URI baseUrl) {
		long lifetime;
		try {
			lifetime = Long.parseLong(params.getOrDefault("lifetime", "1800"));
		}
		catch (NumberFormatException ex) {
			return Reply.error(400, "Wrong lifetime");
		}
		if (lifetime < 180 || lifetime > 5_184_000) {
			return Reply.error(400, "Lifetime must be between 180 and 5184000");
		}
		Instant till = this.clock.instant().plusSeconds(lifetime);
		String tillText = SimulatedPbx.DATE_TIME.format(LocalDateTime.ofInstant(till, this.zone));
		if (params.containsKey("call_id")) {
			Recording recording = this.recordings.get(params.get("call_id"));
			return (recording != null)
					? Reply.success(Map.of("link", link(recording, till, baseUrl), "lifetime_till", tillText))
					: Reply.error(400, "Record not found");
		}
		if (params.containsKey("pbx_call_id")) {
			List<String> links = this.recordings.values()
				.stream()
				.filter((r) -> r.pbxCallId().equals(params.get("pbx_call_id")))
				.map((r) -> link(r, till, baseUrl))
				.toList();
			return links.isEmpty() ? Reply.error(400, "Record not found")
					: Reply.success(Map.of("links", links, "lifetime_till", tillText));
		}
		return Reply.error(400, "call_id or pbx_call_id is required");
	}

	Reply download(String token) {
		Download download = this.downloads.get(token);
		if (download == null || this.clock.instant().isAfter(download.expires())) {
			return Reply.error(404, "Link expired");
		}
		return Reply.audio(this.recordings.get(download.callId()).audio());
	}

	private String link(Recording recording, Instant expires, URI baseUrl) {
		String token = SimulatedPbx.newPbxCallId("");
		this.downloads.put(token, new Download(recording.callId(), expires));
		return baseUrl.toString().replaceAll("/+$", "") + "/v1/pbx/record/download/" + token + "/1-"
				+ recording.callId() + ".mp3";
	}

	private record Recording(String callId, String pbxCallId, byte[] audio) {
	}

	private record Download(String callId, Instant expires) {
	}

}
