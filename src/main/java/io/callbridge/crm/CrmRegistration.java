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
 * @param active whether the integration is on in the CRM: off once the connection is
 * disabled or deleted, so the CRM stops offering Callbridge's telephony
 */
public record CrmRegistration(String publicBaseUrl, String connectionPageUrl, List<CrmManager> managers,
		boolean active) {

	public CrmRegistration {
		managers = List.copyOf(managers);
	}

	/** An active registration. */
	public CrmRegistration(String publicBaseUrl, String connectionPageUrl, List<CrmManager> managers) {
		this(publicBaseUrl, connectionPageUrl, managers, true);
	}

}
