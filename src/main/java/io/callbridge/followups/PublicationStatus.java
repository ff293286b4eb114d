package io.callbridge.followups;

/**
 * The values of the event publication registry's {@code status} column (Spring Modulith's
 * {@code EventPublication.Status}) that the SQL of this module tests.
 */
final class PublicationStatus {

	/** The listener failed; the publication waits for a retry. */
	static final String FAILED = "FAILED";

	/** Statuses of a publication whose listener is running or about to run. */
	static final String RUNNING_SQL = "('PUBLISHED', 'PROCESSING', 'RESUBMITTED')";

	private PublicationStatus() {
	}

}
