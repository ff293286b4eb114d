package io.callbridge.uis.inbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.AppliedReads;
import io.callbridge.contacts.Blacklist;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisEmployee;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static io.callbridge.uis.inbound.UisNotificationSender.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interactive call processing through the real URL with the core's decisions: a
 * blacklisted caller refused with the returned code the scenario branches on (and the
 * call recorded as rejected), a known caller forwarded to the phones of their responsible
 * agent's employee with their name for the employee, anything else handed back to the
 * scenario; each as far as the account's settings allow.
 */
@IntegrationTest
@Import(UisInboundFakes.class)
class UisRoutingTests {

	private static final String SECRET = UisNotificationTests.SECRET;

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	Blacklist blacklist;

	@Autowired
	Calls calls;

	@Autowired
	AppliedReads reads;

	@Autowired
	UisInboundFakes.KnownEmployees employees;

	private long tenant;

	private TelephonyAccount account;

	private TestUser luis;

	private UisNotificationSender uis;

	@BeforeEach
	void uisAccountWithAnEmployeeRelatedToLuis() {
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, "uis", "UIS routing", true, Map.of(),
				new Credentials(Map.of("accessToken", "uis-token", "notificationSecret", SECRET)));
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, this.luis.id(), this.account.id(), "26");
		this.employees.set(this.account.id(), new UisEmployee(this.account.id(), "26", "Луис Гарсия", "126",
				List.of("79260000026", "74950000026"), "available"));
		this.uis = new UisNotificationSender(
				"http://localhost:" + this.port + "/webhooks/uis/" + this.account.webhookToken(), SECRET);
	}

	@Test
	void aBlacklistedCallerIsRefusedAndTheCallRecordedAsRejected() {
		this.blacklist.add(this.tenant, "+79260000666", "spam", this.luis.id());

		HttpResponse<String> answer = route("79260000666", "8001");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(answer.body()).isEqualTo("{\"returned_code\":1}");
		Call call = onlyCall();
		assertThat(call.providerCallId()).isEqualTo("8001");
		assertThat(call.result()).isEqualTo(CallResult.REJECTED);
	}

	@Test
	void withTheBlacklistOffABlacklistedCallerGoesOnAndNothingIsRecorded() {
		this.blacklist.add(this.tenant, "+79260000666", "spam", this.luis.id());
		settings(Map.of("blacklist", "false"));

		assertThat(route("79260000666", "8002").body()).isEqualTo("{\"returned_code\":2}");
		assertThat(applied().search(this.tenant, CallFilter.none(), 0, 50).items()).isEmpty();
	}

	@Test
	void aKnownCallerGoesToTheirResponsibleAgentsPhonesWithTheirName() {
		this.data.anyContact(this.tenant, "Лукия Фернандес", this.luis.id(), "+79260000777");

		HttpResponse<String> answer = route("79260000777", "8003");

		assertThat(answer.body())
			.isEqualTo("{\"phones\":[\"79260000026\",\"74950000026\"],\"operator_text\":\"Лукия Фернандес\"}");
	}

	@Test
	void theSettingsTurnOffTheNameAndTheForwarding() {
		this.data.anyContact(this.tenant, "Лукия Фернандес", this.luis.id(), "+79260000777");

		settings(Map.of("callerName", "false"));
		assertThat(route("79260000777", "8004").body()).isEqualTo("{\"phones\":[\"79260000026\",\"74950000026\"]}");
		settings(Map.of("routeToResponsible", "false"));
		assertThat(route("79260000777", "8005").body()).isEqualTo("{\"returned_code\":2}");
	}

	@Test
	void anUnknownCallerOrAnEmployeeWithoutPhonesIsLeftToTheScenario() {
		this.data.anyContact(this.tenant, "Лукия Фернандес", this.luis.id(), "+79260000777");
		this.employees.set(this.account.id(),
				new UisEmployee(this.account.id(), "26", "Луис Гарсия", null, List.of(), "available"));

		assertThat(route("79260000999", "8006").body()).isEqualTo("{\"returned_code\":2}");
		assertThat(route("79260000777", "8007").body()).isEqualTo("{\"returned_code\":2}");
	}

	@Test
	void aPostedFormIsAnsweredLikeAGet() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/uis/" + this.account.webhookToken()
					+ "/routing?secret=" + SECRET))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("numa=79260000999&numb=74993720692&call_session_id=8008"))
			.build();

		HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("{\"returned_code\":2}");
	}

	@Test
	void aRequestWithoutItsSessionOrSecretIsRefused() {
		HttpResponse<String> noSession = this.uis.get("/routing", fields("numa", "79260000999", "numb", "74993720692"));
		HttpResponse<String> noSecret = new UisNotificationSender(
				"http://localhost:" + this.port + "/webhooks/uis/" + this.account.webhookToken(), "guessed")
			.get("/routing", fields("numa", "79260000999", "call_session_id", 8009));

		assertThat(noSession.statusCode()).isEqualTo(422);
		assertThat(noSession.body()).contains("routing: the notification has no call_session_id");
		assertThat(noSecret.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> route(String caller, String session) {
		return this.uis.get("/routing", fields("numa", caller, "numb", "74993720692", "call_session_id", session));
	}

	private void settings(Map<String, String> settings) {
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), true, settings, null);
	}

	private Call onlyCall() {
		List<Call> all = applied().search(this.tenant, CallFilter.none(), 0, 50).items();
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	// The rejection is stored before the answer and applied by the call's lane after it.
	private Calls applied() {
		assertThat(this.reads.awaitApplied(this.tenant)).as("the tenant's events applied").isTrue();
		return this.calls;
	}

}
