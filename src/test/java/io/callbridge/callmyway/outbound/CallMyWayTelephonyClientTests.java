package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.InMemoryExtensionDirectory;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.callmyway.SimulatedCallMyWayAccount.ClickToDial;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.callbridge.callmyway.outbound.CallMyWayFixture.COSTA_RICA;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.PASSWORD;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The CallMyWay adapter behind the provider port, against the simulator on loopback:
 * Click2Dial order and caller identity, endpoints, CDR history mapping and paging,
 * credential verdicts and the homologation checks.
 */
class CallMyWayTelephonyClientTests {

	private static final String PRIVATE_EP = "8330101";

	private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 2, 0, 0);

	private static final URI WEBHOOK = URI.create("https://callbridge.example/unused");

	private CallMyWaySimulator callMyWay;

	private CallMyWayTelephonyClient client;

	private final InMemoryExtensionDirectory extensions = new InMemoryExtensionDirectory();

	@BeforeEach
	void start() {
		this.callMyWay = CallMyWaySimulator.start(USERNAME, PASSWORD,
				new SimulatedClock(Instant.parse("2026-03-02T18:00:00Z")), COSTA_RICA);
		this.callMyWay.account().endpoint("43702", USERNAME).endpoint("104", PRIVATE_EP);
		this.client = CallMyWayFixture.telephonyClient(properties(false), this.callMyWay.clock(), this.extensions);
	}

	@AfterEach
	void stop() {
		this.callMyWay.close();
	}

	@Test
	void describesItselfAsTheCallMyWayProvider() {
		assertThat(this.client.key()).isEqualTo("callmyway");
		assertThat(this.client.displayName()).isEqualTo("CallMyWay");
		assertThat(this.client.credentialFields()).containsExactly("username", "password");
		assertThat(this.client.settingFields()).extracting(SettingField::key)
			.containsExactly("callFirst", "timeZone", "callerIdentities", "homologationNumber");
		assertThat(this.client.settingFields().get(0).choices()).containsExactly("agent", "contact");
		assertThat(this.client.reconcileEvery()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void callsTheAgentsEpFirstThenTheDestinationDigits() {
		OriginateResult result = this.client.originate(account(Map.of()), credentials(),
				new OriginateRequest(USERNAME, "+506 7102-2296", null));
		assertThat(result).isEqualTo(new OriginateResult.Accepted(null));
		assertThat(this.callMyWay.account().clickToDials()).extracting(ClickToDial::firstNum, ClickToDial::secondNum)
			.containsExactly(tuple(USERNAME, "50671022296"));
	}

	@Test
	void callsFromTheChosenCallerIdentity() {
		this.client.originate(account(Map.of()), credentials(),
				new OriginateRequest(USERNAME, "+50671022296", PRIVATE_EP));
		assertThat(this.callMyWay.account().clickToDials().get(0).firstNum()).isEqualTo(PRIVATE_EP);
	}

	@Test
	void callsTheContactFirstWhenTheAccountSaysSo() {
		this.client.originate(account(Map.of("callFirst", "contact")), credentials(),
				new OriginateRequest(USERNAME, "+50671022296", PRIVATE_EP));
		ClickToDial sent = this.callMyWay.account().clickToDials().get(0);
		assertThat(sent.firstNum()).isEqualTo("50671022296");
		assertThat(sent.secondNum()).isEqualTo(PRIVATE_EP);
	}

	@Test
	void showsCallMyWaysRefusalWhileACallIsInProgress() {
		this.callMyWay.account().startInbound("50688887777", USERNAME);
		OriginateResult result = this.client.originate(account(Map.of()), credentials(),
				new OriginateRequest(USERNAME, "+50671022296", null));
		assertThat(result).isEqualTo(new OriginateResult.Refused("The user already has an active call"));
	}

	@Test
	void refusesWithAClearMessageWhenCallMyWayCannotBeReached() {
		CallMyWayTelephonyClient offline = CallMyWayFixture
			.telephonyClient(CallMyWayFixture.anyProperties(URI.create("http://127.0.0.1:1")), this.callMyWay.clock());
		OriginateResult result = offline.originate(account(Map.of()), credentials(),
				new OriginateRequest(USERNAME, "+50671022296", null));
		assertThat(result).isInstanceOfSatisfying(OriginateResult.Refused.class,
				(refused) -> assertThat(refused.reason()).startsWith("CallMyWay could not be reached")
					.doesNotContain(PASSWORD));
	}

	@Test
	void listsTheEndpointsWithTheirIdsSortedByEp() {
		assertThat(this.client.listEndpoints(account(Map.of()), credentials()))
			.containsExactly(new ProviderEndpoint(PRIVATE_EP, "ID 104"), new ProviderEndpoint(USERNAME, "ID 43702"));
	}

	@Test
	void mapsTheCdrsOfAPeriod() {
		String out = this.callMyWay.account().recordCall(USERNAME, "50671022296", DAY.plusHours(9), true, 95);
		String missed = this.callMyWay.account().recordCall("50688887777", PRIVATE_EP, DAY.plusHours(10), false, 0);
		String in = this.callMyWay.account().recordCall("50688887777", USERNAME, DAY.plusHours(11), true, 30);
		String unanswered = this.callMyWay.account().recordCall(USERNAME, "50600000000", DAY.plusHours(12), false, 0);
		String internal = this.callMyWay.account().recordCall(USERNAME, PRIVATE_EP, DAY.plusHours(13), true, 5);
		this.callMyWay.account().recordCall(USERNAME, "50600000001", DAY.plusDays(2), true, 5);

		List<HistoricCall> calls = this.client.callsBetween(account(Map.of()), credentials(),
				DAY.atZone(COSTA_RICA).toInstant(), DAY.plusDays(1).atZone(COSTA_RICA).toInstant());

		assertThat(calls).extracting(HistoricCall::providerCallId)
			.containsExactlyInAnyOrder(out, missed, in, unanswered, internal);
		HistoricCall outbound = byId(calls, out);
		assertThat(outbound.direction()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(outbound.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(outbound.extension()).isEqualTo(USERNAME);
		assertThat(outbound.externalNumber()).isEqualTo("50671022296");
		assertThat(outbound.startedAt()).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
		assertThat(outbound.talkSeconds()).isEqualTo(95);
		assertThat(outbound.cost()).isEqualByComparingTo("39.8763");
		assertThat(outbound.currency()).isNull();
		assertThat(outbound.extras()).containsEntry("rate", "25.185")
			.containsEntry("route_name", "COSTA RICA MOBILE ICE")
			.containsEntry("route_pattern", "5068")
			.containsEntry("access_endpoint_id", "43702")
			.containsEntry("access_fee", "0")
			.doesNotContainKey("dst_endpoint_id");
		HistoricCall inboundMissed = byId(calls, missed);
		assertThat(inboundMissed.direction()).isEqualTo(CallDirection.INBOUND);
		assertThat(inboundMissed.result()).isEqualTo(CallResult.MISSED);
		assertThat(inboundMissed.extension()).isEqualTo(PRIVATE_EP);
		assertThat(inboundMissed.externalNumber()).isEqualTo("50688887777");
		assertThat(inboundMissed.extras()).containsEntry("dst_endpoint_id", "104");
		assertThat(byId(calls, in).result()).isEqualTo(CallResult.ANSWERED);
		assertThat(byId(calls, unanswered).direction()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(byId(calls, unanswered).result()).isEqualTo(CallResult.MISSED);
		assertThat(byId(calls, internal).direction()).isEqualTo(CallDirection.INTERNAL);
		assertThat(this.callMyWay.requests("/getCdrs.php").get(0).params())
			.containsEntry("dateStart", "2026-03-02 00:00:00")
			.containsEntry("dateEnd", "2026-03-03 00:00:00");
	}

	@Test
	void pagesThroughALongPeriodEachCallOnce() {
		this.callMyWay.pageCap(500);
		for (int i = 0; i < 1100; i++) {
			this.callMyWay.account().recordCall(USERNAME, "5067" + i, DAY.plusSeconds(60L * i), true, 10);
		}
		List<HistoricCall> calls = this.client.callsBetween(account(Map.of()), credentials(),
				DAY.atZone(COSTA_RICA).toInstant(), DAY.plusDays(1).atZone(COSTA_RICA).toInstant());
		assertThat(calls).hasSize(1100).extracting(HistoricCall::providerCallId).doesNotHaveDuplicates();
		// the short third page is not taken for the end: only an empty page is
		assertThat(this.callMyWay.requests("/getCdrs.php")).extracting((r) -> r.params().get("ini"))
			.containsExactly("0", "500", "1000", "1100");
		assertThat(this.callMyWay.penalty()).isZero();
	}

	@Test
	void pagesOnUntilAnEmptyPageWhenCallMyWayCapsItsPagesBelowCant() {
		this.callMyWay.pageCap(100);
		for (int i = 0; i < 250; i++) {
			this.callMyWay.account().recordCall(USERNAME, "5067" + i, DAY.plusSeconds(60L * i), true, 10);
		}

		List<HistoricCall> calls = this.client.callsBetween(account(Map.of()), credentials(),
				DAY.atZone(COSTA_RICA).toInstant(), DAY.plusDays(1).atZone(COSTA_RICA).toInstant());

		assertThat(calls).hasSize(250).extracting(HistoricCall::providerCallId).doesNotHaveDuplicates();
		assertThat(this.callMyWay.requests("/getCdrs.php"))
			.extracting((r) -> r.params().get("ini"), (r) -> r.params().get("cant"))
			.containsExactly(tuple("0", "500"), tuple("100", "500"), tuple("200", "500"), tuple("250", "500"));
		assertThat(this.callMyWay.penalty()).isZero();
	}

	@Test
	void keepsTheEndpointListForSyncsAndTheExtensionsPageUntilTheCredentialsChange() {
		TelephonyAccount account = account(Map.of());

		this.client.listEndpoints(account, credentials());
		this.client.callsBetween(account, credentials(), DAY.atZone(COSTA_RICA).toInstant(),
				DAY.plusDays(1).atZone(COSTA_RICA).toInstant());
		this.client.listEndpoints(account, credentials());
		assertThat(this.callMyWay.requests("/getEndpoints.php")).hasSize(1);

		// new credentials are tried at once (here CallMyWay refuses them)
		catchThrowableOfType(Problems.ProviderFailure.class,
				() -> this.client.listEndpoints(account, CallMyWayFixture.credentials("another password")));
		assertThat(this.callMyWay.requests("/getEndpoints.php")).hasSize(2);
		// the homologation's credentials check always asks CallMyWay
		this.client.verifyCredentials(account, credentials());
		assertThat(this.callMyWay.requests("/getEndpoints.php")).hasSize(3);
	}

	@Test
	void reportsHistoryFailuresAsProviderFailures() {
		this.callMyWay.allowIps("203.0.113.7");
		Problems.ProviderFailure failure = catchThrowableOfType(Problems.ProviderFailure.class,
				() -> this.client.callsBetween(account(Map.of()), credentials(), Instant.EPOCH, Instant.now()));
		assertThat(failure.getMessage()).isEqualTo("IP not authorized");
	}

	@Test
	void verifiesCredentials() {
		assertThat(this.client.verifyCredentials(account(Map.of()), credentials()))
			.isEqualTo(new CredentialsVerdict.Accepted());
		assertThat(this.client.verifyCredentials(account(Map.of()), CallMyWayFixture.credentials("wrong")))
			.isEqualTo(new CredentialsVerdict.Rejected("Invalid username or password"));
		this.callMyWay.fault(CallMyWaySimulator.Fault.SERVER_ERROR);
		assertThat(this.client.verifyCredentials(account(Map.of()), credentials()))
			.isInstanceOf(CredentialsVerdict.Unreachable.class);
	}

	@Test
	void passesTheHomologationAgainstAHealthyAccount() {
		String live = this.callMyWay.account().startInbound("50688887777", USERNAME);
		this.callMyWay.account().end(live);
		TelephonyAccount account = account(
				Map.of("callerIdentities", PRIVATE_EP, "homologationNumber", "+50671022296"));
		this.extensions.assign(account.id(), 7, USERNAME, "Ana López");

		List<AccountCheck> checks = this.client.check(account, credentials(), WEBHOOK);

		assertThat(checks).extracting(AccountCheck::code)
			.containsExactly("credentials", "endpoints", "agentEps", "agents", "liveCalls", "cdrs", "click2dial");
		assertThat(checks).allSatisfy((check) -> assertThat(check.passed()).as(check.detail()).isTrue());
		assertThat(checks.get(1).detail()).isEqualTo("2 endpoints: 8330101 (ID 104), 8373443 (ID 43702).");
		assertThat(checks.get(2).detail())
			.isEqualTo("1 agents, each on an endpoint of the account: 8373443 (Ana López).");
		assertThat(checks.get(4).detail()).isEqualTo("0 calls in progress.");
		assertThat(checks.get(5).detail()).isEqualTo("1 calls in the last 24 h.");
		assertThat(this.callMyWay.account().clickToDials()).extracting(ClickToDial::firstNum, ClickToDial::secondNum)
			.containsExactly(tuple(PRIVATE_EP, "50671022296"));
		assertThat(this.callMyWay.penalty()).isZero();
	}

	@Test
	void doesNotPlaceATestCallWithoutAHomologationNumber() {
		List<AccountCheck> checks = this.client.check(account(Map.of()), credentials(), WEBHOOK);
		assertThat(checks.get(6))
			.extracting(AccountCheck::code, AccountCheck::name, AccountCheck::passed, AccountCheck::detail)
			.containsExactly("click2dial", "Click2Dial", false,
					"Not run: CallMyWay has no dry-run mode; set homologationNumber to place one real test call.");
		assertThat(this.callMyWay.account().clickToDials()).isEmpty();
	}

	@Test
	void failsTheIdentityCheckForAnUnknownEp() {
		List<AccountCheck> checks = this.client.check(account(Map.of("callerIdentities", PRIVATE_EP + ", 999")),
				credentials(), WEBHOOK);
		assertThat(checks.get(3).passed()).isFalse();
		assertThat(checks.get(3).detail()).isEqualTo("Not among the account's endpoints: 999.");
	}

	@Test
	void failsTheAgentsEpCheckForAnEpCallMyWayDoesNotList() {
		TelephonyAccount account = account(Map.of());
		this.extensions.assign(account.id(), 7, USERNAME, "Ana López").assign(account.id(), 8, "8379999", "Luis");

		AccountCheck check = this.client.check(account, credentials(), WEBHOOK).get(2);

		assertThat(check).extracting(AccountCheck::code, AccountCheck::name, AccountCheck::passed, AccountCheck::detail)
			.containsExactly("agentEps", "Agents' EPs", false, "Not among the account's endpoints: 8379999 (Luis).");
	}

	@Test
	void failsTheAgentsEpCheckWhileNoAgentHasAnEp() {
		AccountCheck check = this.client.check(account(Map.of()), credentials(), WEBHOOK).get(2);

		assertThat(check.passed()).isFalse();
		assertThat(check.detail()).contains("No agent has an EP on this account yet");
	}

	@Test
	void failsTheHomologationWithCallMyWaysMessageOnWrongCredentials() {
		List<AccountCheck> checks = this.client.check(account(Map.of("homologationNumber", "+50671022296")),
				CallMyWayFixture.credentials("wrong"), WEBHOOK);
		assertThat(checks).hasSize(7).allSatisfy((check) -> assertThat(check.passed()).isFalse());
		assertThat(checks.get(0).detail()).isEqualTo("Invalid username or password");
		assertThat(this.callMyWay.account().clickToDials()).isEmpty();
	}

	@Test
	void honoursTheAccountsBaseUrlOnlyWhenAllowed() {
		TelephonyAccount elsewhere = account(Map.of("baseUrl", this.callMyWay.baseUrl().toString()));
		CallMyWayTelephonyClient guarded = CallMyWayFixture
			.telephonyClient(CallMyWayFixture.anyProperties(URI.create("http://127.0.0.1:1")), this.callMyWay.clock());
		assertThat(guarded.verifyCredentials(elsewhere, credentials()))
			.isInstanceOf(CredentialsVerdict.Unreachable.class);
		CallMyWayTelephonyClient open = CallMyWayFixture.telephonyClient(
				CallMyWayFixture.properties(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(5), true),
				this.callMyWay.clock());
		assertThat(open.verifyCredentials(elsewhere, credentials())).isEqualTo(new CredentialsVerdict.Accepted());
	}

	private CallMyWayProperties properties(boolean accountBaseUrlAllowed) {
		return CallMyWayFixture.properties(this.callMyWay.baseUrl(), Duration.ofSeconds(5), accountBaseUrlAllowed);
	}

	private static TelephonyAccount account(Map<String, String> settings) {
		return CallMyWayFixture.anyAccount(settings);
	}

	private static Credentials credentials() {
		return CallMyWayFixture.credentials(PASSWORD);
	}

	private static HistoricCall byId(List<HistoricCall> calls, String id) {
		return calls.stream().filter((c) -> c.providerCallId().equals(id)).findFirst().orElseThrow();
	}

}
