package io.callbridge.crm.push;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnector;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmSecrets;
import io.callbridge.crm.CrmUserRef;

/**
 * Connections kept in memory for the push tests, all of the {@link ScriptedCrmConnector};
 * every agent is known to each connection's CRM as user {@code u<agent>} with code
 * {@code c<agent>}.
 */
public class FakeCrmDirectory implements CrmDirectory {

	// Far from the ids a database gives, so a fake connection never meets a real one.
	private final AtomicLong ids = new AtomicLong(900_000);

	private final Map<Long, CrmConnection> connections = new ConcurrentHashMap<>();

	private final List<List<String>> unknown = new CopyOnWriteArrayList<>();

	private final ScriptedCrmConnector connector = new ScriptedCrmConnector();

	public ScriptedCrmConnector connector() {
		return this.connector;
	}

	/** Adds an enabled connection serving the account through the endpoint. */
	public CrmConnection add(long tenantId, long accountId, long endpointId, String publicBaseUrl,
			Map<String, String> settings) {
		long id = this.ids.incrementAndGet();
		CrmConnection connection = new CrmConnection(id, tenantId, ScriptedCrmConnector.KEY, "CRM " + id,
				"https://crm.example", "callbridge", "client-" + id, publicBaseUrl, List.of(accountId), false, true,
				settings, endpointId);
		this.connections.put(id, connection);
		return connection;
	}

	/** Enables or disables a connection. */
	public void enable(CrmConnection connection, boolean enabled) {
		this.connections.computeIfPresent(connection.id(),
				(id, c) -> new CrmConnection(c.id(), c.tenantId(), c.connector(), c.name(), c.baseUrl(),
						c.integrationCode(), c.clientId(), c.publicBaseUrl(), c.accountIds(), c.responsibleFromCrm(),
						enabled, c.settings(), c.endpointId()));
	}

	/** Deletes a connection. */
	public void delete(CrmConnection connection) {
		this.connections.remove(connection.id());
	}

	/** What answers said the CRM does not know: codes then user ids, per report. */
	public List<List<String>> unknown() {
		return List.copyOf(this.unknown);
	}

	@Override
	public Optional<CrmConnection> find(long tenantId, long connectionId) {
		return Optional.ofNullable(this.connections.get(connectionId)).filter((c) -> c.tenantId() == tenantId);
	}

	@Override
	public List<CrmConnection> serving(long tenantId, long accountId) {
		return this.connections.values()
			.stream()
			.filter((c) -> c.tenantId() == tenantId && c.enabled() && c.accountIds().contains(accountId))
			.toList();
	}

	@Override
	public CrmSecrets secrets(CrmConnection connection) {
		return new CrmSecrets(Map.of("apiKey", "key-" + connection.id()));
	}

	@Override
	public CrmConnector connector(String key) {
		if (!ScriptedCrmConnector.KEY.equals(key)) {
			throw new IllegalStateException("No connector " + key);
		}
		return this.connector;
	}

	@Override
	public List<CrmManager> managers(CrmConnection connection) {
		return List.of();
	}

	@Override
	public Optional<CrmManager> manager(CrmConnection connection, long agentId) {
		return Optional.of(new CrmManager(agentId, "u" + agentId, "c" + agentId));
	}

	@Override
	public Optional<Long> agentOf(CrmConnection connection, CrmUserRef user) {
		return Optional.empty();
	}

	@Override
	public void reportUnknown(long connectionId, List<String> codes, List<String> userIds) {
		this.unknown.add(List.copyOf(codes));
		this.unknown.add(List.copyOf(userIds));
	}

}
