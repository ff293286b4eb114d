package io.callbridge.audit;

import org.jspecify.annotations.Nullable;

/**
 * What happened, to record in the audit trail. Holds no password, token or credential:
 * callers pass only names, ids and safe field values.
 *
 * @param tenantId the tenant whose admins see the event
 * @param category what it is about
 * @param action what was done, e.g. {@code update}, {@code revoke}, {@code LOGIN_FAILED}
 * @param actorId the acting user, if known
 * @param actorName the acting user's username, or the username tried at a login
 * @param target the record acted on (the request path, e.g. {@code /api/v1/agents/12})
 * @param details safe details, e.g. {@code role=SUPERVISOR, enabled=false}
 * @param reason why a login failed, e.g. {@code BAD_PASSWORD}
 * @param clientAddress the client's address
 * @param outcome how it ended
 * @param status the HTTP status answered, if any
 */
public record AuditEntry(long tenantId, AuditCategory category, String action, @Nullable Long actorId,
		@Nullable String actorName, @Nullable String target, @Nullable String details, @Nullable String reason,
		@Nullable String clientAddress, AuditOutcome outcome, @Nullable Integer status) {
}
