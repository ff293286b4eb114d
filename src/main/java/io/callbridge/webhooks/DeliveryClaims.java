package io.callbridge.webhooks;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;
import io.callbridge.shared.Jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	// "The head of its record" is a correlated MIN, not NOT EXISTS: PostgreSQL turns NOT
	// EXISTS into an anti-join whose plan depends on statistics, and a deliveries table
	// that grew from empty before its first ANALYZE got a plan that took minutes. The MIN
	// is always one probe of webhook_deliveries_order per candidate.
	private static final String CANDIDATES = """
			SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
			WHERE d.state = 'PENDING' AND d.next_attempt_at <= :now
			  AND (d.claimed_until IS NULL OR d.claimed_until <= :now) AND e.enabled = TRUE
			  AND d.id = (SELECT MIN(p.id) FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id
			    AND p.order_key = d.order_key AND p.state = 'PENDING')
			ORDER BY d.next_attempt_at, d.id
			FETCH FIRST :limit ROWS ONLY""";

	private static final String CLAIM = """
			UPDATE webhook_deliveries SET claimed_by = :claimant, claimed_until = :until
			WHERE id IN (:ids) AND state = 'PENDING' AND (claimed_until IS NULL OR claimed_until <= :now)""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final String candidates;

	DeliveryClaims(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.candidates = Databases.isPostgres(dataSource) ? CANDIDATES + " FOR UPDATE OF d SKIP LOCKED" : CANDIDATES;
	}

	/**
	 * Claims up to {@code limit} due deliveries for {@code claimant} until {@code until}.
	 * @return how many were claimed
	 */
	int claim(String claimant, Instant now, Instant until, int limit) {
		// Two statements in one transaction, not "UPDATE ... WHERE id IN (SELECT ...
		// LIMIT)":
		// PostgreSQL may plan that as a semi-join that runs the limited subquery again
		// for
		// every PENDING row (a cached plan made while the table was small took minutes
		// once it held 20,000). Locking the candidates, then updating them by id, has one
		// plan whatever the table's size or statistics.
		Integer claimed = this.transaction.execute((tx) -> {
			List<Long> ids = this.jdbc.sql(this.candidates)
				.param("now", Jdbc.ts(now))
				.param("limit", limit)
				.query(Long.class)
				.list();
			if (ids.isEmpty()) {
				return 0;
			}
			return this.jdbc.sql(CLAIM)
				.param("claimant", claimant)
				.param("until", Jdbc.ts(until))
				.param("now", Jdbc.ts(now))
				.param("ids", ids)
				.update();
		});
		return (claimed != null) ? claimed : 0;
	}

}
