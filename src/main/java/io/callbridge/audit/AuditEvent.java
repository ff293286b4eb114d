package io.callbridge.audit;

import java.time.Instant;

/**
 * A recorded audit event.
 *
 * @param id id
 * @param occurredAt when it was recorded (database time)
 * @param entry what happened
 */
public record AuditEvent(long id, Instant occurredAt, AuditEntry entry) {
}
