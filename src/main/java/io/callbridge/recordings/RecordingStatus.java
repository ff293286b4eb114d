package io.callbridge.recordings;

/**
 * Where the fetch of a call's recording stands.
 */
public enum RecordingStatus {

	/** Waiting for the next attempt to get a link from the provider. */
	PENDING,
	/** A playable link is known. */
	AVAILABLE,
	/** The provider says the recording does not exist. */
	MISSING,
	/** Every attempt failed; the last error is kept. */
	FAILED,
	/** The account's provider cannot fetch recordings. */
	UNSUPPORTED

}
