package io.callbridge.crm;

import java.util.List;
import java.util.Map;

/**
 * A connection command that passed validation, with the values to store.
 *
 * @param connector the connector's key
 * @param name name
 * @param baseUrl the CRM's address, without a trailing slash
 * @param integrationCode the integration's code
 * @param publicBaseUrl Callbridge's public address, without a trailing slash
 * @param accountIds the accounts, in order, without repeats
 * @param responsibleFromCrm whether routing asks the CRM
 * @param enabled whether it is on
 * @param settings the non-secret fields with a value
 * @param secrets every secret field with a value (the stored ones a command left blank
 * included)
 */
record ValidConnection(String connector, String name, String baseUrl, String integrationCode, String publicBaseUrl,
		List<Long> accountIds, boolean responsibleFromCrm, boolean enabled, Map<String, String> settings,
		Map<String, String> secrets) {

	ValidConnection {
		accountIds = List.copyOf(accountIds);
		settings = Map.copyOf(settings);
		secrets = Map.copyOf(secrets);
	}

}
