package io.callbridge.uis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;

import io.callbridge.uis.UisNotificationCatcher.Caught;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UIS test double itself, driven with raw JSON-RPC over HTTP: it must accept what UIS
 * accepts and refuse the rest with UIS's codes and mnemonics, count points as UIS does,
 * and play calls whose notifications and report rows agree, or tests against it prove
 * nothing.
 */
class UisSimulatorTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String TOKEN = "permanent-key";

	private static final String CALL = UisSimulator.CALL;

	private static final String DATA = UisSimulator.DATA;

	private final HttpClient http = HttpClient.newHttpClient();

	private UisSimulator uis;

	private UisNotificationCatcher catcher;

	@BeforeEach
	void start() {
		this.uis = UisSimulator.start();
		this.uis.permanentToken(TOKEN);
		this.uis.employees().add(25, "Ivan", "Petrov", "101", "79260000001");
		this.uis.employees().add(26, "Olga", "Sidorova", "102", "79260000002");
		this.uis.account().addVirtualNumber("74993720692", "active");
		this.uis.account().addVirtualNumber("74993720000", "waiting");
		this.catcher = UisNotificationCatcher.start();
		this.uis.calls().configureAll(this.catcher.baseUrl(), "acct-token", "s3cret");
	}

	@AfterEach
	void stop() {
		this.uis.close();
		this.catcher.close();
	}

	@Test
	void startsAnEmployeeCallWithIncrementingSessionIdsAndTheLimitsInTheMetadata() throws Exception {
		JsonNode first = call(CALL, "start.employee_call", employeeCall("79261112233"));
		JsonNode second = call(CALL, "start.employee_call", employeeCall("79261112244"));

		assertThat(first.path("id").asString()).isEqualTo("req1");
		long id = first.path("result").path("data").path("call_session_id").asLong();
		assertThat(id).isPositive();
		assertThat(second.path("result").path("data").path("call_session_id").asLong()).isEqualTo(id + 1);
		JsonNode limits = second.path("result").path("metadata").path("limits");
		assertThat(limits.path("minute_limit").asInt()).isEqualTo(100);
		assertThat(limits.path("minute_remaining").asInt()).isEqualTo(98);
		assertThat(limits.path("day_remaining").asInt()).isEqualTo(9998);
		assertThat(limits.path("minute_reset").asInt()).isBetween(1, 60);
		assertThat(limits.path("day_reset").asInt()).isBetween(1, 86_400);
	}

	@Test
	void answersEnvelopeErrorsWithHttp200AndTheErrorShape() throws Exception {
		JsonNode wrongType = raw(CALL, "text/plain", envelope("req1", "start.employee_call", employeeCall("7926")));
		JsonNode unparsable = raw(CALL, "application/json", "{\"jsonrpc\":\"2.0\",");
		JsonNode batch = raw(CALL, "application/json", "[" + envelope("a", "login.user", "{}") + "]");
		JsonNode notification = raw(CALL, "application/json",
				"{\"jsonrpc\":\"2.0\",\"method\":\"start.employee_call\",\"params\":{}}");
		JsonNode version = raw(CALL, "application/json",
				"{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"start.employee_call\",\"params\":{}}");
		JsonNode unknown = call(CALL, "get.calls_report", "{\"access_token\":\"" + TOKEN + "\"}");

		assertError(wrongType, -32600, "invalid_request");
		assertError(unparsable, -32700, "parse_error");
		assertThat(unparsable.path("id").isNull()).isTrue();
		assertError(batch, -32099, "batch_operations_not_supported");
		assertError(notification, -32099, "notifications_not_supported");
		assertError(version, -32600, "invalid_request");
		assertThat(version.path("id").asInt()).isEqualTo(3);
		assertError(unknown, -32601, "method_not_found");
		assertThat(unknown.path("error").path("data").has("extended_helper")).isTrue();
		assertThat(unknown.path("error").path("data").path("params").isObject()).isTrue();
		assertThat(unknown.has("result")).isFalse();
	}

	@Test
	void refusesExpiredBlockedUnknownAndMissingTokens() throws Exception {
		this.uis.expiredToken("old");
		this.uis.blockedToken("blocked");

		assertError(call(DATA, "get.employees", "{\"access_token\":\"old\"}"), -32001, "access_token_expired");
		assertError(call(DATA, "get.employees", "{\"access_token\":\"blocked\"}"), -32001, "access_token_blocked");
		assertError(call(DATA, "get.employees", "{\"access_token\":\"nobody\"}"), -32001, "access_token_invalid");
		assertError(call(DATA, "get.employees", "{}"), -32602, "required_parameter_missed");
		assertThat(call(DATA, "get.employees", params("")).path("result").path("data").size()).isEqualTo(2);
	}

	@Test
	void issuesSessionTokensForOneHourOnTheApiThatIssuedThem() throws Exception {
		this.uis.user("admin", "pw");
		JsonNode login = call(DATA, "login.user", "{\"login\":\"admin\",\"password\":\"pw\"}");
		String session = login.path("result").path("data").path("access_token").asString();
		long expireAt = login.path("result").path("data").path("expire_at").asLong();

		assertThat(expireAt).isEqualTo(this.uis.clock().instant().plus(Duration.ofHours(1)).getEpochSecond());
		assertThat(login.path("result").path("data").has("app_id")).isTrue();
		assertThat(call(DATA, "get.employees", "{\"access_token\":\"" + session + "\"}").has("result")).isTrue();
		assertError(call(CALL, "start.employee_call", employeeCall("79261112233").replace(TOKEN, session)), -32001,
				"access_token_invalid");
		this.uis.clock().advance(Duration.ofMinutes(59));
		assertThat(call(DATA, "get.employees", "{\"access_token\":\"" + session + "\"}").has("result")).isTrue();
		this.uis.clock().advance(Duration.ofMinutes(1));
		assertError(call(DATA, "get.employees", "{\"access_token\":\"" + session + "\"}"), -32001,
				"access_token_invalid");
		assertError(call(DATA, "login.user", "{\"login\":\"admin\",\"password\":\"wrong\"}"), -32001, "auth_error");
	}

	@Test
	void endsASessionOnLogout() throws Exception {
		this.uis.user("admin", "pw");
		String session = call(CALL, "login.user", "{\"login\":\"admin\",\"password\":\"pw\"}").path("result")
			.path("data")
			.path("access_token")
			.asString();

		JsonNode logout = call(CALL, "logout.user", "{\"access_token\":\"" + session + "\"}");

		assertThat(logout.path("result").path("data").path("success").asBoolean()).isTrue();
		assertError(call(CALL, "logout.user", "{\"access_token\":\"" + session + "\"}"), -32001,
				"access_token_invalid");
	}

	@Test
	void refusesWhenTheIpIsNotWhitelistedTheComponentIsOffOrTheAccountInactive() throws Exception {
		this.uis.ipWhitelisted(false);
		assertError(call(DATA, "get.employees", params("")), -32003, "ip_not_whitelisted");
		this.uis.ipWhitelisted(true);
		this.uis.componentEnabled(CALL, false);
		this.uis.componentEnabled(DATA, false);
		assertError(call(CALL, "start.employee_call", employeeCall("79261112233")), -32008, "component_disabled");
		assertError(call(DATA, "get.employees", params("")), -32008, "method_component_disabled");
		this.uis.componentEnabled(DATA, true);
		this.uis.accountActive(false);
		assertError(call(DATA, "get.employees", params("")), -32009, "account_inactive");
	}

	@Test
	void deductsPointsOnlyForSuccessesAndRefusesWhenTheMinuteIsSpent() throws Exception {
		this.uis.limits(DATA, 3, 100);
		assertThat(remaining(call(DATA, "get.employees", params("")))).isEqualTo(2);
		assertError(call(DATA, "get.employees", params(",\"limit\":0")), -32602, "invalid_parameter_value");
		assertError(call(DATA, "get.employees", "{\"access_token\":\"nobody\"}"), -32001, "access_token_invalid");
		assertError(call(DATA, "get.nothing", params("")), -32601, "method_not_found");
		assertThat(remaining(call(DATA, "get.employees", params("")))).isEqualTo(1);
		assertThat(remaining(call(DATA, "get.employees", params("")))).isZero();

		JsonNode refused = call(DATA, "get.employees", params(""));

		assertError(refused, -32029, "limit_exceeded");
		assertThat(refused.path("error").path("message").asString())
			.isEqualTo("Limit per minute has been exceeded. Value of current limit per minute is 3");
		assertThat(remaining(call(CALL, "start.employee_call", employeeCall("79261112233")))).isEqualTo(99);
		this.uis.clock().advance(Duration.ofSeconds(60));
		assertThat(remaining(call(DATA, "get.employees", params("")))).isEqualTo(2);
	}

	@Test
	void refusesWhenTheDayIsSpentOrWhenTold() throws Exception {
		this.uis.limits(DATA, 10, 1);
		call(DATA, "get.employees", params(""));

		JsonNode day = call(DATA, "get.employees", params(""));
		this.uis.limits(DATA, 10, 100);
		this.uis.forceLimitExceeded(DATA, "minute");
		JsonNode forced = call(DATA, "get.employees", params(""));

		assertThat(day.path("error").path("message").asString())
			.isEqualTo("Limit per day has been exceeded. Value of current limit per day is 1");
		assertError(forced, -32029, "limit_exceeded");
		this.uis.forceLimitExceeded(DATA, null);
		assertThat(call(DATA, "get.employees", params("")).has("result")).isTrue();
	}

	@Test
	void validatesStartEmployeeCallAsUisDoes() throws Exception {
		this.uis.employees().add(27, "Anna", "Nophone", null, "79260000003");
		this.uis.employees().deactivatePhones(27);
		this.uis.account().blacklist("79269999999");
		String ok = employeeCall("79261112233");

		assertError(call(CALL, "start.employee_call", ok.replace("\"first_call\":\"employee\",", "")), -32602,
				"required_parameter_missed");
		assertError(call(CALL, "start.employee_call", ok.replace("\"employee\":{\"id\":25}", "\"employee\":{}")),
				-32602, "required_parameter_missed");
		assertError(
				call(CALL, "start.employee_call",
						ok.replace("\"switch_at_once\":true", "\"switch_at_once\":false")
							.replace("\"first_call\"", "\"early_switching\":true,\"first_call\"")),
				-32602, "invalid_parameters_combination");
		assertError(
				call(CALL, "start.employee_call",
						ok.replace("\"first_call\":\"employee\"",
								"\"first_call\":\"contact\",\"early_switching\":true")),
				-32602, "invalid_parameters_combination");
		assertError(call(CALL, "start.employee_call", ok.replace("\"id\":25", "\"id\":99")), -32602,
				"employee_not_found");
		assertError(call(CALL, "start.employee_call", ok.replace("\"id\":25", "\"id\":27")), -32602,
				"no_active_phone_number");
		assertError(call(CALL, "start.employee_call", ok.replace("\"id\":25", "\"id\":25,\"phone_number\":\"111\"")),
				-32602, "no_active_phone_number");
		assertError(call(CALL, "start.employee_call", ok.replace("74993720692", "74950000000")), -32007,
				"virtual_phone_number_not_found");
		assertError(call(CALL, "start.employee_call", ok.replace("74993720692", "74993720000")), -32007,
				"virtual_phone_number_not_found");
		assertError(call(CALL, "start.employee_call", employeeCall("74993720692")), -32602,
				"own_virtual_phone_number_not_allowed");
		assertError(call(CALL, "start.employee_call", employeeCall("79269999999")), -32002, "contact_in_blacklist");
		assertError(call(CALL, "start.employee_call", employeeCall("442037691881")), -32002, "forbidden");
		assertError(call(CALL, "start.employee_call", employeeCall("+79261112233")), -32602, "invalid_parameter_value");
		assertError(
				call(CALL, "start.employee_call", ok.replace("\"first_call\"", "\"colour\":\"red\",\"first_call\"")),
				-32602, "unexpected_parameters");
		assertError(
				call(CALL, "start.employee_call", ok.replace("\"switch_at_once\":true", "\"switch_at_once\":\"yes\"")),
				-32602, "data_type_error");
		assertError(
				call(CALL, "start.employee_call", ok.replace("\"first_call\"", "\"media_file_id\":1,\"first_call\"")),
				-32602, "media_file_not_found");
		assertThat(this.uis.account().started()).isEmpty();
		this.uis.account().internationalCalls("7", true);
		assertThat(call(CALL, "start.employee_call", employeeCall("442037691881")).has("result")).isTrue();
	}

	@Test
	void playsTheOutgoingCallOfAStartEmployeeCallWithItsExternalId() throws Exception {
		long id = call(CALL, "start.employee_call", employeeCall("79261112233")).path("result")
			.path("data")
			.path("call_session_id")
			.asLong();
		this.uis.awaitCalls(Duration.ofSeconds(10));

		assertThat(this.uis.calls().slugs(id)).containsExactly("waiting", "call-outgoing", "talk-started",
				"talk-finished", "call-finished", "recording");
		assertThat(this.uis.calls().posted()).allSatisfy((p) -> assertThat(p.status()).isEqualTo(200));
		JsonNode waiting = body(this.catcher.caught().get(0));
		assertThat(this.catcher.caught().get(0).path()).isEqualTo("/webhooks/uis/acct-token/waiting");
		assertThat(this.catcher.caught().get(0).query()).isEqualTo("secret=s3cret");
		assertThat(this.catcher.caught().get(0).contentType()).isEqualTo("application/json");
		assertThat(waiting.path("call_session_id").isIntegralNumber()).isTrue();
		assertThat(waiting.path("call_session_id").asLong()).isEqualTo(id);
		assertThat(waiting.path("external_id").asString()).isEqualTo("ext-1");
		assertThat(waiting.path("employee_id").asLong()).isEqualTo(25);
		assertThat(waiting.path("direction").asString()).isEqualTo("out");
		JsonNode finished = body(this.catcher.caught().get(4));
		assertThat(finished.path("talk_time_duration").asInt()).isEqualTo(42);
		JsonNode row = report("get.calls_report",
				"\"filter\":{\"field\":\"id\",\"operator\":\"=\",\"value\":" + id + "}")
			.path("result")
			.path("data")
			.get(0);
		assertThat(row.path("call_api_external_id").asString()).isEqualTo("ext-1");
		assertThat(row.path("direction").asString()).isEqualTo("out");
		assertThat(row.path("talk_duration").asInt()).isEqualTo(42);
		assertThat(row.path("source").asString()).isEqualTo("callapi");
		HttpResponse<byte[]> audio = this.http.send(
				HttpRequest.newBuilder(URI.create(row.path("full_record_file_link").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(audio.statusCode()).isEqualTo(200);
		assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		assertThat(body(this.catcher.caught().get(5)).path("file_link").asString())
			.isEqualTo(row.path("full_record_file_link").asString());
		String recordPath = "/system/media/talk/" + row.path("communication_id").asLong() + "/"
				+ row.path("call_records").get(0).asString() + "/";
		assertThat(this.http
			.send(HttpRequest.newBuilder(URI.create(this.uis.baseUrl() + recordPath)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void playsAnAnsweredInboundCallAsJsonLiteralsInTheAccountsZone() throws Exception {
		LocalDateTime moscow = LocalDateTime.ofInstant(this.uis.clock().instant(), this.uis.zone());

		long id = this.uis.calls().inboundAnswered("79261112233", "74993720692", 25, 8, 90);

		assertThat(this.uis.calls().slugs(id)).containsExactly("call-incoming", "waiting", "talk-started",
				"talk-finished", "call-finished", "recording");
		String incoming = this.catcher.caught().get(0).body();
		assertThat(incoming).startsWith("{\"call_session_id\":" + id + ",\"notification_time\":\"")
			.contains("\"contact_full_name\":null")
			.contains("\"contact_phone_number\":\"79261112233\"");
		assertThat(body(this.catcher.caught().get(0)).path("notification_time").asString())
			.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}")
			.startsWith(moscow.format(UisCallPlayer.NOTIFICATION_TIME).substring(0, 16));
		JsonNode talk = body(this.catcher.caught().get(2));
		assertThat(talk.path("leg_ids").isArray()).isTrue();
		assertThat(talk.path("employee_full_name").asString()).isEqualTo("Petrov Ivan");
		JsonNode finished = body(this.catcher.caught().get(4));
		assertThat(finished.path("talk_time_duration").asInt()).isEqualTo(90);
		assertThat(finished.path("wait_time_duration").asInt()).isEqualTo(9);
		assertThat(finished.path("total_time_duration").asInt()).isEqualTo(99);
		JsonNode row = onlyRow(id);
		assertThat(row.path("is_lost").asBoolean()).isFalse();
		assertThat(row.path("last_talked_employee_id").asLong()).isEqualTo(25);
		assertThat(row.path("start_time").asString()).isEqualTo(moscow.format(SimulatedUisReports.DATE_TIME));
		JsonNode legs = report("get.call_legs_report",
				"\"filter\":{\"filters\":[{\"field\":\"call_session_id\",\"operator\":\"=\",\"value\":" + id
						+ "},{\"field\":\"is_operator\",\"operator\":\"=\",\"value\":true}],\"condition\":\"and\"}")
			.path("result")
			.path("data");
		assertThat(legs).hasSize(1);
		assertThat(legs.get(0).path("is_talked").asBoolean()).isTrue();
		assertThat(legs.get(0).path("duration").asInt()).isEqualTo(90);
	}

	@Test
	void playsAMissedCallAsLostWithoutTalk() throws Exception {
		long id = this.uis.calls().inboundMissed("79261112233", "74993720692", 30, 25, 26);

		assertThat(this.uis.calls().slugs(id)).containsExactly("call-incoming", "waiting", "waiting", "call-finished",
				"call-lost");
		JsonNode lost = body(this.catcher.caught().get(4));
		assertThat(lost.path("employee_ids").toString()).isEqualTo("[25,26]");
		assertThat(lost.path("wait_time_duration").asInt()).isEqualTo(31);
		assertThat(body(this.catcher.caught().get(3)).path("talk_time_duration").asInt()).isZero();
		JsonNode row = onlyRow(id);
		assertThat(row.path("is_lost").asBoolean()).isTrue();
		assertThat(row.path("talk_duration").asInt()).isZero();
		assertThat(row.path("call_records")).isEmpty();
	}

	@Test
	void playsATransferToASecondEmployee() throws Exception {
		long id = this.uis.calls().transfer("79261112233", "74993720692", 25, 26, 20, 40);

		assertThat(this.uis.calls().slugs(id)).containsExactly("call-incoming", "waiting", "talk-started",
				"talk-finished", "waiting", "talk-started", "talk-finished", "call-finished", "recording");
		assertThat(body(this.catcher.caught().get(5)).path("employee_id").asLong()).isEqualTo(26);
		JsonNode row = onlyRow(id);
		assertThat(row.path("is_transfer").asBoolean()).isTrue();
		assertThat(row.path("talk_duration").asInt()).isEqualTo(60);
		assertThat(row.path("first_talked_employee_id").asLong()).isEqualTo(25);
		assertThat(row.path("last_talked_employee_id").asLong()).isEqualTo(26);
		assertThat(row.path("employees")).hasSize(2);
	}

	@Test
	void playsARingingCallStepByStep() throws Exception {
		UisRingingCall call = this.uis.calls().ringInbound("79261112233", "74993720692", 25, 26);
		long id = call.sessionId();
		assertThat(this.uis.calls().slugs(id)).containsExactly("call-incoming", "waiting", "waiting");

		call.after(4).answer(26).after(30).transferTo(25).after(3).answer(25).after(10).hangUp();

		assertThat(this.uis.calls().slugs(id)).containsExactly("call-incoming", "waiting", "waiting", "talk-started",
				"waiting", "talk-finished", "talk-started", "talk-finished", "call-finished", "recording");
		JsonNode row = onlyRow(id);
		assertThat(row.path("wait_duration").asInt()).isEqualTo(5);
		assertThat(row.path("talk_duration").asInt()).isEqualTo(43);
		assertThat(row.path("first_talked_employee_id").asLong()).isEqualTo(26);
		assertThat(row.path("last_talked_employee_id").asLong()).isEqualTo(25);
	}

	@Test
	void endsAnUnansweredRingingCallAsLost() throws Exception {
		UisRingingCall call = this.uis.calls().ringInbound("79261112233", "74993720692", 25);

		call.after(20).giveUp();

		assertThat(this.uis.calls().slugs(call.sessionId())).containsExactly("call-incoming", "waiting",
				"call-finished", "call-lost");
		assertThat(onlyRow(call.sessionId()).path("is_lost").asBoolean()).isTrue();
	}

	@Test
	void dropsDuplicatesAndHoldsBackNotificationsWhenTold() throws Exception {
		this.uis.calls().dropNext("call-finished");
		this.uis.calls().duplicateNext("waiting");
		this.uis.calls().holdNext("talk-started");
		this.catcher.answer(500);

		long id = this.uis.calls().inboundAnswered("79261112233", "74993720692", 25, 5, 10);

		assertThat(this.uis.calls().slugs(id)).containsExactly("call-incoming", "waiting", "waiting", "talk-finished",
				"recording", "talk-started");
		assertThat(this.uis.calls().dropped()).extracting((d) -> d.slug()).containsExactly("call-finished");
		assertThat(this.uis.calls().posted()).allSatisfy((p) -> assertThat(p.status()).isEqualTo(500));
		assertThat(onlyRow(id).path("talk_duration").asInt()).isEqualTo(10);
	}

	@Test
	void sendsGetNotificationsWithTheQueryTemplate() throws Exception {
		this.uis.calls()
			.configure("call-incoming", "GET", this.catcher.baseUrl() + "/webhooks/uis/t/call-incoming?secret=x",
					UisNotificationTemplates.queryTemplate("call-incoming"));

		long id = this.uis.calls().inboundAnswered("79261112233", "74993720692", 25, 5, 10);

		Caught incoming = this.catcher.caught().get(0);
		assertThat(incoming.method()).isEqualTo("GET");
		assertThat(incoming.query()).startsWith("secret=x&call_session_id=" + id + "&notification_time=")
			.contains("&contact_full_name=&");
	}

	@Test
	void pagesFiltersAndProjectsTheCallsReport() throws Exception {
		for (int i = 0; i < 5; i++) {
			this.uis.calls().inboundAnswered("7926111220" + i, "74993720692", 25, 5, 10 + i);
		}

		JsonNode page = report("get.calls_report", "\"limit\":2,\"offset\":2,\"sort\":[{\"field\":\"talk_duration\","
				+ "\"order\":\"desc\"}],\"fields\":[\"id\",\"talk_duration\"]");
		JsonNode like = report("get.calls_report",
				"\"filter\":{\"field\":\"contact_phone_number\",\"operator\":\"like\",\"value\":\"%2203\"}");
		JsonNode in = report("get.calls_report",
				"\"filter\":{\"filters\":[{\"field\":\"talk_duration\",\"operator\":\"in\",\"value\":[10,11]},"
						+ "{\"field\":\"talk_duration\",\"operator\":\">=\",\"value\":14}],\"condition\":\"or\"}");
		JsonNode noExternal = report("get.calls_report",
				"\"filter\":{\"field\":\"call_api_external_id\",\"operator\":\"=\",\"value\":null}");

		assertThat(page.path("result").path("metadata").path("total_items").asInt()).isEqualTo(5);
		assertThat(page.path("result").path("data")).hasSize(2);
		assertThat(page.path("result").path("data").get(0).toString()).matches("\\{\"id\":\\d+,\"talk_duration\":12}");
		assertThat(like.path("result").path("data")).hasSize(1);
		assertThat(like.path("result").path("data").get(0).path("talk_duration").asInt()).isEqualTo(13);
		assertThat(in.path("result").path("metadata").path("total_items").asInt()).isEqualTo(3);
		assertThat(noExternal.path("result").path("metadata").path("total_items").asInt()).isEqualTo(5);
	}

	@Test
	void refusesBadReportParameters() throws Exception {
		String today = LocalDateTime.ofInstant(this.uis.clock().instant(), this.uis.zone())
			.format(SimulatedUisReports.DATE_TIME);
		String ago = LocalDateTime.ofInstant(this.uis.clock().instant(), this.uis.zone())
			.minusMonths(3)
			.minusDays(1)
			.format(SimulatedUisReports.DATE_TIME);

		assertError(call(DATA, "get.calls_report", params(",\"date_till\":\"" + today + "\"")), -32602,
				"required_parameter_missed");
		assertError(
				call(DATA, "get.calls_report",
						params(",\"date_from\":\"" + ago + "\",\"date_till\":\"" + today + "\"")),
				-32602, "date_interval_limit_reached");
		assertError(
				call(DATA, "get.calls_report",
						params(",\"date_from\":\"2024-01-01T00:00:00Z\",\"date_till\":\"" + today + "\"")),
				-32602, "invalid_parameter_value");
		assertError(report("get.calls_report", "\"limit\":10001"), -32602, "invalid_parameter_value");
		assertError(report("get.calls_report", "\"offset\":100001"), -32602, "invalid_parameter_value");
		assertError(report("get.calls_report", "\"fields\":[\"id\",\"colour\"]"), -32602, "invalid_parameter_value");
		assertError(report("get.calls_report", "\"filter\":{\"field\":\"employees\",\"operator\":\"=\",\"value\":1}"),
				-32602, "filter_prohibited");
		assertError(report("get.calls_report", "\"filter\":{\"field\":\"id\",\"operator\":\"~\",\"value\":1}"), -32602,
				"invalid_parameter_value");
		assertError(report("get.calls_report", "\"sort\":[{\"field\":\"colour\",\"order\":\"asc\"}]"), -32602,
				"sort_prohibited");
		assertError(report("get.call_legs_report", "\"include_ongoing_calls\":true"), -32602, "unexpected_parameters");
	}

	@Test
	void updatesEmployeesPartiallyWithArraysReplaced() throws Exception {
		JsonNode updated = call(DATA, "update.employees", params(",\"id\":25,\"calls_available\":false,"
				+ "\"status\":\"do_not_disturb\",\"phone_numbers\":[{\"phone_number\":\"79260000009\"}]"));

		assertThat(updated.has("result")).isTrue();
		JsonNode employee = call(DATA, "get.employees",
				params(",\"filter\":{\"field\":\"id\",\"operator\":\"=\",\"value\":25}"))
			.path("result")
			.path("data")
			.get(0);
		assertThat(employee.path("calls_available").asBoolean()).isFalse();
		assertThat(employee.path("status").asString()).isEqualTo("do_not_disturb");
		assertThat(employee.path("phone_numbers")).hasSize(1);
		assertThat(employee.path("phone_numbers").get(0).path("phone_number").asString()).isEqualTo("79260000009");
		assertThat(employee.path("extension").path("extension_phone_number").asString()).isEqualTo("101");
		assertThat(employee.path("full_name").asString()).isEqualTo("Petrov Ivan");
		assertThat(this.uis.employees().status(25)).isEqualTo("do_not_disturb");
		assertError(call(DATA, "update.employees", params(",\"id\":99,\"status\":\"break\"")), -32602,
				"entity_not_found");
		assertError(call(DATA, "update.employees", params(",\"id\":25,\"status\":\"sleeping\"")), -32602,
				"invalid_parameter_value");
		assertError(call(DATA, "update.employees", params(",\"id\":25,\"calls_available\":\"no\"")), -32602,
				"data_type_error");
		assertError(call(DATA, "update.employees", params(",\"id\":25,\"salary\":1")), -32602, "unexpected_parameters");
		assertError(call(DATA, "update.employees", params(",\"status\":\"break\"")), -32602,
				"required_parameter_missed");
		assertThat(this.uis.employees().callsAvailable(25)).isFalse();
		assertThat(this.uis.employees().status(25)).isEqualTo("do_not_disturb");
	}

	@Test
	void listsVirtualNumbers() throws Exception {
		JsonNode numbers = call(DATA, "get.virtual_numbers", params(""));

		assertThat(numbers.path("result").path("data")).extracting((n) -> n.path("virtual_phone_number").asString())
			.containsExactlyInAnyOrder("74993720692", "74993720000");
		assertThat(numbers.path("result").path("metadata").path("total_items").asInt()).isEqualTo(2);
	}

	private JsonNode report(String method, String more) throws Exception {
		LocalDateTime now = LocalDateTime.ofInstant(this.uis.clock().instant(), this.uis.zone());
		return call(DATA, method, params(",\"date_from\":\"" + now.minusDays(1).format(SimulatedUisReports.DATE_TIME)
				+ "\",\"date_till\":\"" + now.plusDays(1).format(SimulatedUisReports.DATE_TIME) + "\"," + more));
	}

	private JsonNode onlyRow(long id) throws Exception {
		JsonNode rows = report("get.calls_report",
				"\"filter\":{\"field\":\"id\",\"operator\":\"=\",\"value\":" + id + "}")
			.path("result")
			.path("data");
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

	private static String employeeCall(String contact) {
		return "{\"access_token\":\"" + TOKEN + "\",\"first_call\":\"employee\",\"switch_at_once\":true,"
				+ "\"virtual_phone_number\":\"74993720692\",\"external_id\":\"ext-1\",\"direction\":\"out\","
				+ "\"contact\":\"" + contact + "\",\"employee\":{\"id\":25}}";
	}

	private static String params(String more) {
		return "{\"access_token\":\"" + TOKEN + "\"" + more + "}";
	}

	private static String envelope(String id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":" + params + "}";
	}

	private JsonNode call(String api, String method, String params) throws IOException, InterruptedException {
		return raw(api, "application/json; charset=UTF-8", envelope("req1", method, params));
	}

	private JsonNode raw(String api, String contentType, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.uis.baseUrl() + api))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static JsonNode body(Caught caught) {
		return JSON.readTree(caught.body());
	}

	private static int remaining(JsonNode answer) {
		assertThat(answer.has("result")).as(answer.toString()).isTrue();
		return answer.path("result").path("metadata").path("limits").path("minute_remaining").asInt();
	}

	private static void assertError(JsonNode answer, int code, String mnemonic) {
		assertThat(answer.path("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(code);
		assertThat(answer.path("error").path("data").path("mnemonic").asString()).isEqualTo(mnemonic);
		assertThat(answer.path("error").path("message").asString()).isNotBlank();
	}

}
