package io.callbridge.telephony;

/**
 * Capability of a provider adapter whose provider can end a call in progress on request
 * (the agent's "Hang up" in the console). Adapters implement it beside
 * {@link TelephonyProvider} only where the provider documents such a request; for the
 * others the agent ends the call on their phone.
 */
public interface CallControl {

	/**
	 * Asks the provider to end a call in progress. The end itself arrives as the call's
	 * events, like any other.
	 * @param account the account the call belongs to
	 * @param credentials the account's decrypted credentials
	 * @param providerCallId the provider's id of the call
	 * @return hung up, not in progress at the provider, or refused with its reason
	 * @throws io.callbridge.shared.Problems.ProviderFailure when the provider cannot be
	 * reached
	 */
	HangUpResult hangUp(TelephonyAccount account, Credentials credentials, String providerCallId);

}
