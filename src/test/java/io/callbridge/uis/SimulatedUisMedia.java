package io.callbridge.uis;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The simulated account's call recordings, served by the {@link UisSimulator} both as
 * {@code full_record_file_link} / {@code file_link}
 * ({@code /media/{communication}/{link}}) and at the cabinet path of {@code call_records}
 * ids ({@code /system/media/talk/{communication}/{record}/}), as {@code audio/mpeg}.
 */
final class SimulatedUisMedia {

	private final Supplier<URI> baseUrl;

	private final Map<String, byte[]> files = new ConcurrentHashMap<>();

	SimulatedUisMedia(Supplier<URI> baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Records one talk; returns its record id. */
	String record(long communicationId, long sessionId) {
		String recordId = "rec" + sessionId;
		byte[] audio = ("ID3 simulated UIS talk " + sessionId).getBytes(StandardCharsets.US_ASCII);
		this.files.put("/media/" + communicationId + "/" + link(recordId), audio);
		this.files.put("/system/media/talk/" + communicationId + "/" + recordId + "/", audio);
		return recordId;
	}

	String fileLink(long communicationId, String recordId) {
		return this.baseUrl.get() + "/media/" + communicationId + "/" + link(recordId);
	}

	/** The audio at {@code path}, or null. */
	byte @Nullable [] file(String path) {
		return this.files.get(path);
	}

	// The direct link uses a link id of its own, unlike the record id, as UIS's does.
	private static String link(String recordId) {
		return Integer.toHexString(recordId.hashCode()) + "a1";
	}

}
