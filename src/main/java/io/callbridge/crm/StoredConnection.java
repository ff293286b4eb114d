package io.callbridge.crm;

import java.time.Instant;
import java.util.List;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * A connection's row: the connection, its encrypted credentials and its registration's
 * state.
 *
 * @param connection the connection
 * @param credentials the secret fields, encrypted JSON
 * @param state the registration's state
 * @param registrationAt when it was last registered or tried
 * @param message what came of it
 * @param answer the CRM's answer (first kilobyte)
 * @param unknownUserIds user ids the CRM said it does not have
 * @param fingerprint what was last sent to the CRM, as a hash
 * @param failures retryable failures in a row
 * @param nextRegistrationAt when a pending registration is due (database clock)
 * @param unknownCodes codes a delivery's answer said the CRM does not know
 * @param createdAt created
 * @param updatedAt last changed
 */
record StoredConnection(CrmConnection connection, String credentials, RegistrationState state,
		@Nullable Instant registrationAt, @Nullable Text message, @Nullable String answer, List<String> unknownUserIds,
		@Nullable String fingerprint, int failures, @Nullable Instant nextRegistrationAt, List<String> unknownCodes,
		Instant createdAt, Instant updatedAt) {

	StoredConnection {
		unknownUserIds = List.copyOf(unknownUserIds);
		unknownCodes = List.copyOf(unknownCodes);
	}

	long id() {
		return this.connection.id();
	}

	long tenantId() {
		return this.connection.tenantId();
	}

}
