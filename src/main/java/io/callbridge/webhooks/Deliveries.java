package io.callbridge.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The worker's side of {@code webhook_deliveries} and {@code webhook_attempts}: what a
 * claim holds, the log of attempts (written in batches) and each delivery's outcome. An
 * outcome is written only while the claim is still this claimant's.
 */
@Repository
class Deliveries {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	Deliveries(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** The deliveries a claim holds, with their messages and endpoints. */
	List<Claimed> claimed(String claimant) {
		return this.jdbc
			.sql("""
					SELECT d.id, d.attempts, d.order_key, m.message_id, m.event_type, m.payload, m.trigger_query, e.id AS endpoint_id,
					  e.tenant_id, e.url, e.http_method, e.signed, e.kind
					FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
					  JOIN webhook_endpoints e ON e.id = d.endpoint_id
					WHERE d.claimed_by = ?
					ORDER BY d.id""")
			.param(claimant)
			.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getInt("attempts"), rs.getString("order_key"),
					rs.getString("message_id"), rs.getString("event_type"), rs.getString("payload"),
					rs.getString("trigger_query"), rs.getLong("endpoint_id"), rs.getLong("tenant_id"),
					rs.getString("url"), EndpointMethod.valueOf(rs.getString("http_method")), rs.getBoolean("signed"),
					EndpointKind.valueOf(rs.getString("kind"))))
			.list();
	}

	/** Logs attempts, in one batch. */
	void log(Collection<Attempt> attempts) {
		List<Object[]> rows = new ArrayList<>();
		for (Attempt attempt : attempts) {
			rows.add(new Object[] { attempt.deliveryId(), attempt.endpointId(), Jdbc.ts(attempt.attemptedAt()),
					attempt.status(), attempt.latencyMs(), cut(attempt.error(), 300), cut(attempt.excerpt(), 1024) });
		}
		this.batch.batchUpdate("""
				INSERT INTO webhook_attempts (delivery_id, endpoint_id, attempted_at, status, latency_ms, error,
				  response_excerpt)
				VALUES (?, ?, ?, ?, ?, ?, ?)""", rows);
	}

	/**
	 * Settles deliveries: each update applies only while the claim is still the
	 * claimant's.
	 */
	void settle(String claimant, List<Outcome> outcomes) {
		List<Object[]> delivered = new ArrayList<>();
		List<Object[]> retried = new ArrayList<>();
		List<Object[]> failed = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			switch (outcome.state()) {
				case "DELIVERED" -> delivered
					.add(new Object[] { outcome.status(), Jdbc.ts(outcome.at()), outcome.deliveryId(), claimant });
				case "PENDING" -> retried.add(new Object[] { outcome.status(), cut(outcome.error(), 300),
						Jdbc.ts(outcome.at()), outcome.deliveryId(), claimant });
				default -> failed
					.add(new Object[] { outcome.status(), cut(outcome.error(), 300), outcome.deliveryId(), claimant });
			}
		}
		update("""
				UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = attempts + 1, last_status = ?,
				  last_error = NULL, delivered_at = ?, next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND claimed_by = ?""", delivered);
		update("""
				UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ?, last_error = ?,
				  next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND claimed_by = ?""", retried);
		update("""
				UPDATE webhook_deliveries SET state = 'FAILED', attempts = attempts + 1, last_status = ?, last_error = ?,
				  next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND claimed_by = ?""",
				failed);
	}

	/**
	 * Makes the next waiting delivery of each record due, once the ones before it are
	 * settled.
	 */
	void promoteNext(Collection<Claimed> settled, Instant now) {
		List<Object[]> rows = new ArrayList<>();
		for (Claimed claimed : settled) {
			rows.add(new Object[] { Jdbc.ts(now), claimed.endpointId(), claimed.orderKey() });
		}
		update("""
				UPDATE webhook_deliveries SET next_attempt_at = ?
				WHERE id = (SELECT MIN(p.id) FROM webhook_deliveries p WHERE p.endpoint_id = ? AND p.order_key = ?
				    AND p.state = 'PENDING')
				  AND next_attempt_at IS NULL""", rows);
	}

	/**
	 * Makes due every waiting delivery that has nothing pending before it any more: the
	 * safety net for a delivery written while the one before it was being settled.
	 * @return how many were made due
	 */
	int dueWaitingHeads(Instant now) {
		return this.jdbc
			.sql("""
					UPDATE webhook_deliveries SET next_attempt_at = ?
					WHERE state = 'PENDING' AND next_attempt_at IS NULL
					  AND id = (SELECT MIN(p.id) FROM webhook_deliveries p WHERE p.endpoint_id = webhook_deliveries.endpoint_id
					    AND p.order_key = webhook_deliveries.order_key AND p.state = 'PENDING')""")
			.param(Jdbc.ts(now))
			.update();
	}

	private void update(String sql, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			this.batch.batchUpdate(sql, rows);
		}
	}

	/** The endpoint answered: it is not failing. */
	void endpointAnswered(long endpointId) {
		this.jdbc.sql("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL")
			.param(endpointId)
			.update();
	}

	/** The endpoint failed: it is failing since now unless it already was. */
	void endpointFailed(long endpointId, Instant now) {
		this.jdbc.sql("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ? AND failing_since IS NULL")
			.params(Jdbc.ts(now), endpointId)
			.update();
	}

	/**
	 * Disables the endpoint if it has been failing since {@code before} or earlier.
	 * @return whether this call disabled it
	 */
	boolean disableIfFailingSince(long endpointId, Instant before, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhook_endpoints SET enabled = FALSE, disabled_at = ?, disabled_reason = ?, updated_at = ?
				WHERE id = ? AND enabled = TRUE AND failing_since <= ?""")
			.params(Jdbc.ts(now), WebhookEndpoint.DISABLED_FAILING, Jdbc.ts(now), endpointId, Jdbc.ts(before))
			.update() == 1;
	}

	/** Deletes the attempts logged before the cut-off; returns how many. */
	int deleteAttemptsBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM webhook_attempts WHERE attempted_at < ?").param(Jdbc.ts(cutoff)).update();
	}

	/**
	 * Deletes, a slice at a time, the messages written before the cut-off that have no
	 * delivery still pending; their deliveries and attempts go with them.
	 * @return how many messages were deleted
	 */
	int deleteSettledMessagesBefore(Instant cutoff) {
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql("""
					DELETE FROM webhook_messages WHERE id IN (SELECT m.id FROM webhook_messages m
					  WHERE m.created_at < ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
					    WHERE d.message_id = m.id AND d.state = 'PENDING')
					  ORDER BY m.id FETCH FIRST 2000 ROWS ONLY)""").param(Jdbc.ts(cutoff)).update();
			total += deleted;
		}
		while (deleted > 0);
		return total;
	}

	private static @Nullable String cut(@Nullable String text, int max) {
		if (text == null) {
			return null;
		}
		String clean = text.replace('\u0000', '\uFFFD');
		return (clean.length() <= max) ? clean : clean.substring(0, max);
	}

	/** A claimed delivery with what sending it needs. */
	record Claimed(long id, int attempts, String orderKey, String messageId, String eventType, String payload,
			@Nullable String triggerQuery, long endpointId, long tenantId, String url, EndpointMethod method,
			boolean signed, EndpointKind kind) {
	}

	/**
	 * How a delivery is settled.
	 *
	 * @param deliveryId the delivery
	 * @param state DELIVERED, PENDING (retried at {@code at}) or FAILED
	 * @param status the answer's status
	 * @param error what went wrong
	 * @param at when delivered, or when the next attempt is due
	 */
	record Outcome(long deliveryId, String state, @Nullable Integer status, @Nullable String error,
			@Nullable Instant at) {
	}

	/** One attempt to log. */
	record Attempt(long deliveryId, long endpointId, Instant attemptedAt, @Nullable Integer status, long latencyMs,
			@Nullable String error, @Nullable String excerpt) {
	}

}
