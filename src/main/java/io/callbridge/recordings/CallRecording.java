package io.callbridge.recordings;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The recording of one call and the state of fetching it.
 *
 * @param callId the call
 * @param tenantId the tenant
 * @param accountId the telephony account keeping the recording
 * @param recordingRef the provider's reference
 * @param status where the fetch stands
 * @param link the playable link, once fetched
 * @param expiresAt when the link stops working, if known
 * @param attempts fetch attempts made
 * @param nextAttemptAt when the job tries next ({@link RecordingStatus#PENDING} only)
 * @param lastError the last attempt's error
 * @param updatedAt last change
 */
public record CallRecording(long callId, long tenantId, long accountId, String recordingRef, RecordingStatus status,
		@Nullable String link, @Nullable Instant expiresAt, int attempts, @Nullable Instant nextAttemptAt,
		@Nullable String lastError, Instant updatedAt) {

	/** Whether the link can still be used at {@code now}, with a minute to spare. */
	public boolean linkUsableAt(Instant now) {
		return this.status == RecordingStatus.AVAILABLE && this.link != null
				&& (this.expiresAt == null || this.expiresAt.isAfter(now.plusSeconds(60)));
	}

}
