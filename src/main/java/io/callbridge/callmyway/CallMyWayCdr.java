package io.callbridge.callmyway;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * One call record as CallMyWay's {@code getCdrs} returns it, for live calls and history
 * alike. Times are local to the account ({@code YYYY-MM-DD HH:mm:ss}); a connect time of
 * {@code 1970-01-01 00:00:00} means the call is not (or was never) connected.
 *
 * @param callId the unique id of the call
 * @param ani the calling number (the agent's EP on outgoing calls)
 * @param dnis the called number (the agent's EP on incoming calls)
 * @param detectTime when the platform detected the call
 * @param connectTime when it connected, or the 1970 marker
 * @param duration seconds ("0" for live calls)
 * @param aniUser the calling user
 * @param dnisUser the called user
 * @param cost the call's charge in the account's currency
 * @param accessFee access charges, for some calls
 * @param rate the rate per minute
 * @param routePattern the dial pattern that set the rate
 * @param routeName the destination's name (outgoing)
 * @param accessEndpointId the id of the endpoint the call came in through
 * @param dstEndpointId the id of the destination endpoint
 */
public record CallMyWayCdr(String callId, @Nullable String ani, @Nullable String dnis, @Nullable String detectTime,
		@Nullable String connectTime, int duration, @Nullable String aniUser, @Nullable String dnisUser,
		@Nullable BigDecimal cost, @Nullable BigDecimal accessFee, @Nullable BigDecimal rate,
		@Nullable String routePattern, @Nullable String routeName, @Nullable String accessEndpointId,
		@Nullable String dstEndpointId) {

	/** CallMyWay's date format. */
	public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final String NOT_CONNECTED = "1970-01-01 00:00:00";

	/** Whether the call is (or was) connected. */
	public boolean connected() {
		return this.connectTime != null && !this.connectTime.isBlank()
				&& !NOT_CONNECTED.equals(this.connectTime.strip());
	}

	/**
	 * When the call was detected, in UTC, reading CallMyWay's local time in {@code zone}.
	 */
	public @Nullable Instant detectedAt(ZoneId zone) {
		return parse(this.detectTime, zone);
	}

	/** When the call connected, or {@code null} when it did not. */
	public @Nullable Instant connectedAt(ZoneId zone) {
		return connected() ? parse(this.connectTime, zone) : null;
	}

	private static @Nullable Instant parse(@Nullable String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip(), FORMAT).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
