package io.callbridge.calls;

import java.time.Instant;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the call history; every field is optional.
 *
 * @param from calls started at or after
 * @param to calls started before
 * @param agentId calls the agent had, made or was rung for
 * @param contactId calls linked to the contact
 * @param direction direction
 * @param result result
 * @param campaignId calls made for or arriving through the campaign
 */
public record CallFilter(@Nullable Instant from, @Nullable Instant to, @Nullable Long agentId, @Nullable Long contactId,
		@Nullable CallDirection direction, @Nullable CallResult result, @Nullable Long campaignId) {

	public CallFilter(@Nullable Instant from, @Nullable Instant to, @Nullable Long agentId, @Nullable Long contactId,
			@Nullable CallDirection direction, @Nullable CallResult result) {
		this(from, to, agentId, contactId, direction, result, null);
	}

	public static CallFilter none() {
		return new CallFilter(null, null, null, null, null, null, null);
	}

}
