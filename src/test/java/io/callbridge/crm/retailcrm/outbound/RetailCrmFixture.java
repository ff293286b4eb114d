package io.callbridge.crm.retailcrm.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.callbridge.coordination.InMemoryRateLimits;
import io.callbridge.coordination.RateLimits;
import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmPush.CallEvent;
import io.callbridge.crm.CrmPush.CallUpload;
import io.callbridge.crm.CrmRegistration;
import io.callbridge.crm.CrmSecrets;
import io.callbridge.crm.retailcrm.RetailCrm;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderHttpClients;
import org.jspecify.annotations.Nullable;

/**
 * Connections, pushes and connectors of the retailCRM connector's tests, built outside
 * Spring.
 */
final class RetailCrmFixture {

	static final String API_KEY = "rc-key-7f3a9d1e5b";

	static final String CLIENT_ID = "cb-client-4e8b2c7a91";

	static final String CODE = "callbridge-test";

	static final String PUBLIC_URL = "https://callbridge.example";

	private RetailCrmFixture() {
	}

	static RetailCrmProperties properties() {
		return properties(Duration.ofSeconds(5), Duration.ZERO);
	}

	static RetailCrmProperties properties(Duration readTimeout, Duration maxWaitForSlot) {
		return new RetailCrmProperties(Duration.ofSeconds(2), readTimeout, 10, 40, maxWaitForSlot);
	}

	/**
	 * A connector whose limits are counted in memory and whose waits only move a clock.
	 */
	static RetailCrmConnector connector(RetailCrmProperties properties, RateLimits rates, Clock clock,
			RetailCrmRateLimits.Waiting waiting) {
		return new RetailCrmConnector(new RetailCrmApi(properties,
				new RetailCrmRateLimits(properties, rates, clock, waiting), ProviderHttpClients.unobserved(), clock));
	}

	/** A connector on the system clock with its own limits, waiting for real. */
	static RetailCrmConnector connector(RetailCrmProperties properties) {
		Clock clock = Clock.systemUTC();
		return connector(properties, new InMemoryRateLimits(clock), clock, (duration) -> Thread.sleep(duration));
	}

	static RetailCrmConnector connector() {
		return connector(properties());
	}

	static CrmConnection connection(URI baseUrl) {
		return connection(baseUrl, Map.of());
	}

	static CrmConnection connection(URI baseUrl, Map<String, String> settings) {
		return new CrmConnection(7, 1, RetailCrm.KEY, "Shop", baseUrl.toString(), CODE, CLIENT_ID, PUBLIC_URL,
				List.of(3L), true, true, settings, 11L);
	}

	static CrmSecrets secrets() {
		return secrets(API_KEY);
	}

	static CrmSecrets secrets(String apiKey) {
		return new CrmSecrets(Map.of("apiKey", apiKey));
	}

	static CrmRegistration registration(CrmManager... managers) {
		return new CrmRegistration(PUBLIC_URL + "/", PUBLIC_URL + "/admin/crm/7", List.of(managers));
	}

	static CallEvent incoming(CrmManager... managers) {
		return new CallEvent(42, CrmCallEventType.INCOMING, "+34910000001", List.of(managers), "+34910000099", "42",
				null);
	}

	static CallEvent hangup(@Nullable CallResult result, CrmManager... managers) {
		return new CallEvent(42, CrmCallEventType.HANGUP, "+34910000001", List.of(managers), null, "42", result);
	}

	static CallUpload upload(String externalId, CallResult result, @Nullable CrmManager manager,
			@Nullable String recordUrl) {
		return new CallUpload(Long.parseLong(externalId), externalId, CallDirection.INBOUND,
				Instant.parse("2026-03-01T09:15:30Z"), ZoneId.of("Europe/Madrid"), "+34910000001", manager, result, 65,
				12, recordUrl, "+34910000099");
	}

}
