package io.callbridge.zadarma;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.callbridge.zadarma.SimulatedPbx.StatisticRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Zadarma test double itself, driven with raw HTTP and the protocol notes' worked
 * examples (key {@code testkey}, secret {@code testsecret}): it must accept exactly what
 * Zadarma accepts and refuse the rest, or tests against it prove nothing.
 */
class ZadarmaSimulatorTests {

	private static final String BALANCE_SIGNATURE = "testkey:ODEyZGUyNzU3Y2YyYTkwYWJjNjdhNmE4ZGY0NTM3YzZkZDZmYTdlYw==";

	private final HttpClient http = HttpClient.newHttpClient();

	private ZadarmaSimulator zadarma;

	private WebhookCatcher webhook;

	@BeforeEach
	void start() {
		this.zadarma = ZadarmaSimulator.start("testkey", "testsecret");
		this.webhook = WebhookCatcher.start();
	}

	@AfterEach
	void stop() {
		this.zadarma.close();
		this.webhook.close();
	}

	@Test
	void acceptsTheDocumentedSignatureOfABalanceRequest() throws Exception {
		HttpResponse<String> response = get("/v1/info/balance/?format=json", BALANCE_SIGNATURE);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"success\"").contains("\"balance\":10.34");
		assertThat(response.headers().firstValue("X-Zadarma-Method")).hasValue("/v1/info/balance/");
		assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("100");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("99");
		assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
	}

	@Test
	void reSortsTheParametersBeforeCheckingTheSignature() throws Exception {
		String signature = "testkey:YTMxZGNlNzYxYWUwYzYwYTZlOGVkMzBiYzM2YTJjNTU5MjhjMmY4MQ==";

		HttpResponse<String> response = get("/v1/request/callback/?to=442037691881&from=100&sip=100&format=json",
				signature);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"from\":100").contains("\"to\":442037691881");
	}

	@Test
	void rejectsAWronglySignedRequestWith401NotAuthorized() throws Exception {
		List<HttpResponse<String>> refused = List.of(
				get("/v1/info/balance/?format=json", "testkey:gS3idXzyqQq8Z6ao30U3xt1vp+w="),
				get("/v1/info/balance/?format=json&extra=1", BALANCE_SIGNATURE),
				get("/v1/info/balance/?format=json", BALANCE_SIGNATURE.replace("testkey", "otherkey")),
				get("/v1/info/balance/?format=json", null));

		assertThat(refused).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).isEqualTo("{\"status\":\"error\",\"message\":\"Not authorized\"}");
		});
	}

	@Test
	void rejectsASignatureMadeWithoutTheVersionInThePath() throws Exception {
		String withoutVersion = "testkey:"
				+ ZadarmaHmac.sign("testsecret", "/info/balance/format=json0cce6c99b4e629aa977d00c2fece8a23");

		assertThat(get("/v1/info/balance/?format=json", withoutVersion).statusCode()).isEqualTo(401);
	}

	@Test
	void answers429AfterThreeStatisticsRequestsAMinuteUntilTheWindowPasses() throws Exception {
		this.zadarma.pbx().addCall(row("in_a", LocalDateTime.of(2024, 1, 10, 10, 0)));
		String query = "/v1/statistics/pbx/?end=2024-01-31+23%3A59%3A59&format=json&start=2024-01-01+00%3A00%3A00&version=2";
		String signature = "testkey:NDc5ZTdkMWIwZThlNmY5MmZlMzYyNDBmMWZhZjE2YjBmNmExZjA4Ng==";
		for (int i = 0; i < 3; i++) {
			assertThat(get(query, signature).statusCode()).isEqualTo(200);
		}

		HttpResponse<String> limited = get(query, signature);
		this.zadarma.clock().advance(Duration.ofSeconds(60));

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.body()).contains("You exceeded the rate limit");
		assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(get(query, signature).body()).contains("\"pbx_call_id\":\"in_a\"");
	}

	@Test
	void answers429AfterAHundredRequestsAMinute() throws Exception {
		for (int i = 0; i < 100; i++) {
			get("/v1/info/balance/?format=json", BALANCE_SIGNATURE);
		}

		assertThat(get("/v1/info/balance/?format=json", BALANCE_SIGNATURE).statusCode()).isEqualTo(429);
		assertThat(this.zadarma.count(200)).isEqualTo(100);
	}

	@Test
	void clampsAPeriodLongerThanAMonthTo30DaysAndPagesAtMostAThousandRows() throws Exception {
		for (int i = 0; i < 1200; i++) {
			this.zadarma.pbx().addCall(row("in_" + i, LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(i)));
		}
		this.zadarma.pbx().addCall(row("in_late", LocalDateTime.of(2024, 2, 15, 0, 0)));

		HttpResponse<String> response = signedGet("/v1/statistics/pbx/",
				Map.of("start", "2024-01-01 00:00:00", "end", "2024-03-01 00:00:00", "limit", "5000", "version", "2"));

		assertThat(response.body()).contains("\"end\":\"2024-01-31 00:00:00\"").doesNotContain("in_late");
		assertThat(response.body().split("\"pbx_call_id\"")).hasSize(1001);
		assertThat(this.zadarma.pbx().clampedStatisticsRequests()).isEqualTo(1);
	}

	@Test
	void refusesACallbackToSomethingThatIsNotANumber() throws Exception {
		HttpResponse<String> response = signedGet("/v1/request/callback/", Map.of("from", "100", "to", "hello"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Check phone's number");
	}

	@Test
	void playsACallbackToTheWebhookAsSignedOutboundNotifications() throws Exception {
		this.zadarma.pbx().webhook(this.webhook.url().toString());

		signedGet("/v1/request/callback/", Map.of("from", "100", "to", "34612345678", "sip", "100"));
		this.zadarma.awaitWebhooks(Duration.ofSeconds(5));

		assertThat(this.webhook.events()).containsExactly("NOTIFY_OUT_START", "NOTIFY_ANSWER", "NOTIFY_OUT_END");
		ZadarmaWebhookSender signer = new ZadarmaWebhookSender("unused", "testsecret");
		assertThat(this.webhook.caught()).allSatisfy((c) -> {
			assertThat(c.signature()).isEqualTo(signer.signature(c.fields()));
			assertThat(c.fields().get("pbx_call_id")).matches("out_[0-9a-f]{40}");
			assertThat(c.fields()).containsEntry("internal", "100").containsEntry("destination", "34612345678");
		});
	}

	@Test
	void sendsOnlyTheNotificationsThatAreSwitchedOn() {
		this.zadarma.pbx().webhook(this.webhook.url().toString());
		this.zadarma.pbx().notification("notify_internal", false);
		this.zadarma.calls().recordCalls(true);

		this.zadarma.calls().playAnsweredInbound("34612345678", "34910000000", "100", 42);

		assertThat(this.webhook.events()).containsExactly("NOTIFY_START", "NOTIFY_ANSWER", "NOTIFY_END",
				"NOTIFY_RECORD");
	}

	@Test
	void appliesTheReplyToNotifyStartAsThePbxWould() {
		this.zadarma.pbx().webhook(this.webhook.url().toString());
		this.webhook.replyToStart("{\"redirect\":\"blacklist\"}");

		String blocked = this.zadarma.calls().playAnsweredInbound("34612999000", "34910000000", "100", 10);
		this.webhook.replyToStart("{\"redirect\":\"101\",\"caller_name\":\"Ana\"}");
		String routed = this.zadarma.calls().playAnsweredInbound("34612345678", "34910000000", "100", 10);

		assertThat(this.zadarma.calls().events(blocked)).containsExactly("NOTIFY_START", "NOTIFY_END");
		assertThat(this.webhook.caught()).filteredOn((c) -> c.fields().get("pbx_call_id").equals(routed))
			.filteredOn((c) -> "NOTIFY_INTERNAL".equals(c.fields().get("event")))
			.singleElement()
			.satisfies((c) -> assertThat(c.fields()).containsEntry("internal", "101"));
		assertThat(this.zadarma.calls().startReplies()).last().asString().contains("caller_name");
	}

	@Test
	void settingTheWebhookUrlRequiresItToAnswerZdEcho() throws Exception {
		HttpResponse<String> refused = signedPost("/v1/pbx/callinfo/url/", Map.of("url", "http://127.0.0.1:1/x"));
		HttpResponse<String> accepted = signedPost("/v1/pbx/callinfo/url/",
				Map.of("url", this.webhook.url().toString()));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(this.zadarma.pbx().callInfoUrl()).isEqualTo(this.webhook.url().toString());
	}

	@Test
	void servesRecordingLinksAsAudioUntilTheyExpire() throws Exception {
		this.zadarma.pbx().addRecording("1458313316.343456", "in_rec");

		HttpResponse<String> link = signedGet("/v1/pbx/record/request/",
				Map.of("call_id", "1458313316.343456", "lifetime", "180"));
		String url = link.body().replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");
		HttpResponse<byte[]> audio = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		this.zadarma.clock().advance(Duration.ofSeconds(181));
		HttpResponse<byte[]> expired = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(audio.statusCode()).isEqualTo(200);
		assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		assertThat(audio.body()).isNotEmpty();
		assertThat(expired.statusCode()).isEqualTo(404);
		assertThat(signedGet("/v1/pbx/record/request/", Map.of("call_id", "1", "lifetime", "100")).statusCode())
			.isEqualTo(400);
	}

	private static StatisticRow row(String pbxCallId, LocalDateTime start) {
		return new StatisticRow("1." + pbxCallId, "100", start, "34612345678", "100", "answered", 10, false, pbxCallId);
	}

	private HttpResponse<String> signedGet(String path, Map<String, String> params) throws Exception {
		String query = SimulatorSigning.query(params);
		return get(path + "?" + query, SimulatorSigning.authorization("testkey", "testsecret", path, params));
	}

	private HttpResponse<String> signedPost(String path, Map<String, String> params) throws Exception {
		String query = SimulatorSigning.query(params);
		return send(HttpRequest.newBuilder(this.zadarma.baseUrl().resolve(path))
			.header("Authorization", SimulatorSigning.authorization("testkey", "testsecret", path, params))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(query))
			.build());
	}

	private HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.zadarma.baseUrl() + pathAndQuery));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
