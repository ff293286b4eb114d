package io.callbridge.crm;

import java.util.List;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/** What came of registering the integration in the CRM. */
public sealed interface CrmRegistrationResult {

	/**
	 * The CRM took the registration.
	 *
	 * @param status the HTTP status of its answer
	 * @param answer the CRM's answer (its first kilobyte), shown to the admin
	 * @param unknownUserIds user ids the CRM says it does not have
	 */
	record Registered(int status, String answer, List<String> unknownUserIds) implements CrmRegistrationResult {

		public Registered {
			unknownUserIds = List.copyOf(unknownUserIds);
		}

	}

	/**
	 * The CRM refused it or could not be reached.
	 *
	 * @param status the HTTP status of its answer, {@code null} without an answer
	 * @param reason what went wrong, with the CRM's own message
	 * @param retryable whether trying again later may succeed (down, rate limited) rather
	 * than needing the admin (wrong key, refused fields)
	 */
	record Failed(@Nullable Integer status, Text reason, boolean retryable) implements CrmRegistrationResult {
	}

}
