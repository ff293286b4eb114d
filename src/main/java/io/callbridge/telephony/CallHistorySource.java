package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Capability of a provider adapter that can list the calls of a period (statistics or
 * CDRs), so the core can reconcile calls whose live events were lost. Adapters implement
 * it beside {@link TelephonyProvider} and hide the provider's paging and window limits.
 */
public interface CallHistorySource {

	/**
	 * Lists the finished calls that started in {@code [from, to)}.
	 * @param account the account
	 * @param credentials the account's decrypted credentials
	 * @param from start of the period, inclusive
	 * @param to end of the period, exclusive
	 * @return the calls, each once, in any order
	 * @throws io.callbridge.shared.Problems.ProviderFailure when the provider cannot be
	 * reached or refuses
	 */
	List<HistoricCall> callsBetween(TelephonyAccount account, Credentials credentials, Instant from, Instant to);

	/**
	 * How often the core may reconcile an account, chosen so the provider's limits hold.
	 */
	Duration reconcileEvery();

}
