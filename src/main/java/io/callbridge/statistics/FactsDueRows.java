package io.callbridge.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import io.callbridge.shared.Jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queue of ended calls whose facts are still to be written ({@code call_facts_due}):
 * rows added by the transaction that ended the calls, taken and deleted by the one that
 * writes their facts.
 */
@Repository
class FactsDueRows {

	private final JdbcClient jdbc;

	FactsDueRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A call whose fact is due.
	 *
	 * @param id the row's id
	 * @param callId the call
	 * @param attempts how many writes of its fact failed
	 */
	record Due(long id, long callId, int attempts) {
	}

	/**
	 * Queues the calls of a tenant, in the current transaction.
	 * @param tenantId tenant
	 * @param callIds the calls
	 */
	void queue(long tenantId, List<Long> callIds) {
		for (List<Long> part : Jdbc.chunks(callIds)) {
			List<Object> params = new ArrayList<>(2 * part.size());
			part.forEach((callId) -> {
				params.add(tenantId);
				params.add(callId);
			});
			this.jdbc
				.sql("INSERT INTO call_facts_due (tenant_id, call_id) VALUES "
						+ String.join(", ", Collections.nCopies(part.size(), "(?, ?)")))
				.params(params)
				.update();
		}
	}

	/**
	 * The tenant's calls due now, oldest first (one range of the (tenant_id, id) index).
	 * @param tenantId tenant
	 * @param limit at most this many
	 * @return the calls
	 */
	List<Due> take(long tenantId, int limit) {
		return this.jdbc.sql("""
				SELECT id, call_id, attempts FROM call_facts_due
				WHERE tenant_id = ? AND next_attempt_at <= CURRENT_TIMESTAMP ORDER BY id FETCH FIRST ? ROWS ONLY""")
			.params(tenantId, limit)
			.query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("call_id"), rs.getInt("attempts")))
			.list();
	}

	/**
	 * Removes written calls from the queue.
	 * @param ids the rows' ids
	 */
	void delete(Collection<Long> ids) {
		for (List<Long> part : Jdbc.chunks(ids)) {
			this.jdbc
				.sql("DELETE FROM call_facts_due WHERE id IN ("
						+ String.join(", ", Collections.nCopies(part.size(), "?")) + ")")
				.params(List.copyOf(part))
				.update();
		}
	}

	/**
	 * Counts a failed write of the call's fact and puts it off.
	 * @param id the row's id
	 * @param until when to try again (the database's clock)
	 */
	void postpone(long id, Instant until) {
		this.jdbc.sql("UPDATE call_facts_due SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?")
			.params(Jdbc.ts(until), id)
			.update();
	}

	/**
	 * The tenants with calls due now.
	 * @param limit at most this many
	 * @return the tenants
	 */
	List<Long> tenants(int limit) {
		return this.jdbc.sql("""
				SELECT DISTINCT tenant_id FROM call_facts_due WHERE next_attempt_at <= CURRENT_TIMESTAMP
				ORDER BY tenant_id FETCH FIRST ? ROWS ONLY""").param(limit).query(Long.class).list();
	}

}
