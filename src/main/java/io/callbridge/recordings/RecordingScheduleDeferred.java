package io.callbridge.recordings;

import io.callbridge.calls.CallRecorded;

/**
 * A recording fetch that could not be queued inside its report's transaction, queued
 * after commit by a durable listener.
 *
 * @param recorded the report of the recording
 */
record RecordingScheduleDeferred(CallRecorded recorded) {
}
