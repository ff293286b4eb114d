package io.callbridge.uis.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.RateLimits;
import io.callbridge.shared.Problems;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.telephony.TelephonyAccountService.AccountCommand;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The UIS adapter against the UIS simulator (the faithful double of Part D), on the
 * application's database: click-to-call as UIS checks it, UIS's refusals as clear
 * messages, sessions UIS ends, points kept by two nodes before UIS refuses, and the calls
 * the simulator played read back from its reports.
 */
@IntegrationTest
class UisSimulatorClientTests {

	static final String TOKEN = "permanent-key";

	static final String VIRTUAL = "74993720692";

	@Autowired
	UisTelephonyClient client;

	@Autowired
	UisEmployeeDirectory employees;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TenantFixture tenants;

	@Autowired
	TelephonyAccountService service;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DatabaseClock clock;

	@Autowired
	RateLimits rates;

	private UisSimulator uis;

	private Credentials credentials;

	private TelephonyAccount account;

	@BeforeEach
	void start() {
		this.uis = UisSimulator.start();
		this.uis.permanentToken(TOKEN);
		this.uis.employees().add(25, "Иван", "Иванов", "101", "79260000025");
		this.uis.employees().add(26, "Anna", "Petrova", null, "79260000026");
		this.uis.account().addVirtualNumber(VIRTUAL, "active");
		this.uis.account().addVirtualNumber("74950000001", "waiting");
		this.credentials = new Credentials(Map.of("accessToken", TOKEN, "notificationSecret", "n-secret"));
		this.account = account(Map.of("virtualNumber", VIRTUAL));
	}

	@AfterEach
	void stop() {
		this.uis.close();
	}

	@Test
	void clickToCallIsAcceptedByUisWithItsSession() {
		OriginateResult result = this.client.originate(this.account, this.credentials,
				new OriginateRequest("25", "+79261112233", null));

		assertThat(result).isInstanceOfSatisfying(OriginateResult.Accepted.class,
				(accepted) -> assertThat(accepted.providerCallId()).matches("\\d+"));
		JsonNode started = this.uis.account().started().get(0);
		assertThat(started.path("contact").asString()).isEqualTo("79261112233");
		assertThat(started.path("employee").path("id").asLong()).isEqualTo(25);
	}

	@Test
	void uisRefusalsOfClickToCallAreClear() {
		assertThat(refusal("99", "+79261112233")).contains("not the id of an employee").contains("-32602");
		assertThat(refusal("25", "+" + VIRTUAL)).contains("own virtual numbers");
		this.uis.account().blacklist("79261112233");
		assertThat(refusal("25", "+79261112233")).contains("blacklist").contains("-32002");
		this.uis.employees().deactivatePhones(26);
		assertThat(refusal("26", "+79267778899")).contains("no active phone number");
		TelephonyAccount notOurs = account(Map.of("virtualNumber", "74951234567"));
		assertThat(((OriginateResult.Refused) this.client.originate(notOurs, this.credentials,
				new OriginateRequest("25", "+79267778899", null)))
			.reason()).contains("virtual number is not one of the account’s").contains("-32007");
	}

	@Test
	void uisRefusalsOfTheAccountAreClear() {
		this.uis.expiredToken("old-key");
		assertThat(verdict(new Credentials(Map.of("accessToken", "old-key", "notificationSecret", "s"))))
			.contains("has expired");
		assertThat(verdict(new Credentials(Map.of("accessToken", "unknown", "notificationSecret", "s"))))
			.contains("does not know the access token");
		assertThat(verdict(new Credentials(Map.of("login", "nobody", "password", "x", "notificationSecret", "s"))))
			.contains("does not accept the login and password");
		this.uis.ipWhitelisted(false);
		assertThat(verdict(this.credentials)).contains("IP address");
		this.uis.ipWhitelisted(true);
		this.uis.componentEnabled(UisSimulator.DATA, false);
		assertThat(verdict(this.credentials)).contains("component");
		this.uis.componentEnabled(UisSimulator.DATA, true);
		this.uis.accountActive(false);
		assertThat(verdict(this.credentials)).contains("inactive");
	}

	@Test
	void aSessionUisEndsIsOpenedAgainOnce() {
		this.uis.user("admin", "pw");
		Credentials login = new Credentials(Map.of("login", "admin", "password", "pw", "notificationSecret", "s"));

		assertThat(this.client.listEndpoints(this.account, login)).hasSize(2);
		// UIS's clock passes the hour: UIS no longer knows the session this node holds.
		this.uis.clock().advance(Duration.ofMinutes(61));
		assertThat(this.client.listEndpoints(this.account, login)).extracting(ProviderEndpoint::label)
			.contains("Иванов Иван · 101");

		assertThat(this.uis.requests()).filteredOn((r) -> "login.user".equals(r.method())).hasSize(2);
		assertThat(this.uis.requests()).filteredOn((r) -> "get.employees".equals(r.method()))
			.extracting(UisSimulator.Received::error)
			.containsExactly(null, "access_token_invalid", null);
	}

	@Test
	void twoNodesKeepToThePointsSoUisNeverRefuses() {
		this.uis.limits(UisSimulator.DATA, 4, 10_000);
		UisTelephonyClient otherNode = otherNode();
		int sent = 0;
		for (int i = 0; i < 5; i++) {
			for (UisTelephonyClient node : List.of(this.client, otherNode)) {
				try {
					node.listEndpoints(this.account, this.credentials);
					sent++;
				}
				catch (Problems.ProviderFailure ex) {
					assertThat(ex.getMessage()).contains("used up");
				}
			}
		}

		assertThat(sent).isEqualTo(4);
		assertThat(this.uis.requests()).extracting(UisSimulator.Received::error).doesNotContain("limit_exceeded");
	}

	@Test
	void uisRefusingForItsLimitsHoldsTheApiBackOnBothNodes() {
		this.uis.forceLimitExceeded(UisSimulator.DATA, "day");

		assertThatThrownBy(() -> this.client.listEndpoints(this.account, this.credentials))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("Limit per day");
		assertThatThrownBy(() -> otherNode().listEndpoints(this.account, this.credentials))
			.hasMessageContaining("held back");
		assertThat(this.uis.requests()).hasSize(1);
	}

	@Test
	void playedCallsAreReadBackFromTheReport() {
		Instant from = this.uis.clock().instant().minusSeconds(60);
		long answered = this.uis.calls().inboundAnswered("79261112233", VIRTUAL, 25, 7, 42);
		long missed = this.uis.calls().inboundMissed("79264445566", VIRTUAL, 20, 25, 26);
		Instant to = this.uis.clock().instant().plusSeconds(60);

		List<HistoricCall> calls = this.client.callsBetween(this.account, this.credentials, from, to);

		assertThat(calls).extracting(HistoricCall::providerCallId)
			.containsExactlyInAnyOrder(String.valueOf(answered), String.valueOf(missed));
		HistoricCall first = calls.stream()
			.filter((c) -> c.providerCallId().equals(String.valueOf(answered)))
			.findFirst()
			.orElseThrow();
		assertThat(first.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(first.extension()).isEqualTo("25");
		assertThat(first.talkSeconds()).isEqualTo(42);
		assertThat(first.externalNumber()).isEqualTo("+79261112233");
		assertThat(first.recordingRef()).isNotNull();
		assertThat(calls.stream().filter((c) -> c.providerCallId().equals(String.valueOf(missed))).findFirst())
			.hasValueSatisfying((call) -> assertThat(call.result()).isEqualTo(CallResult.MISSED));
	}

	@Test
	void employeesAndTheirAvailabilityAreUisOwn() {
		assertThat(this.client.listEndpoints(this.account, this.credentials))
			.contains(new ProviderEndpoint("25", "Иванов Иван · 101"), new ProviderEndpoint("26", "Petrova Anna"));
		assertThat(this.employees.find(this.account.id(), "25"))
			.hasValueSatisfying((employee) -> assertThat(employee.phoneNumbers()).containsExactly("79260000025"));

		this.client.setAvailability(this.account, this.credentials, "25", io.callbridge.shared.AgentStatus.BREAK);

		assertThat(this.uis.employees().status(25)).isEqualTo("break");
		assertThat(this.uis.employees().callsAvailable(25)).isFalse();
	}

	@Test
	void anAccountIsSavedWithATokenOrALoginEachWithTheSecretAndCheckedAtUis() {
		this.uis.user("admin", "pw");
		long tenant = this.tenants.anyTenant();

		assertThat(this.service.create(tenant, command(Map.of("accessToken", TOKEN, "notificationSecret", "s")))
			.hasCredentials()).isTrue();
		assertThat(this.service
			.create(tenant, command(Map.of("login", "admin", "password", "pw", "notificationSecret", "s")))
			.hasCredentials()).isTrue();
		assertThatThrownBy(
				() -> this.service.create(tenant, command(Map.of("login", "admin", "notificationSecret", "s"))))
			.isInstanceOfSatisfying(Problems.InvalidInput.class,
					(ex) -> assertThat(ex.errors()).extracting(Problems.FieldError::field)
						.containsExactly("credentials.password", "credentials"))
			.hasMessageContaining("accessToken + notificationSecret; login + password + notificationSecret");
		assertThatThrownBy(() -> this.service.create(tenant, command(Map.of("accessToken", TOKEN))))
			.hasMessageContaining("Notification secret");
		assertThatThrownBy(
				() -> this.service.create(tenant, command(Map.of("accessToken", "typo", "notificationSecret", "s"))))
			.isInstanceOf(Problems.InvalidInput.class)
			.hasMessageContaining("does not know the access token");
	}

	private AccountCommand command(Map<String, String> credentials) {
		Map<String, String> settings = Map.of("callApiUrl", this.uis.callApiUrl().toString(), "dataApiUrl",
				this.uis.dataApiUrl().toString(), "virtualNumber", VIRTUAL);
		return new AccountCommand("uis", "UIS " + UUID.randomUUID(), true, new java.util.HashMap<>(settings),
				credentials);
	}

	private String refusal(String employee, String destination) {
		OriginateResult result = this.client.originate(this.account, this.credentials,
				new OriginateRequest(employee, destination, null));
		assertThat(result).isInstanceOf(OriginateResult.Refused.class);
		return ((OriginateResult.Refused) result).reason();
	}

	private String verdict(Credentials credentials) {
		CredentialsVerdict verdict = this.client.verifyCredentials(this.account, credentials);
		assertThat(verdict).isInstanceOf(CredentialsVerdict.Rejected.class);
		return ((CredentialsVerdict.Rejected) verdict).message();
	}

	private UisTelephonyClient otherNode() {
		UisProperties properties = UisSettingsTest.properties(true);
		UisPointLimits limits = new UisPointLimits(this.jdbc, this.clock, this.rates);
		UisJsonRpc rpc = new UisJsonRpc(properties, limits,
				new UisSessions(properties.sessionRenewBefore(), java.time.Clock.systemUTC()),
				ProviderHttpClients.unobserved());
		return new UisTelephonyClient(properties, new UisApiClient(rpc), this.employees, limits);
	}

	private TelephonyAccount account(Map<String, String> settings) {
		Map<String, String> all = new java.util.HashMap<>(settings);
		all.put("callApiUrl", this.uis.callApiUrl().toString());
		all.put("dataApiUrl", this.uis.dataApiUrl().toString());
		return this.accounts.create(this.tenants.anyTenant(), "uis", "UIS " + UUID.randomUUID(), true, all,
				this.credentials);
	}

}
