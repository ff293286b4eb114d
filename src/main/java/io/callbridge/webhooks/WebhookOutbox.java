package io.callbridge.webhooks;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.ConfigCache;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox: a message and one delivery per matching endpoint (enabled, or disabled
 * after failing: its deliveries wait for it to be enabled again, so nothing is lost),
 * written in the caller's transaction (so a change that rolls back leaves no message, and
 * a committed change always has its messages). The tenant's enabled endpoints are read
 * once per transaction, so a change with no endpoint interested costs one indexed query
 * and nothing else.
 */
@Service
public class WebhookOutbox {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// A delivery behind a pending one of the same record to the same endpoint waits for
	// its turn (no due time) and is made due when the one before it is settled, so the
	// workers' claims never scan the deliveries waiting behind others.
	private static final String INSERT_DELIVERY = """
			INSERT INTO webhook_deliveries (message_id, endpoint_id, order_key, state, attempts, next_attempt_at,
			  created_at)
			SELECT ?, ?, ?, 'PENDING', 0,
			  CASE WHEN EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = ? AND p.order_key = ?
			    AND p.state = 'PENDING') THEN NULL ELSE ? END, ?""";

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	private static final String ENDPOINTS = "webhook-endpoints";

	private final DeliveryWorker worker;

	private final ConfigCache config;

	WebhookOutbox(JdbcClient jdbc, DatabaseClock clock, DeliveryWorker worker, ConfigCache config) {
		this.config = config;
		this.jdbc = jdbc;
		this.clock = clock;
		this.worker = worker;
	}

	/** Whether any endpoint of the tenant that takes messages receives this type. */
	public boolean wants(long tenantId, String type) {
		return matching(tenantId, type).findAny().isPresent();
	}

	/**
	 * Writes a message for every endpoint of the tenant that receives the type: enabled
	 * ones, and those disabled after failing (their deliveries wait); not those an admin
	 * disabled.
	 * @param tenantId tenant
	 * @param type event type, e.g. {@code call.answered}
	 * @param orderKey the record whose messages must arrive in order, e.g.
	 * {@code call:123}
	 * @param data the type's data (a record serialised as JSON)
	 * @param triggerQuery VCC's formatted string for CRM triggers
	 * ({@code AccountID=…&CaseID=…}, without {@code ?}), null for call facts
	 * @return the message's {@code webhook-id}, or empty when no endpoint receives it
	 */
	public Optional<String> enqueue(long tenantId, String type, String orderKey, Object data,
			@Nullable String triggerQuery) {
		List<Long> endpoints = matching(tenantId, type).map(EndpointFilter::id).toList();
		if (endpoints.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.now();
		String messageId = newMessageId();
		long id = insertMessage(tenantId, type, orderKey, data, triggerQuery, now, messageId);
		insertDeliveries(id, orderKey, endpoints, now);
		return Optional.of(messageId);
	}

	/**
	 * Writes a prepared request for one managed endpoint (an external site called by the
	 * server), in the caller's transaction. With {@code once}, nothing is written when
	 * the endpoint already has a message of this type for this order key (a call's site
	 * is called once per trigger, however often its fact is published). An endpoint an
	 * admin disabled receives nothing.
	 * @param endpointId the managed endpoint
	 * @param tenantId its tenant
	 * @param type message type, e.g. {@code external_site.call}
	 * @param orderKey the record whose messages arrive in order, e.g. {@code site:123}
	 * @param request what to send
	 * @param once whether a second message of this type and key is skipped
	 * @return the message's id, or empty when nothing was written
	 */
	public Optional<String> enqueueTo(long endpointId, long tenantId, String type, String orderKey,
			PreparedRequest request, boolean once) {
		return enqueueToManaged(EndpointKind.EXTERNAL_SITE, endpointId, tenantId, type, orderKey, request, once);
	}

	/**
	 * Writes a message for a CRM connection's endpoint ({@link EndpointKind#CONNECTOR}),
	 * in the caller's transaction; the worker hands it to {@link ConnectorDeliveries}
	 * with {@code data} as JSON. With {@code once}, nothing is written when the endpoint
	 * already has a message of this type for this order key. An endpoint an admin (or its
	 * connection) disabled receives nothing; one disabled after failing keeps it waiting.
	 * @param endpointId the connection's endpoint
	 * @param tenantId its tenant
	 * @param type message type, e.g. {@code crm.call.event}
	 * @param orderKey the record whose messages arrive in order, e.g. {@code call:123}
	 * @param data what the connector needs to deliver it (serialised as JSON)
	 * @param once whether a second message of this type and key is skipped
	 * @return the message's id, or empty when nothing was written
	 */
	public Optional<String> enqueueToConnector(long endpointId, long tenantId, String type, String orderKey,
			Object data, boolean once) {
		return enqueueToManaged(EndpointKind.CONNECTOR, endpointId, tenantId, type, orderKey, data, once);
	}

	private Optional<String> enqueueToManaged(EndpointKind kind, long endpointId, long tenantId, String type,
			String orderKey, Object data, boolean once) {
		boolean receives = this.jdbc.sql("""
				SELECT COUNT(*) FROM webhook_endpoints WHERE id = ? AND tenant_id = ? AND kind = ?
				  AND (enabled = TRUE OR disabled_reason = ?)""")
			.params(endpointId, tenantId, kind.name(), WebhookEndpoint.DISABLED_FAILING)
			.query(Long.class)
			.single() > 0;
		if (!receives || (once && alreadySent(endpointId, type, orderKey))) {
			return Optional.empty();
		}
		Instant now = this.clock.now();
		String messageId = newMessageId();
		long id = insertMessage(tenantId, type, orderKey, data, null, now, messageId);
		insertDeliveries(id, orderKey, List.of(endpointId), now);
		return Optional.of(messageId);
	}

	private boolean alreadySent(long endpointId, String type, String orderKey) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
				WHERE d.endpoint_id = ? AND d.order_key = ? AND m.event_type = ?""")
			.params(endpointId, orderKey, type)
			.query(Long.class)
			.single() > 0;
	}

	/** Writes a message for one endpoint only (a test event). */
	String enqueueFor(WebhookEndpoint endpoint, String type, String orderKey, Object data) {
		Instant now = this.clock.now();
		String messageId = newMessageId();
		long id = insertMessage(endpoint.tenantId(), type, orderKey, data, null, now, messageId);
		insertDeliveries(id, orderKey, List.of(endpoint.id()), now);
		return messageId;
	}

	/** A new delivery of a stored message to an endpoint, due now (a replay). */
	long redeliver(long messageRowId, String orderKey, long endpointId) {
		Instant now = this.clock.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT_DELIVERY)
			.params(messageRowId, endpointId, orderKey, endpointId, orderKey, Jdbc.ts(now), Jdbc.ts(now))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	private long insertMessage(long tenantId, String type, String orderKey, Object data, @Nullable String triggerQuery,
			Instant now, String messageId) {
		String payload = JSON.writeValueAsString(new WebhookMessage(type, now, data));
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO webhook_messages (tenant_id, message_id, event_type, order_key, payload, trigger_query,
				  created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, messageId, type, orderKey, payload, triggerQuery, Jdbc.ts(now))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	private void insertDeliveries(long messageRowId, String orderKey, List<Long> endpoints, Instant now) {
		wakeWorkerAfterCommit();
		for (long endpoint : endpoints) {
			this.jdbc.sql(INSERT_DELIVERY)
				.params(messageRowId, endpoint, orderKey, endpoint, orderKey, Jdbc.ts(now), Jdbc.ts(now))
				.update();
		}
	}

	// This node's worker sends at once what was just committed instead of at its next
	// poll; the other nodes find it at theirs.
	private void wakeWorkerAfterCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.worker.wake();
			return;
		}
		String key = WebhookOutbox.class.getName() + ".wake";
		if (TransactionSynchronizationManager.hasResource(key)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(key);
				if (status == STATUS_COMMITTED) {
					WebhookOutbox.this.worker.wake();
				}
			}
		});
	}

	private java.util.stream.Stream<EndpointFilter> matching(long tenantId, String type) {
		return enabledEndpoints(tenantId).stream().filter((e) -> WebhookEventTypes.matches(e.kind(), e.types(), type));
	}

	// Through the tenant's configuration cache: every fact of every call asks.
	private List<EndpointFilter> enabledEndpoints(long tenantId) {
		return this.config.get(ENDPOINTS, tenantId, tenantId, () -> List.copyOf(load(tenantId)));
	}

	private List<EndpointFilter> load(long tenantId) {
		return this.jdbc.sql("""
				SELECT id, kind, event_types FROM webhook_endpoints
				WHERE tenant_id = ? AND (enabled = TRUE OR disabled_reason = ?) AND kind NOT IN (?, ?)""")
			.params(tenantId, WebhookEndpoint.DISABLED_FAILING, EndpointKind.EXTERNAL_SITE.name(),
					EndpointKind.CONNECTOR.name())
			.query((rs, n) -> new EndpointFilter(rs.getLong("id"), EndpointKind.valueOf(rs.getString("kind")),
					WebhookEndpoints.types(rs.getString("event_types"))))
			.list();
	}

	private static String newMessageId() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private record EndpointFilter(long id, EndpointKind kind, List<String> types) {
	}

}
