package io.callbridge.crm;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The connectors this server has: every {@link CrmConnector} bean, by key. A connection
 * whose connector is gone (its module removed) stays stored but can do nothing.
 */
@Component
class Connectors {

	private final ObjectProvider<CrmConnector> connectors;

	Connectors(ObjectProvider<CrmConnector> connectors) {
		this.connectors = connectors;
	}

	/** Every connector, by display name. */
	List<CrmConnector> all() {
		return this.connectors.orderedStream().sorted(Comparator.comparing(CrmConnector::displayName)).toList();
	}

	Optional<CrmConnector> find(String key) {
		return this.connectors.orderedStream().filter((c) -> c.key().equals(key)).findFirst();
	}

	/**
	 * The connector of a key.
	 * @throws IllegalStateException when this server has none
	 */
	CrmConnector get(String key) {
		return find(key).orElseThrow(() -> new IllegalStateException("No CRM connector '" + key + "' on this server"));
	}

}
