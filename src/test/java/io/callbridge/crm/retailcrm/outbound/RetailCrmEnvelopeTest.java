package io.callbridge.crm.retailcrm.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Failure;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Kind;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Success;
import io.callbridge.telephony.ProviderHttp;
import io.callbridge.telephony.ProviderSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading retailCRM's answers: the envelope, each known {@code errorMsg} explained with
 * the field it points at, the {@code errors} map listed, 503/429 with
 * {@code Retry-After}, retailCRM's own failures, and answers that are not its API (a web
 * page, a redirect, garbage) — with the key never shown.
 */
class RetailCrmEnvelopeTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

	private static final ProviderSecrets SECRETS = ProviderSecrets.of(RetailCrmFixture.API_KEY);

	private static final RetailCrmRequest EVENT = RetailCrmRequest.post("telephony/call/event", "telephony/call/event",
			"event", "{}");

	@Test
	void acceptsSuccessWithItsFields() {
		RetailCrmReply reply = read(200, "{\"success\":true,\"notExistCodes\":[\"105\"]}");

		Success success = (Success) reply;
		assertThat(success.status()).isEqualTo(200);
		assertThat(success.body().path("notExistCodes").get(0).asString()).isEqualTo("105");
		assertThat(success.excerpt()).isEqualTo("{\"success\":true,\"notExistCodes\":[\"105\"]}");
	}

	@Test
	void keepsAKilobyteOfALongAnswer() {
		String body = "{\"success\":true,\"info\":\"" + "x".repeat(3000) + "\"}";

		assertThat(((Success) read(201, body)).excerpt()).hasSize(RetailCrmEnvelope.EXCERPT + 1).endsWith("…");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			"apiKey" is missing.                                 | 403 | missingKey     | apiKey
			Wrong "apiKey" value.                                | 403 | wrongKey       | apiKey
			Access denied.                                       | 403 | accessDenied   | apiKey
			Account does not exist.                              | 400 | accountMissing | baseUrl
			Errors in the entity format                          | 400 | validation     |
			Validation error                                     | 400 | validation     |
			Errors in the input parameters                       | 400 | validation     |
			Not found                                            | 404 | notFound       |
			Telephony not enabled                                | 400 | telephonyOff   |
			Telephony not enabled or not supports calls upload   | 400 | telephonyOff   |
			API method not found                                 | 404 | methodNotFound | baseUrl
			Something else                                       | 400 | other          |
			Something else                                       | 401 | wrongKey       | apiKey
			Something else                                       | 403 | accessDenied   | apiKey
			""")
	void explainsEachKnownMessage(String errorMsg, int status, String explanation, String field) {
		Failure failure = (Failure) read(status, "{\"success\":false,\"errorMsg\":" + quoted(errorMsg) + "}");

		assertThat(failure.kind()).isEqualTo(Kind.REFUSED);
		assertThat(failure.status()).isEqualTo(status);
		assertThat(failure.field()).isEqualTo(field);
		assertThat(failure.crmMessage()).isEqualTo(errorMsg);
		assertThat(failure.retryable()).isFalse();
		assertThat(failure.text().getArguments()[2])
			.hasToString(io.callbridge.shared.Text.of("retailcrmError." + explanation).english());
		assertThat(failure.text().english()).startsWith("telephony/call/event: retailCRM refused it (HTTP " + status)
			.contains("retailCRM said: “" + errorMsg + "”.");
	}

	@Test
	void namesAMissingParameter() {
		Failure failure = (Failure) read(400, "{\"success\":false,\"errorMsg\":\"Parameter 'calls' is missing\"}");

		assertThat(failure.text().english()).contains("retailCRM missed the parameter “calls”.");
	}

	@Test
	void listsTheObjections() {
		Failure failure = (Failure) read(400, """
				{"success":false,"errorMsg":"Errors in the input parameters",
				 "errors":{"type":"This value is not valid.","codes":"This value should not be blank."}}""");

		assertThat(failure.text().english()).endsWith("retailCRM said: “Errors in the input parameters”. "
				+ "Its objections: type: This value is not valid.; codes: This value should not be blank..");
	}

	@Test
	void takesSuccessFalseAsARefusalWhateverTheStatus() {
		Failure failure = (Failure) read(200, "{\"success\":false,\"errorMsg\":\"Access denied.\"}");

		assertThat(failure.kind()).isEqualTo(Kind.REFUSED);
		assertThat(failure.field()).isEqualTo("apiKey");
	}

	@Test
	void takesServiceUnavailableAndTooManyRequestsAsItsLimit() {
		Failure busy = (Failure) read(503, "<html>503 Service Temporarily Unavailable</html>");
		Failure tooMany = (Failure) read(429, "");

		assertThat(busy.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(busy.retryable()).isTrue();
		assertThat(busy.retryAfter()).isNull();
		assertThat(tooMany.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(tooMany.text().english()).contains("HTTP 429").contains("Try again later");
	}

	@Test
	void readsRetryAfterInSecondsOrAsADate() {
		assertThat(((Failure) read(503, "", Map.of("Retry-After", "7"))).retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(((Failure) read(429, "", Map.of("Retry-After", "Sun, 01 Mar 2026 10:00:30 GMT"))).retryAfter())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(((Failure) read(503, "", Map.of("Retry-After", "soon"))).retryAfter()).isNull();
		assertThat(((Failure) read(503, "", Map.of("Retry-After", "86400"))).retryAfter())
			.isEqualTo(Duration.ofHours(1));
	}

	@Test
	void takesOtherServerErrorsAsRetailCrmUnavailable() {
		Failure json = (Failure) read(500, "{\"success\":false,\"errorMsg\":\"Internal error\"}");
		Failure html = (Failure) read(502, "<html><body>Bad Gateway</body></html>");

		assertThat(json.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(json.retryable()).isTrue();
		assertThat(json.text().english()).contains("failed with HTTP 500").contains("Internal error");
		assertThat(html.text().english()).contains("failed with HTTP 502").contains("Bad Gateway");
	}

	@Test
	void takesAWebPageAsNoAccountThere() {
		Failure failure = (Failure) read(200, "  <!DOCTYPE html><html>Welcome</html>");

		assertThat(failure.kind()).isEqualTo(Kind.NOT_AN_API);
		assertThat(failure.field()).isEqualTo("baseUrl");
		assertThat(failure.retryable()).isFalse();
		assertThat(failure.text().english()).contains("web page").contains("no retailCRM account exists there");
	}

	@Test
	void takesGarbageAsNotTheApi() {
		Failure text = (Failure) read(200, "OK");
		Failure json = (Failure) read(200, "{\"result\":\"ok\"}");
		Failure empty = (Failure) read(404, "");

		assertThat(text.kind()).isEqualTo(Kind.NOT_AN_API);
		assertThat(text.text().english()).contains("not retailCRM’s API: OK");
		assertThat(json.kind()).isEqualTo(Kind.NOT_AN_API);
		assertThat(empty.text().english()).contains("HTTP 404").contains("(empty)");
	}

	@Test
	void takesARedirectAsTheWrongAddress() {
		Failure failure = (Failure) read(301, "", Map.of("Location", "https://shop.retailcrm.ru/api/v5/"));

		assertThat(failure.kind()).isEqualTo(Kind.NOT_AN_API);
		assertThat(failure.field()).isEqualTo("baseUrl");
		assertThat(failure.text().english()).contains("redirecting to https://shop.retailcrm.ru/api/v5/");
	}

	@Test
	void neverShowsTheKeyRetailCrmEchoes() {
		String key = RetailCrmFixture.API_KEY;
		Failure refused = (Failure) read(403,
				"{\"success\":false,\"errorMsg\":\"Wrong key " + key + "\",\"errors\":{\"apiKey\":\"" + key + "\"}}");
		Failure garbage = (Failure) read(200, "key=" + key);
		Success success = (Success) read(200, "{\"success\":true,\"echo\":\"" + key + "\"}");

		assertThat(refused.text().english()).doesNotContain(key).contains("***");
		assertThat(refused.crmMessage()).doesNotContain(key);
		assertThat(garbage.text().english()).doesNotContain(key);
		assertThat(success.excerpt()).doesNotContain(key);
	}

	private static RetailCrmReply read(int status, String body) {
		return read(status, body, Map.of());
	}

	private static RetailCrmReply read(int status, String body, Map<String, String> headers) {
		HttpHeaders answer = new HttpHeaders();
		headers.forEach(answer::add);
		return RetailCrmEnvelope.read(EVENT, new ProviderHttp.Response(status, body, answer), SECRETS, CLOCK);
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\"", "\\\"") + "\"";
	}

}
