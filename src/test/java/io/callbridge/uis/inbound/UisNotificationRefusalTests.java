package io.callbridge.uis.inbound;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.AppliedReads;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.Logged;
import io.callbridge.support.TestData;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static io.callbridge.uis.inbound.UisNotificationSender.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the notification URLs, each a problem+json with a precise message and
 * nothing stored: an unknown URL or event, a sender off the allow-list, a missing or
 * wrong secret, a disabled account, and content that cannot be read or lacks what its
 * event needs.
 */
@IntegrationTest
@Import(UisInboundFakes.class)
class UisNotificationRefusalTests {

	private static final String SECRET = UisNotificationTests.SECRET;

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	Calls calls;

	@Autowired
	AppliedReads reads;

	private long tenant;

	private TelephonyAccount account;

	private UisNotificationSender uis;

	@BeforeEach
	void uisAccount() {
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, "uis", "UIS refusals", true, Map.of(),
				new Credentials(Map.of("accessToken", "uis-token", "notificationSecret", SECRET)));
		this.uis = sender(this.account.webhookToken(), SECRET);
	}

	@Test
	void anUnknownUrlIsNotFound() {
		HttpResponse<String> response = sender("no-such-token", SECRET).post("waiting", waiting("1001"));

		assertProblem(response, 404, "No UIS account has this notification URL.");
	}

	@Test
	void anotherProvidersUrlIsNotAUisUrl() {
		TelephonyAccount zadarma = this.accounts.create(this.tenant, "zadarma", "Zadarma", true, Map.of(),
				new Credentials(Map.of("key", "k", "secret", SECRET, "notificationSecret", SECRET)));

		assertProblem(sender(zadarma.webhookToken(), SECRET).post("waiting", waiting("1002")), 404, "No UIS account");
	}

	@Test
	void aSenderOutsideTheAllowListIsForbidden() {
		update(Map.of("allowedIps", "185.45.152.40/30"), true);

		assertProblem(this.uis.post("waiting", waiting("1003")), 403, "not on this account's allow-list");
		assertThat(callsOfTenant()).isEmpty();
	}

	@Test
	void aMissingOrWrongSecretIsUnauthorized() {
		HttpResponse<String> wrong = sender(this.account.webhookToken(), "guessed").post("waiting", waiting("1004"));
		HttpResponse<String> missing = this.uis.postBody("/waiting", json(waiting("1004")));
		HttpResponse<String> wrongHeader = this.uis.postBody("/waiting", json(waiting("1004")), "X-Callbridge-Secret",
				"guessed");

		assertProblem(wrong, 401, "not this account's notification secret");
		assertProblem(missing, 401, "carries no secret");
		assertProblem(wrongHeader, 401, "not this account's notification secret");
		assertThat(callsOfTenant()).isEmpty();
	}

	@Test
	void theSecretMayComeInTheHeader() {
		HttpResponse<String> response = this.uis.postBody("/waiting", json(waiting("1005")), "X-Callbridge-Secret",
				SECRET);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(callsOfTenant()).hasSize(1);
	}

	@Test
	void anAccountWithoutANotificationSecretRefusesEverything() {
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), true, Map.of(),
				new Credentials(Map.of("accessToken", "uis-token")));

		assertProblem(this.uis.post("waiting", waiting("1006")), 401, "has no notification secret");
	}

	@Test
	void aNumberBeyondEveryRangeIsReadAsWritten() {
		String body = json(waiting("1012"));
		String withUnknown = body.substring(0, body.length() - 1) + ",\"extra\":-1e400}";
		String inItsId = json(waiting("1013")).replace("\"employee_id\":25", "\"employee_id\":1e400");

		HttpResponse<String> ignored = this.uis.postBody("/waiting?secret=" + SECRET, withUnknown);
		HttpResponse<String> refused = this.uis.postBody("/waiting?secret=" + SECRET, inItsId);

		assertThat(ignored.statusCode()).as(ignored.body()).isEqualTo(200);
		assertProblem(refused, 422, "1E+400");
		assertThat(callsOfTenant()).hasSize(1);
	}

	@Test
	void aRefusalIsInSpanishForASpanishSender() {
		HttpResponse<String> response = this.uis.postBody("/waiting", json(waiting("1011")), "Accept-Language", "es");

		assertProblem(response, 401, "La petición no trae secreto");
	}

	@Test
	void aDisabledAccountIsAConflict() {
		update(Map.of(), false);

		assertProblem(this.uis.post("waiting", waiting("1007")), 409, "is disabled in Callbridge");
	}

	@Test
	void anUnknownOrUnnamedEventIsRefusedWithTheKnownOnes() {
		Map<String, Object> unnamed = waiting("1008");
		unnamed.remove("event");
		Map<String, Object> strange = waiting("1008");
		strange.put("event", "call-transferred");

		assertProblem(this.uis.post("talk-paused", waiting("1008")), 404, "'talk-paused' is not a UIS notification");
		assertProblem(this.uis.postBody("?secret=" + SECRET, json(unnamed)), 422, "does not say which event");
		assertProblem(this.uis.postBody("?secret=" + SECRET, json(strange)), 422, "'call-transferred' is not");
		assertProblem(this.uis.post("talk-started", waiting("1008")), 422,
				"The URL is for 'talk-started' but the body says \\\"event\\\": 'waiting'");
		assertThat(callsOfTenant()).isEmpty();
	}

	@Test
	void aBodyThatIsNotAJsonObjectIsRefused() {
		// A template pasted with its variables left in: UIS did not substitute them.
		String unsubstituted = "{\"event\": \"waiting\", \"call_session_id\": {{call_session_id}}}";

		assertProblem(this.uis.postBody("/waiting?secret=" + SECRET, unsubstituted), 422, "The body is not JSON");
		assertProblem(this.uis.postBody("/waiting?secret=" + SECRET, "[1, 2]"), 422, "not an object");
		assertProblem(this.uis.postBody("/waiting?secret=" + SECRET, "{\"x\": \"" + "y".repeat(70_000) + "\"}"), 413,
				"larger than 64 KB");
		assertThat(callsOfTenant()).isEmpty();
	}

	@Test
	void missingOrGarbledRequiredFieldsAreRefusedPrecisely() {
		Map<String, Object> noSession = waiting("1009");
		noSession.remove("call_session_id");
		Map<String, Object> badEmployee = waiting("1009");
		badEmployee.put("employee_id", "Иванов");
		Map<String, Object> noEmployee = waiting("1009");
		noEmployee.put("employee_id", null);
		noEmployee.put("event", "talk-started");
		Map<String, Object> badTime = waiting("1009");
		badTime.put("notification_time", "03.12.2026 14:00");
		Map<String, Object> negativeTalk = fields("call_session_id", 1009, "notification_time", now(),
				"talk_time_duration", -5);
		Map<String, Object> noLink = fields("call_session_id", 1009, "notification_time", now(), "file_link", null);
		Map<String, Object> ftpLink = fields("call_session_id", 1009, "notification_time", now(), "file_link",
				"ftp://records/1.mp3");

		assertProblem(this.uis.post("waiting", noSession), 422, "waiting: the notification has no call_session_id");
		assertProblem(this.uis.post("waiting", badEmployee), 422, "waiting: employee_id 'Иванов' is not a UIS id");
		assertProblem(this.uis.post("talk-started", noEmployee), 422, "the notification has no employee_id");
		assertProblem(this.uis.post("waiting", badTime), 422,
				"notification_time '03.12.2026 14:00' is not a yyyy-MM-dd HH:mm:ss[.SSS] time");
		assertProblem(this.uis.post("call-finished", negativeTalk), 422,
				"talk_time_duration '-5' is not a whole number of seconds");
		assertProblem(this.uis.post("recording", noLink), 422, "recording: the notification has no file_link");
		assertProblem(this.uis.post("recording", ftpLink), 422, "is not an http(s) link");
		assertThat(callsOfTenant()).isEmpty();
	}

	@Test
	void aRefusedNotificationCannotForgeOrFloodLogLines() {
		Logger controllerLog = (Logger) LoggerFactory.getLogger(UisNotificationController.class);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		controllerLog.addAppender(logged);
		try {
			Map<String, Object> forged = waiting("1010");
			forged.put("employee_id", "25\n2026-12-03 INFO admin logged in" + "x".repeat(5000));

			assertThat(this.uis.post("waiting", forged).statusCode()).isEqualTo(422);
		}
		finally {
			controllerLog.detachAppender(logged);
		}

		assertThat(Logged.events(logged)).hasSize(1);
		String line = Logged.events(logged).get(0).getFormattedMessage();
		assertThat(line).doesNotContain("\n").contains("25?2026-12-03");
		assertThat(line.length()).isLessThan(400);
	}

	private void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains(detail);
	}

	private void update(Map<String, String> settings, boolean enabled) {
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), enabled, settings, null);
	}

	private UisNotificationSender sender(String token, String secret) {
		return new UisNotificationSender("http://localhost:" + this.port + "/webhooks/uis/" + token, secret);
	}

	private static Map<String, Object> waiting(String id) {
		return fields("event", "waiting", "call_session_id", Long.parseLong(id), "notification_time", now(),
				"virtual_phone_number", "74993720692", "contact_phone_number", "79260000000", "employee_id", 25,
				"employee_full_name", "Иванов Иван", "direction", "in", "leg_id", 7);
	}

	private static String now() {
		return UisNotificationSender.time(LocalDateTime.now());
	}

	private static String json(Map<String, Object> fields) {
		return JsonMapper.shared().writeValueAsString(fields);
	}

	// In-process, so waiting for the events stored before it as a user's request does: a
	// stored event is shown, and "none" means none was stored.
	private List<Call> callsOfTenant() {
		assertThat(this.reads.awaitApplied(this.tenant)).as("the tenant's events applied").isTrue();
		return this.calls.search(this.tenant, CallFilter.none(), 0, 50).items();
	}

}
