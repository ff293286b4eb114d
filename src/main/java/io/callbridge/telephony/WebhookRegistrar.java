package io.callbridge.telephony;

import java.net.URI;

import io.callbridge.shared.Text;

/**
 * Capability of a provider adapter that can register the account's webhook URL at the
 * provider and switch on the notifications Callbridge needs, so the admin does not have
 * to paste it into the provider's portal.
 */
public interface WebhookRegistrar {

	/**
	 * Registers {@code webhookUrl} for the account's call notifications.
	 * @param account the account
	 * @param credentials the account's decrypted credentials
	 * @param webhookUrl the URL the provider should call
	 * @return what the provider now has, for people (URL and switched-on notifications),
	 * in the reader's language
	 * @throws io.callbridge.shared.Problems.ProviderFailure with the provider's message
	 * when it refuses or cannot be reached
	 */
	Text registerWebhook(TelephonyAccount account, Credentials credentials, URI webhookUrl);

}
