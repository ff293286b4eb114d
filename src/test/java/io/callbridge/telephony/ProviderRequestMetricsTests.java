package io.callbridge.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.zadarma.SimulatedClock;
import io.callbridge.zadarma.ZadarmaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both real adapters in the running application, pointed at their doubles: every provider
 * request shows in {@code /actuator/prometheus} by provider, operation and outcome
 * (failures included), each provider's configured read timeout ends a request to a double
 * that answers too late with the adapter's own timeout message, and no secret shows in
 * the metrics or the failures.
 */
@IntegrationTest
@TestPropertySource(properties = { "callbridge.zadarma.read-timeout=1s", "callbridge.callmyway.read-timeout=1s" })
class ProviderRequestMetricsTests {

	private static final String ZADARMA_SECRET = "zd-secret-Xq81";

	private static final String CALLMYWAY_PASSWORD = "cmw pass=Zr7&";

	private static final String USERNAME = "8000177";

	private static final Duration TOO_LATE = Duration.ofSeconds(3);

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TelephonyProviders providers;

	@Autowired
	ApiClient api;

	private ZadarmaSimulator zadarma;

	private CallMyWaySimulator callMyWay;

	private TelephonyAccount zadarmaAccount;

	private TelephonyAccount callMyWayAccount;

	private TestUser admin;

	@BeforeEach
	void accountsOnTheDoubles() {
		this.zadarma = ZadarmaSimulator.start("zd-key-metrics", ZADARMA_SECRET, SimulatedClock.startingNow(),
				ZoneId.of("UTC"));
		this.callMyWay = CallMyWaySimulator.start(USERNAME, CALLMYWAY_PASSWORD, Clock.systemUTC(), ZoneOffset.UTC);
		this.callMyWay.account().endpoint("43702", USERNAME);
		long tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(tenant, Role.ADMIN);
		// Disabled, so the live poller leaves the CallMyWay double alone: only the test's
		// requests are counted.
		this.zadarmaAccount = this.accounts.create(tenant, "zadarma", "Zadarma metrics", false,
				Map.of("baseUrl", this.zadarma.baseUrl().toString()), zadarma(ZADARMA_SECRET));
		this.callMyWayAccount = this.accounts.create(tenant, "callmyway", "CallMyWay metrics", false,
				Map.of("baseUrl", this.callMyWay.baseUrl().toString()), callMyWay(CALLMYWAY_PASSWORD));
	}

	@AfterEach
	void stopDoubles() {
		this.zadarma.close();
		this.callMyWay.close();
	}

	@Test
	void providerRequestsShowInPrometheusByProviderOperationAndOutcome() {
		List<ProviderEndpoint> extensions = provider("zadarma").listEndpoints(this.zadarmaAccount,
				zadarma(ZADARMA_SECRET));
		OriginateResult wrongSecret = provider("zadarma").originate(this.zadarmaAccount, zadarma("wrong-secret"),
				new OriginateRequest("100", "+34612345678", null));
		List<ProviderEndpoint> endpoints = provider("callmyway").listEndpoints(this.callMyWayAccount,
				callMyWay(CALLMYWAY_PASSWORD));
		OriginateResult wrongPassword = provider("callmyway").originate(this.callMyWayAccount,
				callMyWay("wrong " + CALLMYWAY_PASSWORD), new OriginateRequest(USERNAME, "+50671022296", null));

		String metrics = prometheus();

		assertThat(extensions).isNotEmpty();
		assertThat(endpoints).extracting(ProviderEndpoint::extension).containsExactly(USERNAME);
		assertThat(wrongSecret).isInstanceOf(OriginateResult.Refused.class);
		assertThat(wrongPassword).isInstanceOf(OriginateResult.Refused.class);
		assertThat(counted(metrics, "zadarma", "pbx/internal", "success")).isTrue();
		assertThat(counted(metrics, "zadarma", "request/callback", "credentials_rejected")).isTrue();
		assertThat(counted(metrics, "callmyway", "getEndpoints", "success")).isTrue();
		assertThat(counted(metrics, "callmyway", "ClickToDialExtenal", "rejected")).isTrue();
		assertThat(metrics).contains("callbridge_provider_requests_seconds_sum{")
			.doesNotContain(ZADARMA_SECRET, CALLMYWAY_PASSWORD, "Zr7", "wrong-secret");
		assertThat(List.of(text(wrongSecret), text(wrongPassword)))
			.allSatisfy((text) -> assertThat(text).doesNotContain(ZADARMA_SECRET, "Zr7", "wrong-secret"));
	}

	@Test
	void eachProviderEndsARequestAfterItsOwnReadTimeout() {
		this.zadarma.delay(TOO_LATE);
		this.callMyWay.slow(TOO_LATE);

		OriginateResult zadarmaCall = provider("zadarma").originate(this.zadarmaAccount, zadarma(ZADARMA_SECRET),
				new OriginateRequest("100", "+34612345678", null));
		OriginateResult callMyWayCall = provider("callmyway").originate(this.callMyWayAccount,
				callMyWay(CALLMYWAY_PASSWORD), new OriginateRequest(USERNAME, "+50671022296", null));

		assertThat(text(zadarmaCall)).contains("Zadarma did not answer GET /v1/request/callback/ in time")
			.contains("read timeout PT1S");
		assertThat(text(callMyWayCall)).contains("CallMyWay did not answer /Welcome/ClickToDialExtenal in time")
			.contains("read timeout PT1S")
			.doesNotContain("Zr7");
		String metrics = prometheus();
		assertThat(counted(metrics, "zadarma", "request/callback", "timeout")).isTrue();
		assertThat(counted(metrics, "callmyway", "ClickToDialExtenal", "timeout")).isTrue();
	}

	private TelephonyProvider provider(String key) {
		return this.providers.get(key);
	}

	private String prometheus() {
		return this.api.as(this.admin.token()).get("/actuator/prometheus").hasStatus(200).body();
	}

	/** Whether prometheus counts at least one such request. */
	private static boolean counted(String metrics, String provider, String operation, String outcome) {
		return metrics.lines()
			.filter((line) -> line.startsWith("callbridge_provider_requests_seconds_count{"))
			.filter((line) -> line.contains("provider=\"" + provider + "\"")
					&& line.contains("operation=\"" + operation + "\"") && line.contains("outcome=\"" + outcome + "\""))
			.anyMatch((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1);
	}

	private static String text(OriginateResult result) {
		return (result instanceof OriginateResult.Refused refused) ? refused.reason() : String.valueOf(result);
	}

	private static Credentials zadarma(String secret) {
		return new Credentials(Map.of("key", "zd-key-metrics", "secret", secret));
	}

	private static Credentials callMyWay(String password) {
		return new Credentials(Map.of("username", USERNAME, "password", password));
	}

}
