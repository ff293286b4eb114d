package io.callbridge.crm;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An agent and their relation to the connection's CRM.
 *
 * @param agentId the agent
 * @param agentName their name
 * @param crmUserId the CRM user they are, when related
 * @param codeOverride the code an admin set instead of the extension
 * @param code the code registered for them: the override, else their extension on the
 * connection's first account where they have one
 * @param extensions their extensions on the connection's accounts
 * @param unknownToCrm whether the CRM said it does not know the user or code
 */
public record ManagerView(long agentId, String agentName, @Nullable String crmUserId, @Nullable String codeOverride,
		@Nullable String code, List<String> extensions, boolean unknownToCrm) {
}
