package io.callbridge.crm.retailcrm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retailCRM test double itself, driven with raw HTTP: it must accept what the
 * protocol notes say retailCRM accepts and refuse everything else with retailCRM's
 * statuses and messages, or tests against it prove nothing.
 */
class RetailCrmSimulatorTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String KEY = "crm-key";

	private static final String EVENT = RetailCrmSimulator.API + "/telephony/call/event";

	private static final String UPLOAD = RetailCrmSimulator.API + "/telephony/calls/upload";

	private static final String MANAGER = RetailCrmSimulator.API + "/telephony/manager";

	private static final String EDIT = RetailCrmSimulator.API + "/integration-modules/callbridge/edit";

	private static final String FORM = "application/x-www-form-urlencoded";

	private final HttpClient http = HttpClient.newHttpClient();

	private final MovingClock clock = new MovingClock(Instant.parse("2024-03-01T10:00:00Z"));

	private RetailCrmSimulator crm;

	private HttpServer connector;

	private final List<String> connectorQueries = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() throws IOException {
		this.crm = RetailCrmSimulator.start(KEY, this.clock);
		this.crm.user(27);
		this.crm.user(28);
		this.connector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.connector.createContext("/", (exchange) -> {
			this.connectorQueries
				.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getRawQuery());
			byte[] body = "OK".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.connector.start();
	}

	@AfterEach
	void stop() {
		this.crm.close();
		this.connector.stop(0);
	}

	@Test
	void refusesAMissingOrWrongKeyWith403AndTakesItFromAnyCaseOfTheHeaderOrTheQuery() throws Exception {
		Answer missing = send("GET", RetailCrmSimulator.API + "/integration-modules/callbridge", null, null, null);
		Answer wrong = send("GET", RetailCrmSimulator.API + "/integration-modules/callbridge", "nope", null, null);
		Answer lowerCase = exchange(
				HttpRequest.newBuilder(url(RetailCrmSimulator.API + "/integration-modules/callbridge"))
					.header("x-api-key", KEY)
					.GET());
		Answer query = send("GET", RetailCrmSimulator.API + "/integration-modules/callbridge?apiKey=" + KEY, null, null,
				null);

		assertThat(missing.status()).isEqualTo(403);
		assertThat(missing.json())
			.isEqualTo(JSON.readTree("{\"success\":false,\"errorMsg\":\"\\\"apiKey\\\" is missing.\"}"));
		assertThat(wrong.status()).isEqualTo(403);
		assertThat(wrong.errorMsg()).isEqualTo("Wrong \"apiKey\" value.");
		assertThat(lowerCase.errorMsg()).isEqualTo("Not found");
		assertThat(lowerCase.status()).isEqualTo(404);
		assertThat(query.status()).isEqualTo(404);
		assertThat(this.crm.refused("Wrong \"apiKey\" value.")).isEqualTo(1);
	}

	@Test
	void answersUnknownMethodsAndWrongHttpMethodsWithoutTouchingState() throws Exception {
		assertThat(post("/api/v5/telephony/call/events", FORM, Map.of("event", "{}")).status()).isEqualTo(404);
		assertThat(post("/api/v4/telephony/call/event", FORM, Map.of("event", "{}")).errorMsg())
			.isEqualTo("API method not found");
		assertThat(send("GET", EVENT, KEY, null, null).status()).isEqualTo(405);
		assertThat(post(RetailCrmSimulator.API + "/integration-modules//edit", FORM, Map.of()).status()).isEqualTo(404);
		assertThat(this.crm.refused()).isEqualTo(4);
	}

	@Test
	void registersAModuleAndReadsItBack() throws Exception {
		Answer edit = register(module(true, "{\"userId\":27,\"code\":\"101\"}"));
		Answer get = send("GET", RetailCrmSimulator.API + "/integration-modules/callbridge", KEY, null, null);

		assertThat(edit.status()).isEqualTo(201);
		assertThat(edit.json().path("success").asBoolean()).isTrue();
		assertThat(edit.json().path("info").has("notExistUsersIds")).isFalse();
		assertThat(get.status()).isEqualTo(200);
		assertThat(get.json().path("integrationModule").path("clientId").asString()).isEqualTo("client-42");
		assertThat(this.crm.registrations()).hasSize(1);
		assertThat(this.crm.module("callbridge")).isNotNull();
	}

	@Test
	void refusesARegistrationWithoutTheFieldOrWithBadJsonOrAnInvalidModule() throws Exception {
		Answer json = post(EDIT, "application/json", Map.of("integrationModule", module(true, "")));
		Answer garbage = post(EDIT, FORM, Map.of("integrationModule", "{\"code\":"));
		Answer array = post(EDIT, FORM, Map.of("integrationModule", "[]"));
		Answer otherCode = post(EDIT, FORM,
				Map.of("integrationModule", module(true, "").replace("\"code\":\"callbridge\"", "\"code\":\"x\"")));
		Answer noUrl = post(EDIT, FORM,
				Map.of("integrationModule", module(true, "").replace("\"makeCallUrl\":", "\"makeCall\":")));
		Answer badFlag = post(EDIT, FORM,
				Map.of("integrationModule", module(true, "").replace("\"active\":true", "\"active\":\"yes\"")));
		Answer badCodes = post(EDIT, FORM,
				Map.of("integrationModule", module(true, "{\"userId\":\"x\",\"code\":101}")));

		assertThat(json.status()).isEqualTo(400);
		assertThat(json.errorMsg()).isEqualTo("Parameter 'integrationModule' is missing");
		assertThat(garbage.errorMsg()).isEqualTo("Errors in the input parameters");
		assertThat(array.errorMsg()).isEqualTo("Errors in the input parameters");
		assertThat(otherCode.errorMsg()).isEqualTo("Errors in the entity format");
		assertThat(otherCode.json().path("errors").has("code")).isTrue();
		assertThat(noUrl.json().path("errors").has("integrations.telephony.makeCallUrl")).isTrue();
		assertThat(badFlag.json().path("errors").has("active")).isTrue();
		assertThat(badCodes.json().path("errors").has("integrations.telephony.additionalCodes[0].userId")).isTrue();
		assertThat(badCodes.json().path("errors").has("integrations.telephony.additionalCodes[0].code")).isTrue();
		assertThat(this.crm.registrations()).isEmpty();
	}

	@Test
	void answersUnknownUsersOfAdditionalCodesAndForgetsTheirCodes() throws Exception {
		Answer edit = register(module(true, "{\"userId\":27,\"code\":\"101\"},{\"userId\":99,\"code\":\"199\"}"));
		Answer event = event("{\"phone\":\"+79261112233\",\"type\":\"in\",\"codes\":[\"101\",\"199\"]}");

		assertThat(edit.json().path("info").path("notExistUsersIds").toString()).isEqualTo("[99]");
		assertThat(event.json().path("notExistCodes").toString()).isEqualTo("[\"199\"]");
	}

	@Test
	void saysTelephonyIsNotEnabledUntilAnActiveModuleWithTelephonyIsRegistered() throws Exception {
		String call = "[" + call("1", "answered") + "]";
		Answer before = event("{\"phone\":\"+79261112233\",\"type\":\"in\",\"codes\":[\"101\"]}");
		Answer upload = post(UPLOAD, FORM, Map.of("calls", call));
		Answer lookup = send("GET", MANAGER + "?phone=79261112233", KEY, null, null);
		register(module(false, "{\"userId\":27,\"code\":\"101\"}"));
		Answer inactive = event("{\"phone\":\"+79261112233\",\"type\":\"in\",\"codes\":[\"101\"]}");
		register(module(true, "{\"userId\":27,\"code\":\"101\"}"));
		Answer active = event("{\"phone\":\"+79261112233\",\"type\":\"in\",\"codes\":[\"101\"]}");

		assertThat(before.status()).isEqualTo(400);
		assertThat(before.errorMsg()).isEqualTo("Telephony not enabled");
		assertThat(upload.errorMsg()).isEqualTo("Telephony not enabled or not supports calls upload");
		assertThat(lookup.errorMsg()).isEqualTo("Telephony not enabled");
		assertThat(inactive.errorMsg()).isEqualTo("Telephony not enabled");
		assertThat(active.status()).isEqualTo(200);
		assertThat(active.json().toString()).isEqualTo("{\"success\":true}");
		assertThat(this.crm.events()).hasSize(1);
	}

	@Test
	void acceptsACallEventOnlyAsAFormFieldHoldingAJsonObject() throws Exception {
		registerTelephony();
		String good = "{\"phone\":\"+79261112233\",\"type\":\"in\",\"codes\":[\"101\"]}";

		Answer asJson = exchange(HttpRequest.newBuilder(url(EVENT))
			.header("X-API-KEY", KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(good)));
		Answer wrongField = post(EVENT, FORM, Map.of("events", good));
		Answer notJson = post(EVENT, FORM, Map.of("event", "phone=1"));
		Answer array = post(EVENT, FORM, Map.of("event", "[" + good + "]"));

		assertThat(asJson.status()).isEqualTo(400);
		assertThat(asJson.errorMsg()).isEqualTo("Parameter 'event' is missing");
		assertThat(wrongField.errorMsg()).isEqualTo("Parameter 'event' is missing");
		assertThat(notJson.errorMsg()).isEqualTo("Errors in the input parameters");
		assertThat(notJson.json().path("errors").path("event").isString()).isTrue();
		assertThat(array.errorMsg()).isEqualTo("Errors in the input parameters");
		assertThat(this.crm.events()).isEmpty();
	}

	@Test
	void refusesCallEventsWithoutPhoneOrTypeOrWithValuesOutsideTheEnums() throws Exception {
		registerTelephony();

		Answer noPhone = event("{\"type\":\"in\",\"codes\":[\"101\"]}");
		Answer numericPhone = event("{\"phone\":79261112233,\"type\":\"in\",\"codes\":[\"101\"]}");
		Answer noType = event("{\"phone\":\"+79261112233\",\"codes\":[\"101\"]}");
		Answer badType = event("{\"phone\":\"+79261112233\",\"type\":\"incoming\",\"codes\":[\"101\"]}");
		Answer uploadResult = event(
				"{\"phone\":\"+79261112233\",\"type\":\"hangup\",\"codes\":[\"101\"],\"hangupStatus\":\"no answer\"}");
		Answer badUserIds = event("{\"phone\":\"+79261112233\",\"type\":\"in\",\"userIds\":[\"27\"]}");
		Answer hangup = event(
				"{\"phone\":\"+79261112233\",\"type\":\"hangup\",\"codes\":[\"101\"],\"hangupStatus\":\"no answered\"}");

		assertThat(noPhone.json().path("errors").path("phone").asString()).isEqualTo("This value should not be blank.");
		assertThat(numericPhone.json().path("errors").has("phone")).isTrue();
		assertThat(noType.json().path("errors").has("type")).isTrue();
		assertThat(badType.json().path("errors").path("type").asString())
			.isEqualTo("The value you selected is not a valid choice.");
		assertThat(uploadResult.json().path("errors").has("hangupStatus")).isTrue();
		assertThat(badUserIds.json().path("errors").has("userIds")).isTrue();
		assertThat(List.of(noPhone, numericPhone, noType, badType, uploadResult, badUserIds)).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.errorMsg()).isEqualTo("Errors in the input parameters");
		});
		assertThat(hangup.status()).isEqualTo(200);
		assertThat(this.crm.events()).singleElement().satisfies((e) -> {
			assertThat(e.type()).isEqualTo("hangup");
			assertThat(e.hangupStatus()).isEqualTo("no answered");
		});
	}

	@Test
	void needsCodesOrUserIdsUnlessToldToBeLenient() throws Exception {
		registerTelephony();
		String noManagers = "{\"phone\":\"+79261112233\",\"type\":\"in\"}";

		Answer strict = event(noManagers);
		Answer byUser = event("{\"phone\":\"+79261112233\",\"type\":\"in\",\"userIds\":[27]}");
		this.crm.strictCodes(false);
		Answer lenient = event(noManagers);

		assertThat(strict.status()).isEqualTo(400);
		assertThat(strict.json().path("errors").has("codes")).isTrue();
		assertThat(byUser.status()).isEqualTo(200);
		assertThat(lenient.status()).isEqualTo(200);
		assertThat(this.crm.events()).hasSize(2);
	}

	@Test
	void reportsCodesAndUsersItDoesNotKnowAndKeepsEventsInOrder() throws Exception {
		registerTelephony();

		Answer in = event(
				"{\"phone\":\"+79261112233\",\"type\":\"in\",\"codes\":[\"101\",\"555\"],\"userIds\":[27,404],"
						+ "\"externalPhone\":\"74993720692\",\"callExternalId\":\"17\"}");
		Answer hangup = event("{\"phone\":\"+79261112233\",\"type\":\"hangup\",\"codes\":[\"101\"],"
				+ "\"hangupStatus\":\"answered\",\"callExternalId\":\"17\"}");

		assertThat(in.json().path("notExistCodes").toString()).isEqualTo("[\"555\"]");
		assertThat(in.json().path("notExistUsers").toString()).isEqualTo("[404]");
		assertThat(hangup.json().has("notExistCodes")).isFalse();
		assertThat(this.crm.events()).extracting(RetailCrmEvent::type).containsExactly("in", "hangup");
		assertThat(this.crm.events().get(0).callExternalId()).isEqualTo("17");
		assertThat(this.crm.events().get(0).externalPhone()).isEqualTo("74993720692");
	}

	@Test
	void uploadsCallsAndReportsDuplicatesWithoutUpdatingThemByDefault() throws Exception {
		registerTelephony();

		Answer first = upload(call("17", "answered"), call("18", "no answer"));
		Answer again = upload(call("17", "answered").replace("}", ",\"recordUrl\":\"https://cb.example/rec/17\"}"),
				call("19", "busy"), call("19", "busy"));

		assertThat(first.json().toString())
			.isEqualTo("{\"success\":true,\"processedCallsCount\":2,\"duplicateCalls\":[]}");
		assertThat(again.json().path("processedCallsCount").asInt()).isEqualTo(1);
		assertThat(again.json().path("duplicateCalls").toString()).isEqualTo("[\"17\",\"19\"]");
		assertThat(this.crm.calls().get("17").recordUrl()).isNull();
		assertThat(this.crm.calls()).containsOnlyKeys("17", "18", "19");
		assertThat(this.crm.uploads()).hasSize(2);
	}

	@Test
	void updatesADuplicateWhenToldTo() throws Exception {
		registerTelephony();
		this.crm.duplicatesUpdate(true);

		upload(call("17", "answered"));
		Answer again = upload(call("17", "answered").replace("}", ",\"recordUrl\":\"https://cb.example/rec/17\"}"));

		assertThat(again.json().path("processedCallsCount").asInt()).isEqualTo(1);
		assertThat(again.json().path("duplicateCalls").toString()).isEqualTo("[\"17\"]");
		assertThat(this.crm.calls().get("17").recordUrl()).isEqualTo("https://cb.example/rec/17");
	}

	@Test
	void refusesUploadsOfNoneOrMoreThanFiftyCallsOrWithBadDatesResultsAndDurations() throws Exception {
		registerTelephony();
		String fifty = IntStream.range(0, 50)
			.mapToObj((i) -> call("c" + i, "answered"))
			.collect(Collectors.joining(","));

		Answer empty = post(UPLOAD, FORM, Map.of("calls", "[]"));
		Answer object = post(UPLOAD, FORM, Map.of("calls", call("1", "answered")));
		Answer tooMany = post(UPLOAD, FORM, Map.of("calls", "[" + fifty + "," + call("c50", "answered") + "]"));
		Answer isoDate = upload(call("1", "answered").replace("2024-03-01 13:00:05", "2024-03-01T13:00:05"));
		Answer noSuchDay = upload(call("1", "answered").replace("2024-03-01 13:00:05", "2024-02-30 13:00:05"));
		Answer eventStatus = upload(call("1", "no answered"));
		Answer negative = upload(call("1", "answered").replace("\"duration\":60", "\"duration\":-1"));
		Answer hangupType = upload(call("1", "answered").replace("\"type\":\"in\"", "\"type\":\"hangup\""));
		Answer badUrl = upload(call("1", "answered").replace("}", ",\"recordUrl\":\"rec/1.mp3\"}"));
		Answer exactlyFifty = post(UPLOAD, FORM, Map.of("calls", "[" + fifty + "]"));

		assertThat(empty.json().path("errors").has("calls")).isTrue();
		assertThat(object.errorMsg()).isEqualTo("Errors in the input parameters");
		assertThat(tooMany.json().path("errors").path("calls").asString()).contains("50");
		assertThat(isoDate.json().path("errors").has("calls[0].date")).isTrue();
		assertThat(noSuchDay.json().path("errors").has("calls[0].date")).isTrue();
		assertThat(eventStatus.json().path("errors").has("calls[0].result")).isTrue();
		assertThat(negative.json().path("errors").has("calls[0].duration")).isTrue();
		assertThat(hangupType.json().path("errors").has("calls[0].type")).isTrue();
		assertThat(badUrl.json().path("errors").has("calls[0].recordUrl")).isTrue();
		assertThat(List.of(empty, object, tooMany, isoDate, noSuchDay, eventStatus, negative, hangupType, badUrl))
			.allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(400));
		assertThat(exactlyFifty.json().path("processedCallsCount").asInt()).isEqualTo(50);
		assertThat(this.crm.uploads()).hasSize(1);
	}

	@Test
	void findsTheResponsibleManagerByTheDigitsOfThePhone() throws Exception {
		registerTelephony();
		this.crm.directory("+7 (926) 111-22-33", RetailCrmManager.free(27, "Ivan", "101"),
				new RetailCrmCustomer(5, "Anna", "Smirnova", "+79261112233"));
		this.crm.directory("79260000000", new RetailCrmManager(28, "Olga", "Sidorova", "o@x", "102", "dinner"), null);

		Answer found = send("GET", MANAGER + "?phone=%2B79261112233", KEY, null, null);
		Answer details = send("GET", MANAGER + "?phone=79261112233&details=1", KEY, null, null);
		Answer notFree = send("GET", MANAGER + "?phone=79260000000", KEY, null, null);
		Answer ignoreStatus = send("GET", MANAGER + "?phone=79260000000&ignoreStatus=1", KEY, null, null);
		Answer nobody = send("GET", MANAGER + "?phone=79990000000", KEY, null, null);
		Answer noPhone = send("GET", MANAGER, KEY, null, null);

		assertThat(found.json().path("manager").path("id").asInt()).isEqualTo(27);
		assertThat(found.json().path("manager").path("code").asString()).isEqualTo("101");
		assertThat(found.json().has("customer")).isFalse();
		assertThat(details.json().path("customer").path("id").asInt()).isEqualTo(5);
		assertThat(details.json().path("links").isObject()).isTrue();
		assertThat(notFree.json().toString()).isEqualTo("{\"success\":true}");
		assertThat(ignoreStatus.json().path("manager").path("id").asInt()).isEqualTo(28);
		assertThat(nobody.status()).isEqualTo(200);
		assertThat(nobody.json().toString()).isEqualTo("{\"success\":true}");
		assertThat(noPhone.status()).isEqualTo(400);
		assertThat(noPhone.errorMsg()).isEqualTo("Parameter 'phone' is missing");
		assertThat(this.crm.lookups()).hasSize(5);
	}

	@Test
	void limitsEachKeyTo40TelephonyAnd10OtherRequestsInAnySecond() throws Exception {
		registerTelephony();
		this.crm.apiKey("other-key");
		String lookup = MANAGER + "?phone=79261112233";

		List<Integer> telephony = IntStream.range(0, 41).mapToObj((i) -> status("GET", lookup, KEY)).toList();
		int otherKey = status("GET", lookup, "other-key");
		this.clock.advance(Duration.ofMillis(999));
		int stillWithin = status("GET", lookup, KEY);
		this.clock.advance(Duration.ofMillis(1));
		int nextSecond = status("GET", lookup, KEY);

		// the registration above is not counted with telephony requests
		assertThat(telephony.subList(0, 40)).containsOnly(200);
		assertThat(telephony.get(40)).isEqualTo(503);
		assertThat(otherKey).isEqualTo(200);
		assertThat(stillWithin).isEqualTo(503);
		assertThat(nextSecond).isEqualTo(200);
		assertThat(this.crm.refused("rate limit")).isEqualTo(2);

		String module = RetailCrmSimulator.API + "/integration-modules/callbridge";
		// the registration left the window a second ago
		List<Integer> other = IntStream.range(0, 11).mapToObj((i) -> status("GET", module, KEY)).toList();
		assertThat(other.subList(0, 10)).containsOnly(200);
		assertThat(other.get(10)).isEqualTo(503);
		this.crm.rateLimits(false);
		assertThat(status("GET", module, KEY)).isEqualTo(200);
	}

	@Test
	void goesDownAndComesBackAndForcesStatusesAndGarbage() throws Exception {
		registerTelephony();
		String good = "{\"phone\":\"+79261112233\",\"type\":\"in\",\"codes\":[\"101\"]}";

		this.crm.down();
		Answer downJson = event(good);
		this.crm.downHtml();
		Answer downHtml = event(good);
		this.crm.up();
		this.crm.refuseNext(2, 429);
		Answer first = event(good);
		Answer second = event(good);
		Answer third = event(good);
		this.crm.force(503);
		Answer forced = event(good);
		this.crm.up();
		this.crm.garbage("<html>oops");
		Answer garbage = event(good);
		this.crm.garbage(null);

		assertThat(downJson.status()).isEqualTo(503);
		assertThat(downJson.json().path("success").asBoolean()).isFalse();
		assertThat(downHtml.status()).isEqualTo(503);
		assertThat(downHtml.body()).startsWith("<html>");
		assertThat(first.status()).isEqualTo(429);
		assertThat(second.status()).isEqualTo(429);
		assertThat(third.status()).isEqualTo(200);
		assertThat(forced.status()).isEqualTo(503);
		assertThat(garbage.status()).isEqualTo(200);
		assertThat(garbage.body()).isEqualTo("<html>oops");
		// the garbled answer's request took effect
		assertThat(this.crm.events()).hasSize(2);
		assertThat(this.crm.refused()).isEqualTo(5);
		assertThat(this.crm.refused("down")).isEqualTo(2);
	}

	@Test
	void sendsMakeCallAndChangeUserStatusToTheRegisteredUrls() throws Exception {
		assertThatThrownBy(() -> this.crm.makeCall(27, "101", "+79261112233", null))
			.isInstanceOf(IllegalStateException.class);
		registerTelephony();

		RetailCrmCallback call = this.crm.makeCall(27, "101", "+79261112233", "74993720692");
		RetailCrmCallback stranger = this.crm.makeCallAs("someone-else", 27, "101", "+79261112233", null);
		RetailCrmCallback status = this.crm.changeUserStatus(27, "101", "break");

		assertThat(call.status()).isEqualTo(200);
		assertThat(call.body()).isEqualTo("OK");
		assertThat(this.connectorQueries).containsExactly(
				"/rc/make-call?clientId=client-42&code=101&phone=%2B79261112233&userId=27&externalPhone=74993720692",
				"/rc/make-call?clientId=someone-else&code=101&phone=%2B79261112233&userId=27",
				"/rc/user-status?clientId=client-42&userId=27&code=101&status=break");
		assertThat(stranger.parameters()).containsEntry("clientId", "someone-else");
		assertThat(status.parameters()).containsEntry("status", "break");
		assertThat(this.crm.callbacks()).hasSize(3);
		assertThatThrownBy(() -> this.crm.changeUserStatus(27, "101", "available"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private void registerTelephony() throws Exception {
		assertThat(register(module(true, "{\"userId\":27,\"code\":\"101\"},{\"userId\":28,\"code\":\"102\"}")).status())
			.isEqualTo(201);
	}

	private String module(boolean active, String additionalCodes) {
		String base = "http://127.0.0.1:" + this.connector.getAddress().getPort();
		return "{\"code\":\"callbridge\",\"integrationCode\":\"callbridge\",\"active\":" + active
				+ ",\"name\":\"Callbridge\",\"clientId\":\"client-42\",\"baseUrl\":\"" + base + "\","
				+ "\"integrations\":{\"telephony\":{\"makeCallUrl\":\"" + base + "/rc/make-call\","
				+ "\"changeUserStatusUrl\":\"" + base + "/rc/user-status\",\"allowEdit\":false,"
				+ "\"inputEventSupported\":true,\"outputEventSupported\":true,\"hangupEventSupported\":true,"
				+ "\"additionalCodes\":[" + additionalCodes + "]}}}";
	}

	private static String call(String externalId, String result) {
		return "{\"date\":\"2024-03-01 13:00:05\",\"type\":\"in\",\"phone\":\"+79261112233\",\"code\":\"101\","
				+ "\"result\":\"" + result + "\",\"duration\":60,\"durationWaiting\":10,\"externalId\":\"" + externalId
				+ "\"}";
	}

	private Answer register(String module) throws Exception {
		return post(EDIT, FORM, Map.of("integrationModule", module));
	}

	private Answer event(String event) throws Exception {
		return post(EVENT, FORM, Map.of("event", event));
	}

	private Answer upload(String... calls) throws Exception {
		return post(UPLOAD, FORM, Map.of("calls", "[" + String.join(",", calls) + "]"));
	}

	private Answer post(String path, String contentType, Map<String, String> fields) throws Exception {
		String body = fields.entrySet()
			.stream()
			.map((f) -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send("POST", path, KEY, contentType, body);
	}

	private int status(String method, String path, String key) {
		try {
			return send(method, path, key, null, null).status();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Answer send(String method, String path, String key, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
		if (key != null) {
			request.header("X-API-KEY", key);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return exchange(request);
	}

	private Answer exchange(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body());
	}

	private URI url(String path) {
		return URI.create(this.crm.baseUrl() + path);
	}

	private record Answer(int status, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String errorMsg() {
			return json().path("errorMsg").asString();
		}

	}

}
