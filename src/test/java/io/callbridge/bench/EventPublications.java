package io.callbridge.bench;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's view of the event publication registry: how many publications of one
 * tenant since a moment are still incomplete. With completion-mode 'delete' a completed
 * publication is deleted; what is left is incomplete, either still to run or failed
 * (status FAILED; Modulith 2.1 schema). The calls whose statistics facts are still queued
 * ({@code call_facts_due}) count as well: that work is done after the commit too, only
 * not through a publication (failed: put off after a failed write). Scoped to the tenant
 * because the PostgreSQL database may be shared.
 */
final class EventPublications {

	private EventPublications() {
	}

	static long incomplete(JdbcClient jdbc, long tenantId, Instant since, boolean failedOnly) {
		return publications(jdbc, tenantId, since, failedOnly) + factsDue(jdbc, tenantId, failedOnly);
	}

	private static long factsDue(JdbcClient jdbc, long tenantId, boolean failedOnly) {
		return jdbc
			.sql("SELECT COUNT(*) FROM call_facts_due WHERE tenant_id = ?" + (failedOnly ? " AND attempts > 0" : ""))
			.param(tenantId)
			.query(Long.class)
			.single();
	}

	private static long publications(JdbcClient jdbc, long tenantId, Instant since, boolean failedOnly) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND publication_date >= ?
				  AND serialized_event LIKE ?""" + (failedOnly ? " AND status = 'FAILED'" : ""))
			.params(since.minusSeconds(1).atOffset(ZoneOffset.UTC), "%\"tenantId\":" + tenantId + ",%")
			.query(Long.class)
			.single();
	}

}
