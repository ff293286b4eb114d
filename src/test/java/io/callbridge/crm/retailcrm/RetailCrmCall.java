package io.callbridge.crm.retailcrm;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One call of a {@code calls/upload} (protocol notes A4) as the simulated retailCRM read
 * it.
 *
 * @param date the start, {@code Y-m-d H:i:s}
 * @param type {@code in} or {@code out}
 * @param phone the customer's phone as sent
 * @param code the handling manager's extension, if sent
 * @param userId the handling CRM user, if sent
 * @param result the result, if sent
 * @param duration talk seconds, if sent
 * @param durationWaiting wait seconds, if sent
 * @param externalId the PBX call id, if sent
 * @param recordUrl the recording's URL, if sent
 * @param externalPhone our line, if sent
 * @param raw the call as sent
 */
public record RetailCrmCall(String date, String type, String phone, @Nullable String code, @Nullable Integer userId,
		@Nullable String result, @Nullable Integer duration, @Nullable Integer durationWaiting,
		@Nullable String externalId, @Nullable String recordUrl, @Nullable String externalPhone, JsonNode raw) {
}
