package io.callbridge.calls;

import java.time.Instant;

/**
 * A call was recorded: the provider reported a recording reference, at the end of the
 * call or in a separate "recording ready" notification.
 *
 * @param tenantId the tenant
 * @param callId the call
 * @param version the call's version when the recording was reported
 * @param accountId the telephony account the recording is kept at
 * @param recordingRef the provider's reference to the recording
 * @param ready whether the provider said the recording can be fetched now (otherwise it
 * usually becomes available shortly after the call)
 * @param receivedAt when the event carrying it was received
 */
public record CallRecorded(long tenantId, long callId, long version, long accountId, String recordingRef, boolean ready,
		Instant receivedAt) {
}
