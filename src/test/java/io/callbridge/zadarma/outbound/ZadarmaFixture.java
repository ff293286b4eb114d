package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.callbridge.coordination.InMemoryRateLimits;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.zadarma.SimulatedClock;

/**
 * Ready-made settings, accounts and clients for tests of the Zadarma client against the
 * simulator, all on the simulator's clock so rate-limit waits take no real time.
 */
final class ZadarmaFixture {

	static final String KEY = "zd-key";

	static final String SECRET = "zd-secret";

	private ZadarmaFixture() {
	}

	static ZadarmaProperties anyProperties(URI baseUrl) {
		return properties(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(65), false);
	}

	static ZadarmaProperties properties(URI baseUrl, Duration readTimeout, Duration statisticsMaxWait,
			boolean accountBaseUrlAllowed) {
		return new ZadarmaProperties(baseUrl, Duration.ofSeconds(2), readTimeout, 100, 3, Duration.ofSeconds(5),
				statisticsMaxWait, Duration.ofMinutes(20), Duration.ofMinutes(30), accountBaseUrlAllowed);
	}

	/** Waiting for a token advances the simulated clock instead of sleeping. */
	static ZadarmaRateLimits limitsOn(ZadarmaProperties properties, SimulatedClock clock) {
		return new ZadarmaRateLimits(properties, new InMemoryRateLimits(clock), clock, clock::advance);
	}

	static ZadarmaApiClient apiClient(ZadarmaProperties properties, SimulatedClock clock) {
		return new ZadarmaApiClient(properties, limitsOn(properties, clock), ProviderHttpClients.unobserved());
	}

	static ZadarmaTelephonyClient telephonyClient(ZadarmaProperties properties, SimulatedClock clock) {
		return new ZadarmaTelephonyClient(properties, apiClient(properties, clock), (tenant) -> ZoneId.of("UTC"));
	}

	static ZadarmaAccess access(URI baseUrl, String secret) {
		return new ZadarmaAccess(baseUrl, KEY, secret, ZoneId.of("UTC"));
	}

	static TelephonyAccount anyAccount(Map<String, String> settings) {
		return new TelephonyAccount(7, 1, "zadarma", "Zadarma main", true, "token", settings, true);
	}

	static Credentials credentials(String secret) {
		return new Credentials(Map.of("key", KEY, "secret", secret));
	}

}
