package io.callbridge.webhooks;

import java.time.Instant;

import javax.sql.DataSource;

import io.callbridge.shared.Jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Claims due deliveries for one node, on the database's clock. A delivery is due when it
 * is PENDING, its next attempt is due, nobody holds an unexpired claim on it, its
 * endpoint is enabled, and it is the head of its (endpoint, order key): no earlier
 * delivery of the same record to the same endpoint is still PENDING, so one record's
 * messages never overtake each other. The vendor difference is one clause: on PostgreSQL
 * the candidates are locked with {@code FOR UPDATE SKIP LOCKED}, so nodes claiming at
 * once take different rows instead of waiting for each other; H2 serves one node, whose
 * single worker claims with the conditional update alone.
 */
@Component
class DeliveryClaims {

	private static final String CANDIDATES = """
			SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
			WHERE d.state = 'PENDING' AND d.next_attempt_at <= :now
			  AND (d.claimed_until IS NULL OR d.claimed_until <= :now) AND e.enabled = TRUE
			  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id
			    AND p.order_key = d.order_key AND p.state = 'PENDING' AND p.id < d.id)
			ORDER BY d.next_attempt_at, d.id
			FETCH FIRST :limit ROWS ONLY""";

	private final JdbcClient jdbc;

	private final String claim;

	DeliveryClaims(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		String candidates = isPostgres(dataSource) ? CANDIDATES + " FOR UPDATE OF d SKIP LOCKED" : CANDIDATES;
		this.claim = "UPDATE webhook_deliveries SET claimed_by = :claimant, claimed_until = :until WHERE id IN ("
				+ candidates + ") AND state = 'PENDING' AND (claimed_until IS NULL OR claimed_until <= :now)";
	}

	/**
	 * Claims up to {@code limit} due deliveries for {@code claimant} until {@code until}.
	 * @return how many were claimed
	 */
	int claim(String claimant, Instant now, Instant until, int limit) {
		return this.jdbc.sql(this.claim)
			.param("claimant", claimant)
			.param("until", Jdbc.ts(until))
			.param("now", Jdbc.ts(now))
			.param("limit", limit)
			.update();
	}

	private static boolean isPostgres(DataSource dataSource) {
		try {
			return "PostgreSQL".equalsIgnoreCase(
					JdbcUtils.extractDatabaseMetaData(dataSource, (meta) -> meta.getDatabaseProductName()));
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database Callbridge runs on", ex);
		}
	}

}
