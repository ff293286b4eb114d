package io.callbridge.uis.inbound;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallEventRecord;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.AppliedReads;
import io.callbridge.calls.model.CallState;
import io.callbridge.shared.Role;
import io.callbridge.support.CallFactsRecorder;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static io.callbridge.uis.inbound.UisNotificationSender.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * UIS notifications through the real URLs, as UIS sends the templates of the setup page:
 * each event's mapping, whole calls (answered, missed, lost, outgoing, transferred)
 * ending as the right call record, repeats and any order harmless, and the details of
 * each finished call asked from the Data API.
 */
@IntegrationTest
@Import(UisInboundFakes.class)
class UisNotificationTests {

	static final String SECRET = "uis-notification-secret";

	static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	Calls calls;

	// The test reads in-process, where a user's request waits for the webhooks answered
	// before it.
	@Autowired
	AppliedReads reads;

	@Autowired
	UisInboundFakes.RecordedFetches fetches;

	@Autowired
	CallFactsRecorder facts;

	private long tenant;

	private TelephonyAccount account;

	private TestUser ana;

	private TestUser luis;

	private UisNotificationSender uis;

	/** A call that started a few minutes ago, in UIS's (the account's) zone. */
	private final LocalDateTime start = LocalDateTime.now(MOSCOW).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void uisAccountWithTwoEmployeesRelatedToAgents() {
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, "uis", "UIS main", true, Map.of("timeZone", "Europe/Moscow"),
				new Credentials(Map.of("accessToken", "uis-token", "notificationSecret", SECRET)));
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
		relate(this.ana, "25");
		relate(this.luis, "26");
		this.uis = new UisNotificationSender(
				"http://localhost:" + this.port + "/webhooks/uis/" + this.account.webhookToken(), SECRET);
	}

	@Test
	void anAnsweredInboundCallIsRecordedFromItsNotifications() {
		String id = "237859081";
		List.of(post("call-incoming", incoming(id, 0)), post("waiting", waiting(id, "25", 2)),
				post("talk-started", talkStarted(id, "25", 9)), post("talk-finished", talkFinished(id, "25", 99)),
				post("call-finished", finished(id, "25", 90, 100)), post("recording", recording(id, "25", 101)))
			.forEach((response) -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200));

		Call call = onlyCall();
		assertThat(call.providerCallId()).isEqualTo(id);
		assertThat(call.direction()).isEqualTo(CallDirection.INBOUND);
		assertThat(call.state()).isEqualTo(CallState.ENDED);
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.ana.id());
		assertThat(call.talkSeconds()).isEqualTo(90);
		assertThat(call.externalNumber()).isEqualTo("+79260000000");
		assertThat(call.ourLine()).isEqualTo("+74993720692");
		assertThat(call.recordingRef()).isEqualTo("https://app.uiscom.ru/system/media/talk/237859081/abc/");
		// UIS writes the account's local time: the call started at 'start' in Moscow.
		assertThat(call.startedAt()).isEqualTo(this.start.atZone(MOSCOW).toInstant());
		assertThat(timeline(call.id())).extracting((e) -> e.type())
			.containsExactly(CallEventType.STARTED, CallEventType.RINGING, CallEventType.ANSWERED, CallEventType.ENDED,
					CallEventType.RECORDING_AVAILABLE);
		assertThat(this.fetches.askedFor(this.account.id())).containsExactly(id);
	}

	@Test
	void numbersAsStringsNullsAndUnknownFieldsAreRead() {
		String id = "237859082";
		Map<String, Object> waiting = waiting(id, "25", 2);
		waiting.put("call_session_id", id);
		waiting.put("employee_id", "25");
		waiting.put("leg_id", null);
		waiting.put("external_id", null);
		waiting.put("notification_mnemonic", "some_new_mnemonic");
		waiting.put("tag_names", List.of("vip", "ru"));
		Map<String, Object> finished = finished(id, "25", 0, 30);
		finished.put("talk_time_duration", "0");
		finished.put("total_time_duration", 30.0);
		finished.remove("employee_full_name");

		assertThat(post("waiting", waiting).statusCode()).isEqualTo(200);
		assertThat(post("call-finished", finished).statusCode()).isEqualTo(200);

		Call call = onlyCall();
		assertThat(call.result()).isEqualTo(CallResult.MISSED);
		assertThat(timeline(call.id())).first()
			.satisfies((ring) -> assertThat(ring.agentId()).isEqualTo(this.ana.id()));
	}

	@Test
	void aTransferIsRecordedAndTheCallEndsWithTheEmployeeWhoTalkedLast() {
		String id = "237859083";
		List<Supplier<HttpResponse<String>>> sequence = List.of(() -> post("call-incoming", incoming(id, 0)),
				() -> post("waiting", waiting(id, "25", 1)), () -> post("talk-started", talkStarted(id, "25", 5)),
				() -> post("waiting", waiting(id, "26", 40)), () -> post("talk-started", talkStarted(id, "26", 44)),
				() -> post("call-finished", finished(id, "26", 60, 110)));
		sequence.forEach((send) -> assertThat(send.get().statusCode()).isEqualTo(200));
		// UIS may deliver a notification twice: nothing changes.
		sequence.forEach((send) -> assertThat(send.get().statusCode()).isEqualTo(200));

		Call call = onlyCall();
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.luis.id());
		assertThat(call.talkSeconds()).isEqualTo(60);
		assertThat(timeline(call.id())).hasSize(6);
		List<Object> facts = this.facts.of(call.id());
		assertThat(facts).filteredOn(CallRang.class::isInstance)
			.extracting((f) -> ((CallRang) f).agentId())
			.containsExactly(this.ana.id(), this.luis.id());
		assertThat(facts).filteredOn(CallAnswered.class::isInstance)
			.extracting((f) -> ((CallAnswered) f).agentId())
			.containsExactly(this.ana.id());
		assertThat(facts).filteredOn(CallTransferred.class::isInstance)
			.extracting((f) -> ((CallTransferred) f).agentId())
			.containsExactly(this.luis.id());
		assertThat(facts).filteredOn(CallEnded.class::isInstance).hasSize(1);
	}

	@Test
	void aCallFinishedBeforeItsOtherNotificationsIsStillExact() {
		String missed = "237859084";
		post("call-finished", finished(missed, null, 0, 20));
		post("waiting", waiting(missed, "25", 3));
		post("call-incoming", incoming(missed, 0));
		String answered = "237859085";
		post("call-finished", finished(answered, "26", 30, 50));
		post("talk-started", talkStarted(answered, "26", 12));
		post("waiting", waiting(answered, "26", 2));

		Call first = callOf(missed);
		assertThat(first.result()).isEqualTo(CallResult.MISSED);
		assertThat(first.agentId()).isNull();
		assertThat(first.startedAt()).isEqualTo(this.start.atZone(MOSCOW).toInstant());
		Call second = callOf(answered);
		assertThat(second.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(second.agentId()).isEqualTo(this.luis.id());
		assertThat(second.talkSeconds()).isEqualTo(30);
	}

	@Test
	void aLostCallIsMissedAndItsDetailsAreAskedFor() {
		String id = "237859086";
		post("call-incoming", incoming(id, 0));
		HttpResponse<String> lost = post("call-lost",
				fields("event", "call-lost", "call_session_id", Long.parseLong(id), "notification_time", at(25),
						"virtual_phone_number", "74993720692", "contact_phone_number", "79260000000", "employee_ids",
						List.of(25, 26), "wait_time_duration", 25, "scenario_name", "Основной"));

		assertThat(lost.statusCode()).isEqualTo(200);
		Call call = onlyCall();
		assertThat(call.result()).isEqualTo(CallResult.MISSED);
		assertThat(this.fetches.askedFor(this.account.id())).containsExactly(id);
	}

	@Test
	void anOutgoingCallOfAnEmployeeIsRecorded() {
		String id = "237859087";
		post("call-outgoing",
				fields("call_session_id", Long.parseLong(id), "notification_time", at(0), "virtual_phone_number",
						"74993720692", "contact_phone_number", "79260000000", "employee_id", 26, "employee_full_name",
						"Luis", "employee_phone_number", "79260000026"));
		Map<String, Object> ringing = waiting(id, "26", 1);
		ringing.put("direction", "out");
		post("waiting", ringing);
		Map<String, Object> talk = talkStarted(id, "26", 8);
		talk.put("direction", "out");
		post("talk-started", talk);
		Map<String, Object> end = finished(id, "26", 42, 50);
		end.put("direction", "out");
		post("call-finished", end);

		Call call = onlyCall();
		assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(call.agentId()).isEqualTo(this.luis.id());
		assertThat(call.talkSeconds()).isEqualTo(42);
	}

	@Test
	void getWithQueryParametersAndTheOneUrlForAllAreAccepted() {
		String id = "237859088";
		HttpResponse<String> get = this.uis.get("/call-incoming", incoming(id, 0));
		Map<String, Object> waiting = waiting(id, "25", 2);
		HttpResponse<String> oneUrl = this.uis.postBody("?secret=" + SECRET,
				JsonMapper.shared().writeValueAsString(waiting));

		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		assertThat(oneUrl.statusCode()).as(oneUrl.body()).isEqualTo(200);
		assertThat(timeline(onlyCall().id())).hasSize(2);
	}

	@Test
	void aRepeatedEndAsksForTheDetailsAgainButStoresNothingTwice() {
		String id = "237859089";
		post("call-finished", finished(id, "25", 12, 20));
		post("call-finished", finished(id, "25", 12, 20));

		assertThat(timeline(onlyCall().id())).hasSize(1);
		assertThat(this.fetches.askedFor(this.account.id())).containsExactly(id, id);
	}

	// Agents are related to UIS employees by their extension, which is the employee id.
	private void relate(TestUser agent, String employeeId) {
		this.data.assignExtension(this.tenant, agent.id(), this.account.id(), employeeId);
	}

	private HttpResponse<String> post(String event, Map<String, Object> fields) {
		return this.uis.post(event, fields);
	}

	private String at(int seconds) {
		return UisNotificationSender.time(this.start.plusSeconds(seconds));
	}

	Map<String, Object> incoming(String id, int second) {
		return fields("event", "call-incoming", "call_session_id", Long.parseLong(id), "notification_time", at(second),
				"virtual_phone_number", "74993720692", "contact_phone_number", "79260000000", "contact_full_name", null,
				"scenario_name", "Основной");
	}

	Map<String, Object> waiting(String id, String employee, int second) {
		return fields("event", "waiting", "call_session_id", Long.parseLong(id), "notification_time", at(second),
				"virtual_phone_number", "74993720692", "contact_phone_number", "79260000000", "employee_id",
				Long.parseLong(employee), "employee_full_name", "Employee " + employee, "direction", "in",
				"external_id", null, "call_source", "va", "leg_id", Long.parseLong(employee + "01"));
	}

	Map<String, Object> talkStarted(String id, String employee, int second) {
		return fields("event", "talk-started", "call_session_id", Long.parseLong(id), "notification_time", at(second),
				"virtual_phone_number", "74993720692", "contact_phone_number", "79260000000", "employee_id",
				Long.parseLong(employee), "employee_full_name", "Employee " + employee, "direction", "in",
				"external_id", null, "call_source", "va", "leg_ids", List.of(Long.parseLong(employee + "01")));
	}

	Map<String, Object> talkFinished(String id, String employee, int second) {
		Map<String, Object> fields = talkStarted(id, employee, second);
		fields.put("event", "talk-finished");
		fields.put("talk_time_duration", 90);
		return fields;
	}

	Map<String, Object> finished(String id, String employee, int talk, int second) {
		return fields("event", "call-finished", "call_session_id", Long.parseLong(id), "notification_time", at(second),
				"virtual_phone_number", "74993720692", "contact_phone_number", "79260000000", "employee_id",
				(employee != null) ? Long.parseLong(employee) : null, "employee_full_name",
				(employee != null) ? "Employee " + employee : null, "direction", "in", "external_id", null,
				"call_source", "va", "scenario_name", "Основной", "talk_time_duration", talk, "total_time_duration",
				second, "wait_time_duration", second - talk);
	}

	Map<String, Object> recording(String id, String employee, int second) {
		return fields("event", "recording", "call_session_id", Long.parseLong(id), "notification_time", at(second),
				"contact_phone_number", "79260000000", "employee_id", Long.parseLong(employee), "employee_full_name",
				"Employee " + employee, "file_link", "https://app.uiscom.ru/system/media/talk/" + id + "/abc/",
				"file_duration", 90);
	}

	private Call onlyCall() {
		List<Call> all = applied().search(this.tenant, CallFilter.none(), 0, 50).items();
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private Call callOf(String providerCallId) {
		return applied().search(this.tenant, CallFilter.none(), 0, 50)
			.items()
			.stream()
			.filter((c) -> c.providerCallId().equals(providerCallId))
			.findFirst()
			.orElseThrow();
	}

	private Calls applied() {
		assertThat(this.reads.awaitApplied(this.tenant)).as("the tenant's events applied").isTrue();
		return this.calls;
	}

	private List<CallEventRecord> timeline(long callId) {
		return applied().timeline(this.tenant, callId);
	}

}
