package io.callbridge.campaigns.sites;

import org.jspecify.annotations.Nullable;

/**
 * A token authentication as submitted. On a change, a blank password keeps the stored
 * one.
 *
 * @param name name
 * @param url login URL
 * @param username user name
 * @param password password
 * @param tokenField the answer's field with the token (default {@code token})
 * @param durationSeconds validity in seconds; 0 to read {@code durationField}
 * @param durationField the answer's field with the validity
 */
public record ExternalSiteAuthCommand(@Nullable String name, @Nullable String url, @Nullable String username,
		@Nullable String password, @Nullable String tokenField, @Nullable Integer durationSeconds,
		@Nullable String durationField) {
}
