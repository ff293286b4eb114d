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

	static FollowUpState of(String status, int retries, FollowUpRetryProperties properties) {
		if (!PublicationStatus.FAILED.equals(status)) {
			return RUNNING;
		}
		return properties.retriesLeft(retries) ? RETRYING : FAILED;
	}

}
