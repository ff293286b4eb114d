package io.callbridge.telephony;

/**
 * Capability of a provider adapter that keeps call recordings: given the reference a call
 * event carried ({@link ProviderCallEvent#recordingRef()}), it returns a link the
 * recording can be played from. Adapters implement it beside {@link TelephonyProvider}.
 */
public interface RecordingSource {

	/**
	 * Asks the provider for a playable link to a recording.
	 * @param account the account the call belongs to
	 * @param credentials the account's decrypted credentials
	 * @param recordingRef the provider's reference to the recording
	 * @return the link, "not ready yet" or the provider's refusal
	 * @throws io.callbridge.shared.Problems.ProviderFailure when the provider cannot be
	 * reached or answers with an error that is not about this recording
	 */
	RecordingLookup findRecording(TelephonyAccount account, Credentials credentials, String recordingRef);

}
