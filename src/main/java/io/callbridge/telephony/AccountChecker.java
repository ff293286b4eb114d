package io.callbridge.telephony;

import java.net.URI;
import java.util.List;

/**
 * Capability of a provider adapter that can check an account's configuration against the
 * provider: credentials accepted, balance, webhook registered, extensions visible. Used
 * by the "verify" action and before new credentials are saved.
 */
public interface AccountChecker {

	/**
	 * Asks the provider whether it accepts these credentials.
	 * @param account the account (its settings may hold a region or base URL)
	 * @param credentials the credentials to try
	 * @return accepted, rejected with the provider's message, or unreachable
	 */
	CredentialsVerdict verifyCredentials(TelephonyAccount account, Credentials credentials);

	/**
	 * Runs every check the provider supports and reports each one.
	 * @param account the account
	 * @param credentials the account's decrypted credentials
	 * @param webhookUrl the URL this account's events should be sent to
	 * @return the checks in the order they ran, each passed or failed with the provider's
	 * answer
	 */
	List<AccountCheck> check(TelephonyAccount account, Credentials credentials, URI webhookUrl);

}
