package io.callbridge.crm;

import org.jspecify.annotations.Nullable;

/**
 * An agent as a CRM knows them: the CRM user's id and the telephony code (their
 * extension) registered for them.
 *
 * @param agentId the Callbridge agent
 * @param crmUserId the CRM user's id, when related
 * @param code the code registered in the CRM (the agent's extension unless an admin set
 * another), when known
 */
public record CrmManager(long agentId, @Nullable String crmUserId, @Nullable String code) {
}
