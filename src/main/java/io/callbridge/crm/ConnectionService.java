package io.callbridge.crm;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.webhooks.EndpointKind;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.WebhookEndpoint;
import io.callbridge.webhooks.WebhookEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's CRM connections for the web layer. Each connection has a managed
 * {@code CONNECTOR} endpoint of the webhooks module, kept in step here (created, enabled
 * and disabled, deleted with it), through which its pushes are delivered, retried and
 * logged. A connection gets a random client id when created: the CRM sends it back on
 * each request, and it is how Callbridge knows the request comes from this connection.
 * <p>
 * The public base URL defaults to {@code callbridge.public-url}; without one the web
 * layer puts the address the admin uses into the command.
 */
@Service
class ConnectionService implements CrmConnections {

	private static final Logger log = LoggerFactory.getLogger(ConnectionService.class);

	private static final int CLIENT_ID_BYTES = 32;

	private final Connections connections;

	private final ConnectionValidation validation;

	private final Credentials credentials;

	private final Connectors connectors;

	private final Registrations registrations;

	private final ConnectionViews views;

	private final ManagerMapping mapping;

	private final WebhookEndpoints endpoints;

	private final DatabaseClock clock;

	private final RegistrationSoon soon;

	private final SecureRandom random = new SecureRandom();

	ConnectionService(Connections connections, ConnectionValidation validation, Credentials credentials,
			Connectors connectors, Registrations registrations, ConnectionViews views, ManagerMapping mapping,
			WebhookEndpoints endpoints, DatabaseClock clock, RegistrationSoon soon) {
		this.soon = soon;
		this.connections = connections;
		this.validation = validation;
		this.credentials = credentials;
		this.connectors = connectors;
		this.registrations = registrations;
		this.views = views;
		this.mapping = mapping;
		this.endpoints = endpoints;
		this.clock = clock;
	}

	@Override
	public List<ConnectorInfo> connectors() {
		return this.connectors.all()
			.stream()
			.map((c) -> new ConnectorInfo(c.key(), c.displayName(), c.fields()))
			.toList();
	}

	@Override
	public List<ConnectionView> list(long tenantId) {
		return this.connections.list(tenantId).stream().map(this.views::view).toList();
	}

	@Override
	public ConnectionView get(long tenantId, long id) {
		return this.views.view(stored(tenantId, id));
	}

	@Override
	@Transactional
	public ConnectionView create(long tenantId, ConnectionCommand command) {
		ValidConnection valid = this.validation.check(tenantId, null, command, Map.of());
		long id = this.connections.insert(tenantId, valid, clientId(), this.credentials.seal(valid.secrets()),
				this.clock.now());
		long endpointId = this.endpoints.createManaged(tenantId, EndpointKind.CONNECTOR, valid.baseUrl(),
				EndpointMethod.POST, description(valid));
		this.connections.setEndpoint(id, endpointId);
		if (!valid.enabled()) {
			this.endpoints.disable(tenantId, endpointId);
		}
		return get(tenantId, id);
	}

	@Override
	@Transactional
	public ConnectionView update(long tenantId, long id, ConnectionCommand command) {
		StoredConnection current = stored(tenantId, id);
		ValidConnection valid = this.validation.check(tenantId, current, command,
				this.credentials.open(current.credentials()).values());
		Instant now = this.clock.now();
		this.connections.update(id, valid, this.credentials.seal(valid.secrets()), now);
		endpoint(tenantId, current, valid);
		this.connections.pending(id, now);
		if (current.connection().enabled() && !valid.enabled() && current.state() != RegistrationState.NEVER) {
			this.soon.deactivateAfterCommit(current);
		}
		else if (current.state() != RegistrationState.NEVER) {
			this.soon.afterCommit(id);
		}
		return get(tenantId, id);
	}

	@Override
	@Transactional
	public void delete(long tenantId, long id) {
		StoredConnection current = stored(tenantId, id);
		if (current.connection().enabled() && current.state() != RegistrationState.NEVER) {
			this.soon.deactivateAfterCommit(current);
		}
		this.connections.delete(id);
		if (current.connection().endpointId() != null) {
			this.endpoints.deleteManaged(tenantId, current.connection().endpointId());
		}
	}

	@Override
	public CrmCheck check(long tenantId, long id) {
		StoredConnection stored = stored(tenantId, id);
		CrmConnector connector = connector(stored);
		try {
			return connector.check(stored.connection(), this.credentials.open(stored.credentials()));
		}
		catch (RuntimeException ex) {
			log.warn("Connector {} failed checking connection {}", connector.key(), id, ex);
			return new CrmCheck.Failed(null, Text.of("crm.check.error"));
		}
	}

	/**
	 * Registers now (outside a transaction: the CRM may take seconds); an enabled
	 * connection's deliveries, held after failing too long, are resumed, since the admin
	 * is acting on it.
	 */
	@Override
	public ConnectionView connect(long tenantId, long id) {
		StoredConnection stored = stored(tenantId, id);
		connector(stored);
		this.registrations.register(stored);
		Long endpointId = stored.connection().endpointId();
		if (stored.connection().enabled() && endpointId != null
				&& this.endpoints.get(tenantId, endpointId).disabledForFailing()) {
			this.endpoints.enable(tenantId, endpointId);
		}
		return get(tenantId, id);
	}

	@Override
	public List<ManagerView> managers(long tenantId, long id) {
		return this.views.managers(stored(tenantId, id));
	}

	@Override
	@Transactional
	public List<ManagerView> saveManagers(long tenantId, long id, List<ManagerCommand> managers) {
		StoredConnection stored = stored(tenantId, id);
		this.connections.lock(id);
		this.mapping.replace(stored, managers);
		this.connections.pending(id, this.clock.now());
		// Only a connection connected once is registered by itself (the others wait
		// for the admin's Connect).
		if (stored.state() != RegistrationState.NEVER) {
			this.soon.afterCommit(id);
		}
		return this.views.managers(stored(tenantId, id));
	}

	private StoredConnection stored(long tenantId, long id) {
		return this.connections.find(tenantId, id)
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.crmConnection"), id));
	}

	private CrmConnector connector(StoredConnection stored) {
		String key = stored.connection().connector();
		return this.connectors.find(key)
			.orElseThrow(() -> new Problems.Conflict(Text.of("crm.connector.missing", key)));
	}

	// The endpoint follows the connection: its target and name, and on or off with it.
	private void endpoint(long tenantId, StoredConnection current, ValidConnection valid) {
		Long endpointId = current.connection().endpointId();
		if (endpointId == null) {
			endpointId = this.endpoints.createManaged(tenantId, EndpointKind.CONNECTOR, valid.baseUrl(),
					EndpointMethod.POST, description(valid));
			this.connections.setEndpoint(current.id(), endpointId);
		}
		else {
			this.endpoints.updateManaged(tenantId, endpointId, valid.baseUrl(), EndpointMethod.POST,
					description(valid));
		}
		WebhookEndpoint endpoint = this.endpoints.get(tenantId, endpointId);
		if (valid.enabled() && !endpoint.enabled() && !current.connection().enabled()) {
			this.endpoints.enable(tenantId, endpointId);
		}
		else if (!valid.enabled() && endpoint.enabled()) {
			this.endpoints.disable(tenantId, endpointId);
		}
	}

	private static String description(ValidConnection valid) {
		return "CRM connection: " + valid.name();
	}

	// 256 random bits, URL-safe: the CRM sends it back in query strings.
	private String clientId() {
		byte[] bytes = new byte[CLIENT_ID_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
