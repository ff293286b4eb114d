package io.callbridge.crm;

import java.util.List;

/**
 * What registering the integration in the CRM declares.
 *
 * @param publicBaseUrl Callbridge's public address; the connector appends its inbound
 * paths (retailCRM's {@code makeCallUrl} and {@code changeUserStatusUrl})
 * @param connectionPageUrl the connection's page in Callbridge (retailCRM's
 * {@code accountUrl})
 * @param managers every related manager with a code, in agent order
 */
public record CrmRegistration(String publicBaseUrl, String connectionPageUrl, List<CrmManager> managers) {

	public CrmRegistration {
		managers = List.copyOf(managers);
	}

}
