package io.callbridge.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.PagedQuery;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.webhooks.WebhookDelivery.WebhookAttempt;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the web layer shows and does with deliveries: an endpoint's log (newest first,
 * with attempts), its statistics, a test event, and replays (one delivery, or every
 * message of a time range that was for the endpoint), each a new delivery of the same
 * message with the same {@code webhook-id}. Every method is scoped by tenant.
 */
@Service
public class WebhookDeliveries {

	/** The longest range {@link #replayRange} re-delivers at once. */
	public static final Duration MAX_REPLAY_RANGE = Duration.ofDays(31);

	private final JdbcClient jdbc;

	private final WebhookEndpoints endpoints;

	private final WebhookOutbox outbox;

	private final DatabaseClock clock;

	WebhookDeliveries(JdbcClient jdbc, WebhookEndpoints endpoints, WebhookOutbox outbox, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.endpoints = endpoints;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** The endpoint's deliveries, newest first, each with its attempts. */
	public PageResult<WebhookDelivery> deliveries(long tenantId, long endpointId, int page, int size) {
		PageResult.validate(page, size);
		this.endpoints.get(tenantId, endpointId);
		PageResult<WebhookDelivery> deliveries = new PagedQuery("d.*, m.message_id AS webhook_id, m.event_type",
				"webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id WHERE d.endpoint_id = :endpoint",
				"d.id DESC")
			.fetch(this.jdbc, Map.of("endpoint", endpointId), page, size, WebhookDeliveries::map);
		Map<Long, List<WebhookAttempt>> attempts = attempts(
				deliveries.items().stream().map(WebhookDelivery::id).toList());
		return deliveries.map((d) -> new WebhookDelivery(d.id(), d.endpointId(), d.messageId(), d.eventType(),
				d.orderKey(), d.state(), d.attempts(), d.nextAttemptAt(), d.lastStatus(), d.lastError(),
				d.deliveredAt(), d.createdAt(), attempts.getOrDefault(d.id(), List.of())));
	}

	/** One delivery of the tenant with its attempts, or a 404. */
	public WebhookDelivery delivery(long tenantId, long deliveryId) {
		WebhookDelivery delivery = this.jdbc.sql("""
				SELECT d.*, m.message_id AS webhook_id, m.event_type FROM webhook_deliveries d
				  JOIN webhook_messages m ON m.id = d.message_id
				WHERE d.id = ? AND m.tenant_id = ?""")
			.params(deliveryId, tenantId)
			.query(WebhookDeliveries::map)
			.optional()
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.webhookDelivery"), deliveryId));
		List<WebhookAttempt> attempts = attempts(List.of(deliveryId)).getOrDefault(deliveryId, List.of());
		return new WebhookDelivery(delivery.id(), delivery.endpointId(), delivery.messageId(), delivery.eventType(),
				delivery.orderKey(), delivery.state(), delivery.attempts(), delivery.nextAttemptAt(),
				delivery.lastStatus(), delivery.lastError(), delivery.deliveredAt(), delivery.createdAt(), attempts);
	}

	/**
	 * The endpoint's success rate over the last 24 hours, its next retry and its counts
	 * of deliveries per state.
	 */
	public EndpointStats stats(long tenantId, long endpointId) {
		this.endpoints.get(tenantId, endpointId);
		Instant since = this.clock.now().minus(Duration.ofHours(24));
		long[] attempts = this.jdbc.sql("""
				SELECT COUNT(*) AS total,
				  COALESCE(SUM(CASE WHEN status >= 200 AND status < 300 THEN 1 ELSE 0 END), 0) AS ok
				FROM webhook_attempts WHERE endpoint_id = ? AND attempted_at >= ?""")
			.params(endpointId, Jdbc.ts(since))
			.query((rs, n) -> new long[] { rs.getLong("total"), rs.getLong("ok") })
			.single();
		Map<String, Long> states = this.jdbc
			.sql("SELECT state, COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ? GROUP BY state")
			.param(endpointId)
			.query((rs, n) -> Map.entry(rs.getString("state"), rs.getLong("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		Instant nextRetry = this.jdbc.sql("""
				SELECT MIN(next_attempt_at) AS next FROM webhook_deliveries
				WHERE endpoint_id = ? AND state = 'PENDING' AND attempts > 0""")
			.param(endpointId)
			.query((rs, n) -> Jdbc.instant(rs, "next"))
			.optional()
			.orElse(null);
		return new EndpointStats(attempts[0], attempts[1],
				(attempts[0] == 0) ? null : (double) attempts[1] / attempts[0], nextRetry,
				states.getOrDefault("PENDING", 0L), states.getOrDefault("DELIVERED", 0L),
				states.getOrDefault("FAILED", 0L));
	}

	/**
	 * Sends a {@code webhook.test} message to the endpoint (delivered like any other,
	 * with retries and log), even while it is disabled (it then waits).
	 * @return the message's {@code webhook-id}
	 */
	@Transactional
	public String sendTestEvent(long tenantId, long endpointId) {
		WebhookEndpoint endpoint = this.endpoints.get(tenantId, endpointId);
		WebhookEndpoints.refuseConnector(endpoint);
		return this.outbox.enqueueFor(endpoint, WebhookEventTypes.TEST, "test:" + endpointId,
				new TestWebhookData(1, endpointId, "This is a test message from Callbridge."));
	}

	/**
	 * Delivers a delivery's message again to its endpoint, as a new delivery with the
	 * same {@code webhook-id}, after whatever of the same record is still pending.
	 * @return the new delivery's id
	 */
	@Transactional
	public long replayDelivery(long tenantId, long deliveryId) {
		WebhookDelivery delivery = delivery(tenantId, deliveryId);
		long messageRow = this.jdbc.sql("SELECT message_id FROM webhook_deliveries WHERE id = ?")
			.param(deliveryId)
			.query(Long.class)
			.single();
		return this.outbox.redeliver(messageRow, delivery.orderKey(), delivery.endpointId());
	}

	/**
	 * Delivers again every message written in {@code [from, to)} that was for the
	 * endpoint (each once, in their order), as new deliveries with their
	 * {@code webhook-id}s. The range is at most {@link #MAX_REPLAY_RANGE}.
	 * @return how many messages are delivered again
	 */
	@Transactional
	public int replayRange(long tenantId, long endpointId, Instant from, Instant to) {
		this.endpoints.get(tenantId, endpointId);
		if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_REPLAY_RANGE) > 0) {
			throw new Problems.InvalidInput("to", Text.of("webhooks.range.invalid", MAX_REPLAY_RANGE.toDays()));
		}
		List<Map.Entry<Long, String>> messages = this.jdbc.sql("""
				SELECT m.id, m.order_key FROM webhook_messages m
				WHERE m.tenant_id = ? AND m.created_at >= ? AND m.created_at < ?
				  AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.message_id = m.id AND d.endpoint_id = ?)
				ORDER BY m.id""")
			.params(tenantId, Jdbc.ts(from), Jdbc.ts(to), endpointId)
			.query((rs, n) -> Map.entry(rs.getLong("id"), rs.getString("order_key")))
			.list();
		messages.forEach((message) -> this.outbox.redeliver(message.getKey(), message.getValue(), endpointId));
		return messages.size();
	}

	/**
	 * The endpoint's last delivery and last attempt, for the status of a module's managed
	 * endpoint.
	 */
	public EndpointActivity activity(long tenantId, long endpointId) {
		this.endpoints.get(tenantId, endpointId);
		// The newest delivered one by id, read backwards on (endpoint_id, id): not a MAX
		// over every delivery the endpoint ever had.
		Instant delivered = this.jdbc.sql("""
				SELECT delivered_at AS last FROM webhook_deliveries WHERE endpoint_id = ? AND state = 'DELIVERED'
				ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""")
			.param(endpointId)
			.query((rs, n) -> Jdbc.instant(rs, "last"))
			.optional()
			.orElse(null);
		return this.jdbc.sql("""
				SELECT attempted_at, status, error FROM webhook_attempts WHERE endpoint_id = ?
				ORDER BY attempted_at DESC, id DESC FETCH FIRST 1 ROWS ONLY""").param(endpointId).query((rs, n) -> {
			Integer status = Jdbc.intOrNull(rs, "status");
			String error = rs.getString("error");
			boolean failed = error != null || (status != null && (status < 200 || status >= 300));
			return new EndpointActivity(delivered, Jdbc.instant(rs, "attempted_at"),
					!failed ? null : (error != null) ? error : "HTTP " + status);
		}).optional().orElse(new EndpointActivity(delivered, null, null));
	}

	private Map<Long, List<WebhookAttempt>> attempts(List<Long> deliveryIds) {
		if (deliveryIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				SELECT * FROM webhook_attempts WHERE delivery_id IN (:ids) ORDER BY attempted_at DESC, id DESC""")
			.param("ids", deliveryIds)
			.query((rs, n) -> Map.entry(rs.getLong("delivery_id"),
					new WebhookAttempt(Jdbc.instant(rs, "attempted_at"), Jdbc.intOrNull(rs, "status"),
							rs.getLong("latency_ms"), rs.getString("error"), rs.getString("response_excerpt"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, java.util.LinkedHashMap::new,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	private static WebhookDelivery map(ResultSet rs, int row) throws SQLException {
		return new WebhookDelivery(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("webhook_id"),
				rs.getString("event_type"), rs.getString("order_key"), rs.getString("state"), rs.getInt("attempts"),
				Jdbc.instant(rs, "next_attempt_at"), Jdbc.intOrNull(rs, "last_status"), rs.getString("last_error"),
				Jdbc.instant(rs, "delivered_at"), Jdbc.instant(rs, "created_at"), List.of());
	}

}
