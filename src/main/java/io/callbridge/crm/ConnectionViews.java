package io.callbridge.crm;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.shared.Text;
import io.callbridge.webhooks.EndpointActivity;
import io.callbridge.webhooks.EndpointStats;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookEndpoint;
import io.callbridge.webhooks.WebhookEndpoints;

import org.springframework.stereotype.Component;

/**
 * Shows connections and their managers as the web layer gets them: settings, the names of
 * the secrets that are set (never a value), the registration's status and the deliveries'
 * status read from the connection's outbox endpoint.
 */
@Component
class ConnectionViews {

	private final Credentials credentials;

	private final Managers managers;

	private final Agents agents;

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	ConnectionViews(Credentials credentials, Managers managers, Agents agents, WebhookEndpoints endpoints,
			WebhookDeliveries deliveries) {
		this.credentials = credentials;
		this.managers = managers;
		this.agents = agents;
		this.endpoints = endpoints;
		this.deliveries = deliveries;
	}

	ConnectionView view(StoredConnection stored) {
		CrmConnection c = stored.connection();
		List<String> secretsSet = List
			.copyOf(new TreeSet<>(this.credentials.open(stored.credentials()).values().keySet()));
		Text message = stored.message();
		ConnectionView.Registration registration = new ConnectionView.Registration(stored.state().name(),
				stored.registrationAt(), (message != null) ? message.localized() : null, stored.answer(),
				stored.unknownUserIds());
		return new ConnectionView(c.id(), c.connector(), c.name(), c.baseUrl(), c.integrationCode(), c.publicBaseUrl(),
				c.accountIds(), c.responsibleFromCrm(), c.enabled(), c.settings(), secretsSet, registration,
				deliveries(c), stored.unknownCodes(), stored.createdAt(), stored.updatedAt());
	}

	/**
	 * Every agent of the tenant, by name, with their relation to the connection's CRM.
	 */
	List<ManagerView> managers(StoredConnection stored) {
		CrmConnection connection = stored.connection();
		Map<Long, Managers.Row> rows = this.managers.rows(connection.id());
		Map<Long, List<String>> extensions = this.managers.extensions(connection);
		return this.agents.list(connection.tenantId()).stream().map((agent) -> {
			Managers.Row row = rows.getOrDefault(agent.id(), new Managers.Row(agent.id(), null, null, false));
			List<String> own = extensions.getOrDefault(agent.id(), List.of());
			return view(agent, row, own, stored);
		}).toList();
	}

	private static ManagerView view(Agent agent, Managers.Row row, List<String> extensions, StoredConnection stored) {
		String code = Managers.code(row, extensions);
		boolean unknown = row.unknownToCrm() || (code != null && stored.unknownCodes().contains(code))
				|| (row.crmUserId() != null && stored.unknownUserIds().contains(row.crmUserId()));
		return new ManagerView(agent.id(), agent.displayName(), row.crmUserId(), row.code(), code, extensions, unknown);
	}

	private ConnectionView.Deliveries deliveries(CrmConnection connection) {
		Long endpointId = connection.endpointId();
		if (endpointId == null) {
			return new ConnectionView.Deliveries(0, 0, null, null, null, !connection.enabled());
		}
		WebhookEndpoint endpoint = this.endpoints.get(connection.tenantId(), endpointId);
		EndpointStats stats = this.deliveries.stats(connection.tenantId(), endpointId);
		EndpointActivity activity = this.deliveries.activity(connection.tenantId(), endpointId);
		return new ConnectionView.Deliveries(stats.pending(), stats.failed(), activity.lastDeliveredAt(),
				endpoint.failingSince(), activity.lastError(), !endpoint.enabled());
	}

}
