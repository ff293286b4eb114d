package io.callbridge.crm;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A connection as the API and pages show it: its settings (never a secret's value) and
 * its status.
 *
 * @param id id
 * @param connector the connector's key
 * @param name name
 * @param baseUrl the CRM's address
 * @param integrationCode the integration's code in the CRM
 * @param publicBaseUrl Callbridge's public address given to the CRM
 * @param accountIds the telephony accounts served
 * @param responsibleFromCrm whether routing asks the CRM
 * @param enabled whether it is on
 * @param settings the connector's non-secret fields
 * @param secretsSet the names of the secret fields that have a value
 * @param registration where the registration in the CRM stands
 * @param deliveries where the deliveries to the CRM stand
 * @param unknownCodes codes the CRM said it does not know (until registered again)
 * @param createdAt created
 * @param updatedAt last changed
 */
public record ConnectionView(long id, String connector, String name, String baseUrl, String integrationCode,
		String publicBaseUrl, List<Long> accountIds, boolean responsibleFromCrm, boolean enabled,
		Map<String, String> settings, List<String> secretsSet, Registration registration, Deliveries deliveries,
		List<String> unknownCodes, Instant createdAt, Instant updatedAt) {

	/**
	 * The registration's state.
	 *
	 * @param state NEVER (not connected yet), PENDING (to be registered again: codes or
	 * URLs changed, or a retryable failure), REGISTERED or FAILED (needs the admin)
	 * @param at when it was last tried
	 * @param message what came of it, in the admin's language
	 * @param answer the CRM's answer (first kilobyte)
	 * @param unknownUserIds user ids the CRM said it does not have
	 */
	public record Registration(String state, @Nullable Instant at, @Nullable String message, @Nullable String answer,
			List<String> unknownUserIds) {
	}

	/**
	 * The deliveries' state (from the connection's outbox endpoint).
	 *
	 * @param pending deliveries waiting or being retried
	 * @param failed deliveries given up (replayable)
	 * @param lastDeliveredAt the last one the CRM took
	 * @param failingSince since when every attempt fails, if so
	 * @param lastError the last attempt's error
	 * @param paused whether deliveries are held (connection disabled, or the endpoint
	 * disabled after failing too long)
	 */
	public record Deliveries(long pending, long failed, @Nullable Instant lastDeliveredAt,
			@Nullable Instant failingSince, @Nullable String lastError, boolean paused) {
	}

}
