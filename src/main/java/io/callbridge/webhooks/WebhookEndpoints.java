package io.callbridge.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The endpoints of a tenant (signed webhooks and CRM triggers): create, change, delete,
 * enable and disable, and their signing secrets, shown once when created or rotated.
 * Every method is scoped by tenant: another tenant's endpoint is "not found". Invalid
 * input is a 422 naming the field ({@link EndpointValidation}).
 */
@Service
public class WebhookEndpoints {

	/** How long the previous secret keeps signing after a rotation, unless told. */
	public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

	/** The longest overlap a rotation may keep. */
	public static final Duration MAX_OVERLAP = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final EndpointValidation validation;

	private final WebhookSecrets secrets;

	private final DatabaseClock clock;

	WebhookEndpoints(JdbcClient jdbc, EndpointValidation validation, WebhookSecrets secrets, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.validation = validation;
		this.secrets = secrets;
		this.clock = clock;
	}

	/**
	 * The tenant's endpoints, oldest first; {@code kind} null for all but those other
	 * modules manage (external sites, CRM connections).
	 */
	public List<WebhookEndpoint> list(long tenantId, @Nullable EndpointKind kind) {
		List<String> kinds = (kind != null) ? List.of(kind.name())
				: List.of(EndpointKind.WEBHOOK.name(), EndpointKind.CRM_TRIGGER.name());
		return this.jdbc
			.sql("SELECT * FROM webhook_endpoints WHERE tenant_id = :tenant AND kind IN (:kinds) ORDER BY id")
			.param("tenant", tenantId)
			.param("kinds", kinds)
			.query(WebhookEndpoints::map)
			.list();
	}

	/** One endpoint of the tenant, or a 404. */
	public WebhookEndpoint get(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM webhook_endpoints WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(WebhookEndpoints::map)
			.optional()
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.webhookEndpoint"), id));
	}

	/**
	 * The tenant's endpoints disabled after continuous failure: what the UI shows admins
	 * a notice about until they re-enable them. A CRM connection's endpoint is not among
	 * them: its connection's page shows it paused, and connecting again resumes it.
	 */
	public List<WebhookEndpoint> disabledEndpoints(long tenantId) {
		return this.jdbc.sql("""
				SELECT * FROM webhook_endpoints WHERE tenant_id = ? AND enabled = FALSE AND disabled_reason = ?
				  AND kind <> ?
				ORDER BY id""")
			.params(tenantId, WebhookEndpoint.DISABLED_FAILING, EndpointKind.CONNECTOR.name())
			.query(WebhookEndpoints::map)
			.list();
	}

	/**
	 * Creates an endpoint, enabled, with a new signing secret (returned this once; CRM
	 * triggers get one too, for when signing is turned on).
	 */
	@Transactional
	public CreatedEndpoint create(long tenantId, EndpointCommand command) {
		refuseManaged(command.kind());
		EndpointValidation.Valid valid = this.validation.check(command);
		Instant now = this.clock.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO webhook_endpoints (tenant_id, kind, url, http_method, description, event_types, signed,
				  enabled, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)""")
			.params(tenantId, valid.kind().name(), valid.url(), valid.method().name(), valid.description(),
					String.join(",", valid.eventTypes()), valid.signed(), Jdbc.ts(now), Jdbc.ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		String secret = this.secrets.add(id, now);
		return new CreatedEndpoint(get(tenantId, id), secret);
	}

	/** Changes an endpoint's target, filters, description and signing; kind stays. */
	@Transactional
	public WebhookEndpoint update(long tenantId, long id, EndpointCommand command) {
		WebhookEndpoint current = get(tenantId, id);
		refuseManaged(current.kind());
		EndpointValidation.Valid valid = this.validation.check(new EndpointCommand(current.kind(), command.url(),
				command.method(), command.description(), command.eventTypes(), command.signed()));
		this.jdbc.sql("""
				UPDATE webhook_endpoints SET url = ?, http_method = ?, description = ?, event_types = ?, signed = ?,
				  updated_at = ?
				WHERE tenant_id = ? AND id = ?""")
			.params(valid.url(), valid.method().name(), valid.description(), String.join(",", valid.eventTypes()),
					valid.signed(), Jdbc.ts(this.clock.now()), tenantId, id)
			.update();
		return get(tenantId, id);
	}

	/** Deletes an endpoint with its secrets, deliveries and their attempts. */
	@Transactional
	public void delete(long tenantId, long id) {
		refuseManaged(get(tenantId, id).kind());
		this.jdbc.sql("DELETE FROM webhook_endpoints WHERE tenant_id = ? AND id = ?").params(tenantId, id).update();
	}

	/**
	 * Issues a new signing secret (returned this once); the current ones keep signing for
	 * {@code overlap} (null: {@link #DEFAULT_OVERLAP}; zero: stop at once; at most
	 * {@link #MAX_OVERLAP}), so both signatures are sent meanwhile.
	 */
	@Transactional
	public RotatedSecret rotateSecret(long tenantId, long id, @Nullable Duration overlap) {
		refuseConnector(get(tenantId, id));
		Duration keep = (overlap != null) ? overlap : DEFAULT_OVERLAP;
		if (keep.isNegative() || keep.compareTo(MAX_OVERLAP) > 0) {
			throw new Problems.InvalidInput("overlap", Text.of("webhooks.overlap.invalid", MAX_OVERLAP.toHours()));
		}
		return this.secrets.rotate(id, keep, this.clock.now());
	}

	/**
	 * Enables an endpoint: its waiting deliveries are due at once, and its failure clock
	 * restarts.
	 */
	@Transactional
	public WebhookEndpoint enable(long tenantId, long id) {
		get(tenantId, id);
		Instant now = this.clock.now();
		this.jdbc.sql("""
				UPDATE webhook_endpoints SET enabled = TRUE, disabled_at = NULL, disabled_reason = NULL,
				  failing_since = NULL, updated_at = ?
				WHERE tenant_id = ? AND id = ?""").params(Jdbc.ts(now), tenantId, id).update();
		// Only those with a due time: the ones waiting behind another of their record
		// keep
		// waiting for their turn.
		this.jdbc.sql("""
				UPDATE webhook_deliveries SET next_attempt_at = ?
				WHERE endpoint_id = ? AND state = 'PENDING' AND next_attempt_at IS NOT NULL""")
			.params(Jdbc.ts(now), id)
			.update();
		return get(tenantId, id);
	}

	/** Disables an endpoint: nothing is sent to it; its deliveries wait until enabled. */
	@Transactional
	public WebhookEndpoint disable(long tenantId, long id) {
		get(tenantId, id);
		Instant now = this.clock.now();
		this.jdbc.sql("""
				UPDATE webhook_endpoints SET enabled = FALSE, disabled_at = ?, disabled_reason = ?, updated_at = ?
				WHERE tenant_id = ? AND id = ? AND enabled = TRUE""")
			.params(Jdbc.ts(now), WebhookEndpoint.DISABLED_BY_ADMIN, Jdbc.ts(now), tenantId, id)
			.update();
		return get(tenantId, id);
	}

	/**
	 * Creates the endpoint another module manages (an external site called by the
	 * server), enabled and unsigned; its URL is checked like any endpoint's (422 on
	 * {@code url}).
	 * @return its id
	 */
	@Transactional
	public long createManaged(long tenantId, EndpointKind kind, String url, EndpointMethod method,
			@Nullable String description) {
		// A connector's endpoint is never called by this module: its URL (the CRM's
		// address) is the connector's to check.
		EndpointValidation.Valid valid = (kind == EndpointKind.CONNECTOR)
				? new EndpointValidation.Valid(kind, url, method, description, List.of(), false)
				: this.validation.check(new EndpointCommand(kind, url, method, description, List.of(), false));
		Instant now = this.clock.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO webhook_endpoints (tenant_id, kind, url, http_method, description, event_types, signed,
				  enabled, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, '', FALSE, TRUE, ?, ?)""")
			.params(tenantId, valid.kind().name(), valid.url(), valid.method().name(), valid.description(),
					Jdbc.ts(now), Jdbc.ts(now))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/** Changes a managed endpoint's target and description. */
	@Transactional
	public void updateManaged(long tenantId, long id, String url, EndpointMethod method, @Nullable String description) {
		WebhookEndpoint current = get(tenantId, id);
		// As when created: a connector's endpoint URL is the connector's to check.
		EndpointValidation.Valid valid = (current.kind() == EndpointKind.CONNECTOR)
				? new EndpointValidation.Valid(current.kind(), url, method, description, List.of(), false)
				: this.validation
					.check(new EndpointCommand(current.kind(), url, method, description, List.of(), false));
		this.jdbc.sql("""
				UPDATE webhook_endpoints SET url = ?, http_method = ?, description = ?, updated_at = ?
				WHERE tenant_id = ? AND id = ?""")
			.params(valid.url(), valid.method().name(), valid.description(), Jdbc.ts(this.clock.now()), tenantId, id)
			.update();
	}

	/**
	 * Deletes a managed endpoint with its deliveries; nothing when it is already gone.
	 */
	@Transactional
	public void deleteManaged(long tenantId, long id) {
		this.jdbc.sql("DELETE FROM webhook_endpoints WHERE tenant_id = ? AND id = ?").params(tenantId, id).update();
	}

	// The module that manages an endpoint keeps it in step with its own record; changed
	// here, the two would drift.
	private static void refuseManaged(@Nullable EndpointKind kind) {
		if (kind == EndpointKind.EXTERNAL_SITE) {
			throw new Problems.Conflict(Text.of("webhooks.managedBySite"));
		}
		if (kind == EndpointKind.CONNECTOR) {
			throw new Problems.Conflict(Text.of("webhooks.managedByCrm"));
		}
	}

	/**
	 * Refuses (409) to act on a CRM connection's endpoint through the webhooks pages and
	 * API: it is enabled, disabled and deleted with its connection.
	 */
	public static void refuseConnector(WebhookEndpoint endpoint) {
		if (endpoint.kind() == EndpointKind.CONNECTOR) {
			refuseManaged(endpoint.kind());
		}
	}

	static WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
		return new WebhookEndpoint(rs.getLong("id"), rs.getLong("tenant_id"),
				EndpointKind.valueOf(rs.getString("kind")), rs.getString("url"),
				EndpointMethod.valueOf(rs.getString("http_method")), rs.getString("description"),
				types(rs.getString("event_types")), rs.getBoolean("signed"), rs.getBoolean("enabled"),
				Jdbc.instant(rs, "disabled_at"), rs.getString("disabled_reason"), Jdbc.instant(rs, "failing_since"),
				Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
	}

	static List<String> types(String stored) {
		return Arrays.stream(stored.split(",")).filter((t) -> !t.isBlank()).toList();
	}

}
