package io.callbridge.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.PagedQuery;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored audit trail of each tenant: records events (at the database's time) and
 * lists them newest first, filtered and paged.
 */
@Repository
public class AuditTrail {

	private final JdbcClient jdbc;

	AuditTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an event; over-long values are cut to the column sizes, NUL characters
	 * replaced.
	 */
	public void record(AuditEntry entry) {
		this.jdbc.sql("""
				INSERT INTO audit_events (tenant_id, category, action, actor_id, actor_name, target, details, reason,
				  client_address, outcome, status)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(entry.tenantId(), entry.category().name(), cut(entry.action(), 60), entry.actorId(),
					cut(entry.actorName(), 100), cut(entry.target(), 300), cut(entry.details(), 1000),
					cut(entry.reason(), 40), cut(entry.clientAddress(), 64), entry.outcome().name(), entry.status())
			.update();
	}

	/** The tenant's events matching the filter, newest first. */
	public PageResult<AuditEvent> search(long tenantId, AuditFilter filter, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(tenantId, filter, params);
		return new PagedQuery("*", "audit_events WHERE " + where, "occurred_at DESC, id DESC").fetch(this.jdbc, params,
				page, size, AuditTrail::map);
	}

	/** Deletes the events recorded before the cut-off; returns how many. */
	public int deleteBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM audit_events WHERE occurred_at < ?").param(Jdbc.ts(cutoff)).update();
	}

	private static String where(long tenantId, AuditFilter filter, Map<String, Object> params) {
		StringBuilder where = new StringBuilder("tenant_id = :tenant");
		params.put("tenant", tenantId);
		if (filter.category() != null) {
			where.append(" AND category = :category");
			params.put("category", filter.category().name());
		}
		if (filter.outcome() != null) {
			where.append(" AND outcome = :outcome");
			params.put("outcome", filter.outcome().name());
		}
		if (filter.actor() != null && !filter.actor().isBlank()) {
			where.append(" AND LOWER(actor_name) LIKE :actor ESCAPE '\\'");
			params.put("actor", "%" + likeEscaped(filter.actor().strip().toLowerCase(Locale.ROOT)) + "%");
		}
		if (filter.from() != null) {
			where.append(" AND occurred_at >= :from");
			params.put("from", Jdbc.ts(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND occurred_at < :to");
			params.put("to", Jdbc.ts(filter.to()));
		}
		return where.toString();
	}

	private static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static AuditEvent map(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getLong("id"), Jdbc.instant(rs, "occurred_at"),
				new AuditEntry(rs.getLong("tenant_id"), AuditCategory.valueOf(rs.getString("category")),
						rs.getString("action"), Jdbc.longOrNull(rs, "actor_id"), rs.getString("actor_name"),
						rs.getString("target"), rs.getString("details"), rs.getString("reason"),
						rs.getString("client_address"), AuditOutcome.valueOf(rs.getString("outcome")),
						Jdbc.intOrNull(rs, "status")));
	}

	// PostgreSQL refuses the NUL character in text; a value holding one (a field of a
	// fuzzed or hostile request) is still recorded, the NUL shown as U+FFFD.
	private static @Nullable String cut(@Nullable String value, int max) {
		if (value == null) {
			return null;
		}
		String clean = value.replace('\u0000', '\uFFFD');
		return (clean.length() <= max) ? clean : clean.substring(0, max);
	}

}
