package io.callbridge.uis.outbound;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.RateLimits;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Problems;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisEmployee;
import io.callbridge.uis.UisPoints;
import io.callbridge.uis.outbound.JsonRpcStub.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.uis.outbound.JsonRpcStub.error;
import static io.callbridge.uis.outbound.JsonRpcStub.limits;
import static io.callbridge.uis.outbound.JsonRpcStub.raw;
import static io.callbridge.uis.outbound.JsonRpcStub.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The UIS adapter against a scripted JSON-RPC endpoint on loopback, on the application's
 * database (H2 and PostgreSQL): the request envelope and the parameters of click-to-call,
 * UIS's errors as clear refusals with UIS's words, garbage and an unreachable UIS,
 * {@code login.user} sessions renewed when UIS drops them, point limits kept before UIS
 * refuses and shared by two nodes, {@code -32029} honoured, employees stored and their
 * availability set, the calls report paged, and recordings.
 */
@IntegrationTest
class UisTelephonyClientTests {

	static final String TOKEN = "uis-token-secret";

	@Autowired
	UisTelephonyClient client;

	@Autowired
	UisPointLimits limits;

	@Autowired
	UisEmployeeDirectory employees;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TenantFixture tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DatabaseClock clock;

	@Autowired
	RateLimits rates;

	private JsonRpcStub uis;

	private TelephonyAccount account;

	private Credentials credentials;

	@BeforeEach
	void start() {
		this.uis = JsonRpcStub.start();
		this.credentials = new Credentials(Map.of("accessToken", TOKEN, "notificationSecret", "n-secret"));
		this.account = account(Map.of("virtualNumber", "74993720692"), this.credentials);
	}

	@AfterEach
	void stop() {
		this.uis.close();
	}

	@Test
	void clickToCallStartsAnEmployeeCallAndReturnsItsSession() {
		this.uis.on("start.employee_call", result(Map.of("call_session_id", 237859081L), limits(9000, 90, 40)));

		OriginateResult result = this.client.originate(this.account, this.credentials,
				new OriginateRequest("25", "+7 926 000-00-00", null));

		assertThat(result).isEqualTo(new OriginateResult.Accepted("237859081"));
		Received request = this.uis.received("start.employee_call").get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v4.0");
		assertThat(request.contentType()).isEqualTo("application/json; charset=UTF-8");
		assertThat(request.body().path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(request.body().path("id").asString()).isNotBlank();
		assertThat(request.params().path("access_token").asString()).isEqualTo(TOKEN);
		assertThat(request.params().path("first_call").asString()).isEqualTo("employee");
		assertThat(request.params().path("switch_at_once").asBoolean()).isTrue();
		assertThat(request.params().path("early_switching").asBoolean()).isTrue();
		assertThat(request.params().path("direction").asString()).isEqualTo("out");
		assertThat(request.params().path("contact").asString()).isEqualTo("79260000000");
		assertThat(request.params().path("employee").path("id").asLong()).isEqualTo(25);
		assertThat(request.params().path("virtual_phone_number").asString()).isEqualTo("74993720692");
		assertThat(request.params().path("external_id").asString()).startsWith("cb-");
	}

	@Test
	void aNumericCallerIdIsTheVirtualNumberShown() {
		this.uis.on("start.employee_call", result(Map.of("call_session_id", 1), Map.of()));

		this.client.originate(this.account, this.credentials,
				new OriginateRequest("25", "+79260000000", "+74950000001"));

		assertThat(this.uis.received("start.employee_call").get(0).params().path("virtual_phone_number").asString())
			.isEqualTo("74950000001");
	}

	@Test
	void clickToCallIsRefusedClearlyWithUissOwnWords() {
		this.uis.on("start.employee_call",
				error(-32602, "no_active_phone_number", "The phone number does not exist or inactive"));

		OriginateResult result = this.client.originate(this.account, this.credentials,
				new OriginateRequest("25", "+79260000000", null));

		assertThat(result).isInstanceOfSatisfying(OriginateResult.Refused.class,
				(refused) -> assertThat(refused.reason()).contains("has no active phone number in UIS")
					.contains("The phone number does not exist or inactive"));
		assertThat(this.client.originate(this.account, this.credentials, new OriginateRequest("101a", "+7926", null)))
			.isInstanceOfSatisfying(OriginateResult.Refused.class,
					(refused) -> assertThat(refused.reason()).contains("not a UIS employee id"));
		assertThat(this.client.originate(account(Map.of(), this.credentials), this.credentials,
				new OriginateRequest("25", "+79260000000", null)))
			.isInstanceOfSatisfying(OriginateResult.Refused.class,
					(refused) -> assertThat(refused.reason()).contains("no default virtual number"));
	}

	@Test
	void garbageAndAnUnreachableUisAreClearFailuresWithoutTheToken() {
		this.uis.on("get.employees", raw(502, "<html><body>Bad gateway " + TOKEN + "</body></html>"));

		assertThatThrownBy(() -> this.client.listEndpoints(this.account, this.credentials))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("get.employees with HTTP 502 and no JSON-RPC answer")
			.hasMessageContaining("<html>")
			.hasMessageNotContaining(TOKEN);

		this.uis.close();
		assertThatThrownBy(() -> this.client.listEndpoints(this.account, this.credentials))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("UIS could not be reached for get.employees");
	}

	@Test
	void aLoginOpensASessionAndLogsInAgainOnceWhenUisDropsIt() {
		Credentials login = new Credentials(
				Map.of("login", "admin", "password", "pw-secret", "notificationSecret", "n"));
		TelephonyAccount byLogin = account(Map.of(), login);
		long expires = Instant.now().plusSeconds(3600).getEpochSecond();
		this.uis.on("login.user", result(Map.of("access_token", "session-1", "expire_at", expires), Map.of()),
				result(Map.of("access_token", "session-2", "expire_at", expires), Map.of()));
		this.uis.on("get.employees", error(-32001, "access_token_invalid", "Access token is invalid"),
				result(List.of(), Map.of()));

		assertThat(this.client.listEndpoints(byLogin, login)).isEmpty();
		this.client.listEndpoints(byLogin, login);

		assertThat(this.uis.received("login.user")).hasSize(2)
			.allSatisfy((r) -> assertThat(r.params().path("login").asString()).isEqualTo("admin"));
		assertThat(this.uis.received("get.employees")).extracting((r) -> r.params().path("access_token").asString())
			.containsExactly("session-1", "session-2", "session-2");
	}

	@Test
	void wrongCredentialsAreRejectedWithUissMessage() {
		this.uis.on("get.virtual_numbers", error(-32001, "access_token_invalid", "Invalid access token"));

		assertThat(this.client.verifyCredentials(this.account, this.credentials)).isInstanceOfSatisfying(
				CredentialsVerdict.Rejected.class,
				(rejected) -> assertThat(rejected.message()).contains("Invalid access token"));
	}

	@Test
	void usedUpPointsAreRefusedLocallyOnEveryNodeUntilTheirReset() {
		this.uis.on("get.employees", result(List.of(), limits(9000, 0, 40)));
		this.client.listEndpoints(this.account, this.credentials);

		assertThatThrownBy(() -> this.client.listEndpoints(this.account, this.credentials))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("points per minute of UIS’s data API are used up");
		// Another node: its own client and limiter, the same database.
		UisTelephonyClient otherNode = otherNode();
		assertThatThrownBy(() -> otherNode.listEndpoints(this.account, this.credentials))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("used up");
		assertThat(this.uis.received("get.employees")).hasSize(1);
		assertThat(this.limits.points(this.account.id())).singleElement().satisfies((points) -> {
			assertThat(points.api()).isEqualTo("data");
			assertThat(points.dayRemaining()).isEqualTo(9000);
			assertThat(points.minuteRemaining()).isZero();
		});
		// The call API has its own points.
		this.uis.on("start.employee_call", result(Map.of("call_session_id", 5), limits(500, 10, 40)));
		assertThat(
				this.client.originate(this.account, this.credentials, new OriginateRequest("25", "+79260000000", null)))
			.isInstanceOf(OriginateResult.Accepted.class);
		assertThat(this.limits.points(this.account.id())).extracting(UisPoints::api).containsExactly("call", "data");
	}

	@Test
	void pointsResetAtTheTimeUisSaid() {
		this.uis.on("get.employees", result(List.of(), limits(9000, 0, 0)));

		this.client.listEndpoints(this.account, this.credentials);
		this.client.listEndpoints(this.account, this.credentials);

		assertThat(this.uis.received("get.employees")).hasSize(2);
	}

	@Test
	void uisRefusingForItsLimitsHoldsTheApiBackOnEveryNode() {
		this.uis.on("get.employees",
				error(-32029, "limit_exceeded",
						"Limit per minute has been exceeded. Value of current limit per minute is 100"),
				result(List.of(), Map.of()));

		assertThatThrownBy(() -> this.client.listEndpoints(this.account, this.credentials))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("Limit per minute has been exceeded")
			.hasMessageContaining("wait 60 s");
		assertThatThrownBy(() -> otherNode().listEndpoints(this.account, this.credentials))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("held back");
		assertThat(this.uis.received("get.employees")).hasSize(1);
	}

	@Test
	void employeesAreTheEndpointsAndAreStoredForTheInboundSide() {
		this.uis.on("get.employees",
				result(List.of(employee(25, "Иван Иванов", "101"), employee(26, "Anna", null)), Map.of()));

		List<ProviderEndpoint> endpoints = this.client.listEndpoints(this.account, this.credentials);

		assertThat(endpoints).containsExactly(new ProviderEndpoint("25", "Иван Иванов · 101"),
				new ProviderEndpoint("26", "Anna"));
		UisEmployee ivan = this.employees.find(this.account.id(), "25").orElseThrow();
		assertThat(ivan.fullName()).isEqualTo("Иван Иванов");
		assertThat(ivan.extension()).isEqualTo("101");
		assertThat(ivan.phoneNumbers()).containsExactly("79260000025");
		assertThat(ivan.status()).isEqualTo("available");
		assertThat(this.employees.list(this.account.id())).hasSize(2);

		this.uis.on("get.employees", result(List.of(employee(26, "Anna", null)), Map.of()));
		this.client.listEndpoints(this.account, this.credentials);
		assertThat(this.employees.list(this.account.id())).extracting(UisEmployee::id).containsExactly("26");
	}

	@Test
	void theAgentsStatusSetsTheEmployeesAvailability() {
		this.uis.on("update.employees", result(Map.of(), Map.of()));

		this.client.setAvailability(this.account, this.credentials, "25", AgentStatus.BREAK);
		this.client.setAvailability(this.account, this.credentials, "25", AgentStatus.AVAILABLE);
		this.client.setAvailability(this.account, this.credentials, "25", AgentStatus.BUSY);
		this.client.setAvailability(this.account, this.credentials, "25", AgentStatus.OFFLINE);

		assertThat(this.uis.received("update.employees"))
			.extracting((r) -> r.params().path("id").asLong() + " " + r.params().path("status").asString() + " "
					+ r.params().path("calls_available").asBoolean())
			.containsExactly("25 break false", "25 available true", "25 do_not_disturb false", "25 not_at_work false");
		this.uis.on("update.employees", error(-32602, "entity_not_found", "Employee not found"));
		assertThatThrownBy(
				() -> this.client.setAvailability(this.account, this.credentials, "25", AgentStatus.AVAILABLE))
			.isInstanceOf(Problems.ProviderFailure.class)
			.hasMessageContaining("Employee not found");
	}

	@Test
	void theCallsReportIsReadPageByPageInTheAccountsZone() {
		this.uis.on("get.calls_report",
				result(List.of(reportRow(1, "2026-11-30 10:00:00", "in", "operator_disconnects", 90, false),
						reportRow(2, "2026-11-30 11:00:00", "in", "numa_in_black_list", 0, true)),
						Map.of("total_items", 3)),
				result(List.of(reportRow(3, "2026-11-30 12:00:00", "out", "caller_busy", 0, false)),
						Map.of("total_items", 3)));

		List<HistoricCall> calls = this.client.callsBetween(this.account, this.credentials,
				Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

		assertThat(calls).extracting(HistoricCall::providerCallId).containsExactly("1", "2", "3");
		assertThat(calls).extracting(HistoricCall::result)
			.containsExactly(CallResult.ANSWERED, CallResult.NOT_ALLOWED, CallResult.BUSY);
		HistoricCall first = calls.get(0);
		assertThat(first.startedAt()).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
		assertThat(first.answeredAt()).isEqualTo(Instant.parse("2026-11-30T07:00:08Z"));
		assertThat(first.extension()).isEqualTo("25");
		assertThat(first.talkSeconds()).isEqualTo(90);
		assertThat(first.recordingRef()).isEqualTo("9001/rec1");
		List<Received> requests = this.uis.received("get.calls_report");
		assertThat(requests).extracting((r) -> r.params().path("offset").asInt()).containsExactly(0, 2);
		assertThat(requests.get(0).params().path("date_from").asString()).isEqualTo("2026-11-30 03:00:00");
		assertThat(requests.get(0).params().path("date_till").asString()).isEqualTo("2026-12-01 02:59:59");
		assertThat(requests.get(0).path()).isEqualTo("/v2.0");
	}

	@Test
	void recordingsArePlayedFromTheirLinkOrTheBrandsMediaAddress() {
		assertThat(this.client.findRecording(this.account, this.credentials, "https://media.uiscom.ru/1/abc"))
			.isEqualTo(new RecordingLookup.Found(URI.create("https://media.uiscom.ru/1/abc"), null));
		assertThat(this.client.findRecording(this.account, this.credentials, "9001/rec1"))
			.isEqualTo(new RecordingLookup.Found(this.uis.url("/system/media/talk/9001/rec1/"), null));
		TelephonyAccount branded = UisSettingsTest.account(Map.of("brand", "comagic"));
		assertThat(this.client.findRecording(branded, this.credentials, "9001/rec1")).isEqualTo(
				new RecordingLookup.Found(URI.create("https://app.comagic.ru/system/media/talk/9001/rec1/"), null));
		assertThat(this.client.findRecording(branded, this.credentials, "../../etc"))
			.isInstanceOf(RecordingLookup.Missing.class);
	}

	@Test
	void theAccountChecksShowCredentialsPointsVirtualNumberAndEmployees() {
		this.uis.on(
				"get.virtual_numbers", result(
						List.of(Map.of("virtual_phone_number", "74993720692", "status", "active"),
								Map.of("virtual_phone_number", "74950000001", "status", "waiting")),
						limits(8000, 50, 30)));
		this.uis.on("get.employees", result(List.of(employee(25, "Иван Иванов", "101")), limits(7999, 49, 30)));

		List<AccountCheck> checks = this.client.check(this.account, this.credentials,
				URI.create("https://cb.example/webhooks/uis/x"));

		assertThat(checks).extracting(AccountCheck::code)
			.containsExactly("credentials", "points", "virtualNumber", "employees");
		assertThat(checks).allSatisfy((check) -> assertThat(check.passed()).as(check.detail()).isTrue());
		assertThat(checks.get(1).detail()).contains("8,000 of 10,000");
		assertThat(checks.get(3).detail()).contains("1 employees").contains("Иван Иванов · 101");

		TelephonyAccount waiting = account(Map.of("virtualNumber", "74950000001"), this.credentials);
		assertThat(this.client.check(waiting, this.credentials, URI.create("https://cb.example/x")).get(2))
			.satisfies((check) -> assertThat(check.passed()).isFalse())
			.satisfies((check) -> assertThat(check.detail()).contains("not active").contains("waiting"));
	}

	@Test
	void theChecksStopAtRefusedCredentials() {
		this.uis.on("get.virtual_numbers", error(-32003, "ip_not_whitelisted", "IP 10.0.0.1 is not whitelisted"));

		List<AccountCheck> checks = this.client.check(this.account, this.credentials,
				URI.create("https://cb.example/x"));

		assertThat(checks).hasSize(4).noneMatch(AccountCheck::passed);
		assertThat(checks.get(0).detail()).contains("IP 10.0.0.1 is not whitelisted").contains("allow-list");
		assertThat(checks.get(1).detail()).contains("did not accept the credentials");
	}

	private UisTelephonyClient otherNode() {
		UisProperties properties = UisSettingsTest.properties(true);
		UisPointLimits ownLimits = new UisPointLimits(this.jdbc, this.clock, this.rates);
		UisJsonRpc rpc = new UisJsonRpc(properties, ownLimits,
				new UisSessions(properties.sessionRenewBefore(), java.time.Clock.systemUTC()),
				ProviderHttpClients.unobserved());
		return new UisTelephonyClient(properties, new UisApiClient(rpc), this.employees, ownLimits);
	}

	private TelephonyAccount account(Map<String, String> settings, Credentials credentials) {
		Map<String, String> all = new HashMap<>(settings);
		all.put("callApiUrl", this.uis.url("/v4.0").toString());
		all.put("dataApiUrl", this.uis.url("/v2.0").toString());
		return this.accounts.create(this.tenants.anyTenant(), "uis", "UIS " + UUID.randomUUID(), true, all,
				credentials);
	}

	static Map<String, Object> employee(long id, String name, String extension) {
		Map<String, Object> employee = new HashMap<>();
		employee.put("id", id);
		employee.put("full_name", name);
		employee.put("status", "available");
		employee.put("extension", (extension != null) ? Map.of("extension_phone_number", extension) : null);
		employee.put("phone_numbers", List.of(Map.of("phone_number", "792600000" + id, "status", "active"),
				Map.of("phone_number", "74950000000", "status", "inactive")));
		return employee;
	}

	static Map<String, Object> reportRow(long id, String start, String direction, String reason, int talk,
			boolean lost) {
		Map<String, Object> row = new HashMap<>();
		row.put("id", id);
		row.put("start_time", start);
		row.put("finish_time", start);
		row.put("direction", direction);
		row.put("finish_reason", reason);
		row.put("is_lost", lost);
		row.put("talk_duration", talk);
		row.put("wait_duration", 8);
		row.put("contact_phone_number", "79260000000");
		row.put("virtual_phone_number", "74993720692");
		row.put("communication_id", 9001);
		row.put("call_records", List.of("rec1"));
		row.put("full_record_file_link", null);
		row.put("last_talked_employee_id", (talk > 0) ? 25 : null);
		row.put("employees", List.of(Map.of("employee_id", 25, "employee_full_name", "Иван", "is_answered", talk > 0,
				"is_talked", talk > 0)));
		return row;
	}

}
