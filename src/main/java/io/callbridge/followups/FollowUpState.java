package io.callbridge.followups;

import java.util.Locale;

/**
 * Where an incomplete follow-up stands.
 */
public enum FollowUpState {

	/** Its listener is running (or about to run) and has not failed this time. */
	RUNNING,
	/** It failed and an automatic retry is scheduled. */
	RETRYING,
	/** It failed after all automatic retries; it waits for a person to retry it. */
	FAILED;

	/** The state as a metric tag and API value. */
	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The state of a follow-up.
	 * @param status the registry's status of the publication
	 * @param retries the retries started so far
	 * @param claimed whether a retry has been claimed and may still be starting (its
	 * claim counts the retry before the registry leaves FAILED)
	 * @param properties the retry settings
	 * @return the state
	 */
	static FollowUpState of(String status, int retries, boolean claimed, FollowUpRetryProperties properties) {
		if (!PublicationStatus.FAILED.equals(status) || claimed) {
			return RUNNING;
		}
		return properties.retriesLeft(retries) ? RETRYING : FAILED;
	}

}
