package io.callbridge.crm;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's connection to one CRM account: where the CRM is, which telephony accounts'
 * calls it receives, and how Callbridge registers itself there.
 *
 * @param id id
 * @param tenantId tenant
 * @param connector the connector's key ({@link CrmConnector#key()})
 * @param name a name for admins
 * @param baseUrl the CRM account's address, e.g. {@code https://shop.retailcrm.ru}
 * @param integrationCode the integration's code in the CRM (retailCRM's module code)
 * @param clientId the random id the CRM sends back on every request to Callbridge: how a
 * click-to-call or status request is known to come from this connection (a secret)
 * @param publicBaseUrl Callbridge's own public address, where the CRM sends its requests
 * and plays recordings
 * @param accountIds the telephony accounts whose calls the CRM receives (first: the
 * default for click-to-call)
 * @param responsibleFromCrm whether routing asks the CRM for the caller's responsible
 * manager before Callbridge's own contact
 * @param enabled whether anything is sent or accepted
 * @param settings the connector's non-secret fields
 * @param endpointId the managed delivery endpoint (webhooks outbox) of this connection
 */
public record CrmConnection(long id, long tenantId, String connector, String name, String baseUrl,
		String integrationCode, String clientId, String publicBaseUrl, List<Long> accountIds,
		boolean responsibleFromCrm, boolean enabled, Map<String, String> settings, @Nullable Long endpointId) {

	public CrmConnection {
		accountIds = List.copyOf(accountIds);
		settings = Map.copyOf(settings);
	}

	/** The value of a non-secret connector field, {@code null} when not set. */
	public @Nullable String setting(String name) {
		return this.settings.get(name);
	}

}
