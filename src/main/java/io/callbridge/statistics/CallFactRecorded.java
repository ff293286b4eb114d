package io.callbridge.statistics;

/**
 * A call's statistics fact was written after one of its events (it ended, its result was
 * corrected, its disposition saved): today's figures that include it changed. Not
 * published for the facts a rebuild writes.
 *
 * @param tenantId tenant
 * @param callId call
 */
public record CallFactRecorded(long tenantId, long callId) {
}
