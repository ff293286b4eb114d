package io.callbridge.uis;

import java.time.Instant;

/**
 * The API points an account had left when UIS last told it ({@code metadata.limits} of an
 * answer), for the account page.
 *
 * @param api {@code call} or {@code data} (each API has its own limits)
 * @param dayLimit points per day
 * @param dayRemaining points left today
 * @param minuteLimit points per minute
 * @param minuteRemaining points left this minute
 * @param observedAt when UIS said so (database clock)
 */
public record UisPoints(String api, int dayLimit, int dayRemaining, int minuteLimit, int minuteRemaining,
		Instant observedAt) {
}
