package io.callbridge.crm.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Writes a delivery of a CRM connection's endpoint straight into the outbox's tables, due
 * only in a year, so the worker never claims it while a test reads the connection's
 * delivery log (the webhooks API refuses test events on connector endpoints).
 */
final class StoredDeliveries {

	/** The type given to these deliveries, shown raw in the log. */
	static final String TYPE = "webhook.test";

	private StoredDeliveries() {
	}

	/** A pending delivery on the endpoint; returns its id. */
	static long pendingOn(JdbcClient jdbc, long tenantId, long endpointId) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String orderKey = "test:" + UUID.randomUUID();
		GeneratedKeyHolder message = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO webhook_messages (tenant_id, message_id, event_type, order_key, payload, created_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(tenantId, "msg_" + UUID.randomUUID().toString().replace("-", ""), TYPE, orderKey,
					"{\"type\":\"" + TYPE + "\",\"data\":{}}", Timestamp.from(now))
			.update(message, "id");
		GeneratedKeyHolder delivery = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO webhook_deliveries (message_id, endpoint_id, order_key, state, attempts, next_attempt_at,
				  created_at)
				VALUES (?, ?, ?, 'PENDING', 0, ?, ?)""")
			.params(message.getKeyAs(Long.class), endpointId, orderKey, Timestamp.from(now.plus(365, ChronoUnit.DAYS)),
					Timestamp.from(now))
			.update(delivery, "id");
		return delivery.getKeyAs(Long.class);
	}

}
