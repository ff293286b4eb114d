package io.callbridge.crm;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** What came of sending one push to the CRM. */
public sealed interface CrmDeliveryResult {

	/** The HTTP status of the CRM's answer, {@code null} without an answer. */
	@Nullable Integer status();

	/**
	 * The CRM took it.
	 *
	 * @param status the answer's status
	 * @param answer the CRM's answer (its first kilobyte), for the delivery log
	 * @param unknownCodes codes the CRM says it does not know (retailCRM's
	 * {@code notExistCodes})
	 * @param unknownUserIds user ids it does not know
	 * @param duplicate whether the CRM already had this call (retailCRM's
	 * {@code duplicateCalls})
	 */
	record Delivered(@Nullable Integer status, String answer, List<String> unknownCodes, List<String> unknownUserIds,
			boolean duplicate) implements CrmDeliveryResult {

		public Delivered {
			unknownCodes = List.copyOf(unknownCodes);
			unknownUserIds = List.copyOf(unknownUserIds);
		}

	}

	/**
	 * Not taken now; to be tried again (CRM down, rate limited, timed out).
	 *
	 * @param status the answer's status
	 * @param error what went wrong (secrets scrubbed)
	 * @param retryAfter how long the CRM asked to wait, if it said
	 */
	record Retry(@Nullable Integer status, String error, @Nullable Duration retryAfter) implements CrmDeliveryResult {
	}

	/**
	 * Refused for good as it stands (wrong key, refused fields): kept as failed and
	 * replayable once fixed.
	 *
	 * @param status the answer's status
	 * @param error what went wrong, with the CRM's own message
	 */
	record Rejected(@Nullable Integer status, String error) implements CrmDeliveryResult {
	}

}
