package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.InMemoryExtensionDirectory;
import io.callbridge.telephony.InMemoryRequestSlots;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.RequestSlots;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.zadarma.SimulatedClock;

/**
 * Ready-made settings, accounts and clients for tests of the CallMyWay client against the
 * simulator, all on the simulator's clock so the 4-second gate takes no real time.
 */
final class CallMyWayFixture {

	static final String USERNAME = "8373443";

	/** Needs URL-encoding and is distinctive enough to search messages for. */
	static final String PASSWORD = "s3cr&t pass=wörd+1%";

	static final ZoneId COSTA_RICA = ZoneId.of("America/Costa_Rica");

	/** The shared HTTP layer, unobserved: these tests need no metrics. */
	static final ProviderHttpClients HTTP = ProviderHttpClients.unobserved();

	private CallMyWayFixture() {
	}

	static CallMyWayProperties anyProperties(URI baseUrl) {
		return properties(baseUrl, Duration.ofSeconds(5), false);
	}

	static CallMyWayProperties properties(URI baseUrl, Duration readTimeout, boolean accountBaseUrlAllowed) {
		return new CallMyWayProperties(baseUrl, Duration.ofSeconds(2), readTimeout, Duration.ofMillis(4200),
				Duration.ofSeconds(30), Duration.ofMinutes(5), accountBaseUrlAllowed, Duration.ofMinutes(5),
				Duration.ofSeconds(4));
	}

	/** Waiting for a turn advances the simulated clock instead of sleeping. */
	static CallMyWayRequestGate gateOn(CallMyWayProperties properties, SimulatedClock clock) {
		return gateOn(properties, clock, new InMemoryRequestSlots(clock));
	}

	/** A gate booking its slots in {@code slots}, e.g. shared with another node. */
	static CallMyWayRequestGate gateOn(CallMyWayProperties properties, SimulatedClock clock, RequestSlots slots) {
		return gateOn(properties, clock, clock::advance, slots);
	}

	/**
	 * A gate of a node whose own clock is {@code nodeClock} (e.g. skewed from the true
	 * time) and that waits with {@code sleeper}.
	 */
	static CallMyWayRequestGate gateOn(CallMyWayProperties properties, Clock nodeClock,
			CallMyWayRequestGate.Sleeper sleeper, RequestSlots slots) {
		return new CallMyWayRequestGate(properties.requestSpacing(),
				properties.connectTimeout().plus(properties.readTimeout()), properties.maxWait(), nodeClock, sleeper,
				slots);
	}

	static CallMyWayApiClient apiClient(CallMyWayProperties properties, SimulatedClock clock) {
		return new CallMyWayApiClient(properties, gateOn(properties, clock), (tenant) -> COSTA_RICA, HTTP);
	}

	static CallMyWayTelephonyClient telephonyClient(CallMyWayProperties properties, SimulatedClock clock) {
		return telephonyClient(properties, clock, new InMemoryExtensionDirectory());
	}

	static CallMyWayTelephonyClient telephonyClient(CallMyWayProperties properties, SimulatedClock clock,
			ExtensionDirectory extensions) {
		return new CallMyWayTelephonyClient(properties, apiClient(properties, clock), extensions);
	}

	static CallMyWayAccess access(URI baseUrl, String password) {
		return new CallMyWayAccess(baseUrl, USERNAME, password, COSTA_RICA);
	}

	static TelephonyAccount anyAccount(Map<String, String> settings) {
		return new TelephonyAccount(9, 1, "callmyway", "CallMyWay main", true, "token", settings, true);
	}

	static Credentials credentials(String password) {
		return new Credentials(Map.of("username", USERNAME, "password", password));
	}

}
