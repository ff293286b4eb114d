package io.callbridge.recordings;

/**
 * A call's recording became available to play for the first time (fetched from the
 * provider). Published inside the transaction that records it.
 *
 * @param tenantId tenant
 * @param callId the call
 */
public record CallRecordingAvailable(long tenantId, long callId) {
}
