package io.callbridge.webhooks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An endpoint's latest activity, for a status shown by the module that manages it (a CRM
 * connection's page).
 *
 * @param lastDeliveredAt when its last delivery was delivered
 * @param lastAttemptAt when it was last tried
 * @param lastError the last attempt's error (its error, else its non-2xx status), or
 * {@code null} when the last attempt succeeded or there was none
 */
public record EndpointActivity(@Nullable Instant lastDeliveredAt, @Nullable Instant lastAttemptAt,
		@Nullable String lastError) {
}
