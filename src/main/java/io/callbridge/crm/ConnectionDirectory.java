package io.callbridge.crm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The connections as the core's own parts read them (pushes, routing, the CRM's
 * requests), straight from the database every time: several nodes change and read them,
 * so none keeps a copy.
 */
@Component
class ConnectionDirectory implements CrmDirectory {

	private final Connections connections;

	private final Managers managers;

	private final Connectors connectors;

	private final Credentials credentials;

	ConnectionDirectory(Connections connections, Managers managers, Connectors connectors, Credentials credentials) {
		this.connections = connections;
		this.managers = managers;
		this.connectors = connectors;
		this.credentials = credentials;
	}

	@Override
	public Optional<CrmConnection> find(long tenantId, long connectionId) {
		return this.connections.find(tenantId, connectionId).map(StoredConnection::connection);
	}

	@Override
	public List<CrmConnection> serving(long tenantId, long accountId) {
		return this.connections.serving(tenantId, accountId).stream().map(StoredConnection::connection).toList();
	}

	@Override
	public boolean anyEnabled(long tenantId) {
		return this.connections.anyEnabled(tenantId);
	}

	/** The stored credentials; none once the connection is gone. */
	@Override
	public CrmSecrets secrets(CrmConnection connection) {
		return this.connections.find(connection.id())
			.map((stored) -> this.credentials.open(stored.credentials()))
			.orElse(new CrmSecrets(Map.of()));
	}

	@Override
	public CrmConnector connector(String key) {
		return this.connectors.get(key);
	}

	@Override
	public List<CrmManager> managers(CrmConnection connection) {
		return this.managers.related(connection);
	}

	@Override
	public Optional<CrmManager> manager(CrmConnection connection, long agentId) {
		return this.managers.manager(connection, agentId);
	}

	@Override
	public Optional<Long> agentOf(CrmConnection connection, CrmUserRef user) {
		return this.managers.agentOf(connection, user);
	}

	@Override
	@Transactional
	public void reportUnknown(long connectionId, List<String> codes, List<String> userIds) {
		if (codes.isEmpty() && userIds.isEmpty()) {
			return;
		}
		this.connections.addUnknownCodes(connectionId, codes);
		this.managers.flagUnknown(connectionId, codes, userIds);
	}

}
