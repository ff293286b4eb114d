package io.callbridge.statistics;

import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuild cursor of each tenant ({@code call_fact_rebuilds}): the zone its facts are
 * computed in, the first call id still to go through and whether all were. Its row is
 * also the tenant's lock: every write of the tenant's facts holds it until its
 * transaction ends, so writes of calls of the same number (a missed call and its
 * call-back) never miss each other, and a batch of the rebuild never interleaves with a
 * listener's write.
 */
@Repository
class CallFactRebuilds {

	private static final RowMapper<Cursor> ROW = (rs, n) -> new Cursor(rs.getLong("tenant_id"),
			ZoneId.of(rs.getString("zone")), rs.getLong("next_call_id"), rs.getBoolean("done"));

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	CallFactRebuilds(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Where a tenant's rebuild stands.
	 *
	 * @param tenantId tenant
	 * @param zone the zone the facts were and are computed in
	 * @param nextCallId the first call id not yet gone through
	 * @param done whether every call was gone through (in that zone)
	 */
	record Cursor(long tenantId, ZoneId zone, long nextCallId, boolean done) {
	}

	/** Every tenant's cursor, by tenant. */
	Map<Long, Cursor> all() {
		return this.jdbc.sql("SELECT * FROM call_fact_rebuilds")
			.query(ROW)
			.list()
			.stream()
			.collect(Collectors.toMap(Cursor::tenantId, Function.identity()));
	}

	/**
	 * Locks the tenant's row until the transaction ends, first creating it (to be gone
	 * through from the start: its calls may have ended before statistics existed).
	 * @param tenantId tenant
	 * @param zone the tenant's zone, read only for a new row
	 * @return the cursor
	 */
	Cursor lock(long tenantId, Supplier<ZoneId> zone) {
		return this.jdbc.sql("SELECT * FROM call_fact_rebuilds WHERE tenant_id = ? FOR UPDATE")
			.param(tenantId)
			.query(ROW)
			.optional()
			.orElseGet(() -> {
				create(tenantId, zone.get());
				return this.jdbc.sql("SELECT * FROM call_fact_rebuilds WHERE tenant_id = ? FOR UPDATE")
					.param(tenantId)
					.query(ROW)
					.single();
			});
	}

	/** Starts the tenant's rebuild again from its first call, in the given zone. */
	void restart(long tenantId, ZoneId zone) {
		this.jdbc.sql("UPDATE call_fact_rebuilds SET zone = ?, next_call_id = 0, done = FALSE WHERE tenant_id = ?")
			.params(zone.getId(), tenantId)
			.update();
	}

	/** Notes how far the tenant's rebuild went. */
	void advance(long tenantId, long nextCallId, boolean done) {
		this.jdbc.sql("UPDATE call_fact_rebuilds SET next_call_id = ?, done = ? WHERE tenant_id = ?")
			.params(nextCallId, done, tenantId)
			.update();
	}

	// In a savepoint, rolled back to when the insert fails: on PostgreSQL a failed insert
	// would end the transaction it ran in. The loser of two first writers of a tenant
	// then
	// waits for the winner's row.
	private void create(long tenantId, ZoneId zone) {
		try {
			this.savepoint.executeWithoutResult((status) -> this.jdbc
				.sql("INSERT INTO call_fact_rebuilds (tenant_id, zone, next_call_id, done) VALUES (?, ?, 0, FALSE)")
				.params(tenantId, zone.getId())
				.update());
		}
		catch (DuplicateKeyException ex) {
			// another writer of the tenant created it first
		}
	}

}
