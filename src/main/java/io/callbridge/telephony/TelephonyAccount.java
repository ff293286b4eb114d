package io.callbridge.telephony;

import java.util.Map;

/**
 * A tenant's account with a telephony provider. Credentials are not part of it: they are
 * stored encrypted and handed to adapters only when needed, as {@link Credentials}.
 *
 * @param id the account id
 * @param tenantId the owning tenant
 * @param provider the provider key
 * @param name the name the admin gave it
 * @param enabled whether calls and events of this account are processed
 * @param webhookToken the unguessable token in this account's webhook URL
 * @param settings provider-specific, non-secret settings
 * @param hasCredentials whether credentials are stored
 */
public record TelephonyAccount(long id, long tenantId, String provider, String name, boolean enabled,
		String webhookToken, Map<String, String> settings, boolean hasCredentials) {
}
