package io.callbridge.telephony;

import io.callbridge.shared.AgentStatus;

/**
 * Capability of a provider adapter whose PBX keeps an availability per employee (UIS's
 * {@code update.employees}): the core calls it when an agent's status changes, so the
 * provider stops (or starts) ringing the agent. Adapters implement it beside
 * {@link TelephonyProvider}.
 */
public interface AgentAvailability {

	/**
	 * Sets the availability of the employee behind an extension at the provider.
	 * @param account the account the extension belongs to
	 * @param credentials the account's decrypted credentials
	 * @param extension the agent's extension on the account (for UIS the employee id)
	 * @param status the agent's status in Callbridge
	 * @throws io.callbridge.shared.Problems.ProviderFailure when the provider cannot be
	 * reached or refuses; the core retries later
	 */
	void setAvailability(TelephonyAccount account, Credentials credentials, String extension, AgentStatus status);

}
