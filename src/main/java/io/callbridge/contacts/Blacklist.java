package io.callbridge.contacts;

import java.time.Instant;
import java.util.List;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tenant's blacklisted numbers, stored in E.164: calls from them are rejected when
 * they start, where the provider lets Callbridge decide.
 */
@Repository
public class Blacklist {

	private final JdbcClient jdbc;

	private final Tenants tenants;

	Blacklist(JdbcClient jdbc, Tenants tenants) {
		this.jdbc = jdbc;
		this.tenants = tenants;
	}

	/**
	 * A blacklisted number.
	 *
	 * @param id id
	 * @param number E.164 number
	 * @param reason why
	 * @param createdAt when it was added
	 */
	public record Entry(long id, String number, @Nullable String reason, Instant createdAt) {
	}

	public boolean contains(long tenantId, String e164) {
		return this.jdbc.sql("SELECT COUNT(*) FROM blacklisted_numbers WHERE tenant_id = ? AND e164 = ?")
			.params(tenantId, e164)
			.query(Long.class)
			.single() > 0;
	}

	public List<Entry> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM blacklisted_numbers WHERE tenant_id = ? ORDER BY e164")
			.param(tenantId)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("e164"), rs.getString("reason"),
					Jdbc.instant(rs, "created_at")))
			.list();
	}

	/** Adds a number given in any format; adding it again is refused with 409. */
	public Entry add(long tenantId, String number, @Nullable String reason, long userId) {
		String e164 = PhoneNumbers.requireValid(number, this.tenants.get(tenantId).defaultRegion(), "number");
		if (contains(tenantId, e164)) {
			throw new Problems.Conflict(Text.of("blacklist.already", PhoneNumbers.display(e164)));
		}
		if (reason != null && reason.length() > 300) {
			throw new Problems.InvalidInput("reason", Text.of("blacklist.reasonTooLong", "300"));
		}
		this.jdbc.sql("""
				INSERT INTO blacklisted_numbers (tenant_id, e164, reason, created_by, created_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(tenantId, e164, (reason == null || reason.isBlank()) ? null : reason.strip(), userId,
					Jdbc.ts(Instant.now()))
			.update();
		return list(tenantId).stream().filter((e) -> e.number().equals(e164)).findFirst().orElseThrow();
	}

	public void remove(long tenantId, long id) {
		int removed = this.jdbc.sql("DELETE FROM blacklisted_numbers WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.update();
		if (removed == 0) {
			throw new Problems.NotFound(Text.of("what.blacklistEntry"), id);
		}
	}

}
