package io.callbridge.crm.retailcrm;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code call/event} the simulated retailCRM accepted (protocol notes A3), in the order
 * received.
 *
 * @param type {@code in}, {@code out} or {@code hangup}
 * @param phone the customer's phone as sent
 * @param codes the managers' extension codes
 * @param userIds the CRM user ids
 * @param hangupStatus for a hangup, if sent
 * @param externalPhone our line, if sent
 * @param callExternalId the PBX call id, if sent
 * @param site the store code, if sent
 * @param notExistCodes codes answered as unknown
 * @param notExistUsers user ids answered as unknown
 * @param raw the event as sent
 */
public record RetailCrmEvent(String type, String phone, List<String> codes, List<Integer> userIds,
		@Nullable String hangupStatus, @Nullable String externalPhone, @Nullable String callExternalId,
		@Nullable String site, List<String> notExistCodes, List<Integer> notExistUsers, JsonNode raw) {
}
