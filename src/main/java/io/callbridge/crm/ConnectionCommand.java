package io.callbridge.crm;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A connection as an admin sends it.
 *
 * @param connector the connector's key (fixed once created)
 * @param name a name for admins
 * @param baseUrl the CRM account's address
 * @param integrationCode the integration's code in the CRM
 * @param publicBaseUrl Callbridge's public address for the CRM's requests; default:
 * {@code callbridge.public-url}, else the address the admin uses
 * @param accountIds the telephony accounts whose calls the CRM receives (at least one)
 * @param responsibleFromCrm whether routing asks the CRM for the responsible manager
 * @param enabled whether anything is sent or accepted
 * @param settings the connector's non-secret fields
 * @param secrets the connector's secret fields; one left out or blank keeps its value
 */
public record ConnectionCommand(String connector, String name, String baseUrl, String integrationCode,
		@Nullable String publicBaseUrl, List<Long> accountIds, boolean responsibleFromCrm, boolean enabled,
		Map<String, String> settings, Map<String, String> secrets) {
}
