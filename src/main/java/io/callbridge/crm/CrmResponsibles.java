package io.callbridge.crm;

import java.time.Duration;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.ExternalResponsibles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Asks the CRMs who is responsible for a caller, for routing: each enabled connection
 * serving the account with {@code responsibleFromCrm} on, in turn, within
 * {@code callbridge.crm.responsible-budget} altogether; the first CRM user related to an
 * agent wins. A CRM that is slow, refuses or names a stranger leaves routing to
 * Callbridge's own contacts.
 */
@Component
class CrmResponsibles implements ExternalResponsibles {

	private static final Logger log = LoggerFactory.getLogger(CrmResponsibles.class);

	private final Connections connections;

	private final Connectors connectors;

	private final Credentials credentials;

	private final Managers managers;

	private final CrmProperties properties;

	private final Agents agents;

	CrmResponsibles(Connections connections, Connectors connectors, Credentials credentials, Managers managers,
			CrmProperties properties, Agents agents) {
		this.agents = agents;
		this.connections = connections;
		this.connectors = connectors;
		this.credentials = credentials;
		this.managers = managers;
		this.properties = properties;
	}

	@Override
	public Optional<Long> responsibleAgent(long tenantId, long accountId, String e164) {
		// Asked for every inbound call: most tenants have no CRM connection at all.
		if (!this.connections.anyEnabledCached(tenantId)) {
			return Optional.empty();
		}
		long deadline = System.nanoTime() + this.properties.responsibleBudget().toNanos();
		for (StoredConnection stored : this.connections.serving(tenantId, accountId)) {
			Duration left = Duration.ofNanos(deadline - System.nanoTime());
			if (!left.isPositive()) {
				break;
			}
			if (stored.connection().responsibleFromCrm()) {
				Optional<Long> agent = ask(stored, e164, left);
				if (agent.isPresent()) {
					return agent;
				}
			}
		}
		return Optional.empty();
	}

	private Optional<Long> ask(StoredConnection stored, String e164, Duration budget) {
		CrmConnection connection = stored.connection();
		Optional<CrmConnector> connector = this.connectors.find(connection.connector());
		if (connector.isEmpty()) {
			return Optional.empty();
		}
		CrmLookup lookup;
		try {
			lookup = connector.get()
				.responsibleFor(connection, this.credentials.open(stored.credentials()), e164, budget);
		}
		catch (RuntimeException ex) {
			log.warn("Connector {} failed looking up the responsible manager on connection {}", connection.connector(),
					connection.id(), ex);
			return Optional.empty();
		}
		return switch (lookup) {
			// A disabled agent takes no calls: routing falls back to Callbridge's own
			// rule.
			case CrmLookup.Found found -> this.managers.agentOf(connection, found.manager())
				.filter((id) -> this.agents.find(connection.tenantId(), id).map(Agent::enabled).orElse(false));
			case CrmLookup.NotFound notFound -> Optional.empty();
			case CrmLookup.Failed failed -> {
				log.info("Connection {} could not name the responsible manager of a caller: {}", connection.id(),
						failed.error());
				yield Optional.empty();
			}
		};
	}

}
