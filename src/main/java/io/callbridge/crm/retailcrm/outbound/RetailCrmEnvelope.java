package io.callbridge.crm.retailcrm.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.StringJoiner;

import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Failure;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Kind;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Success;
import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderHttp;
import io.callbridge.telephony.ProviderSecrets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads retailCRM's answers: {@code {"success": true, …}} with a 2xx status is accepted;
 * {@code {"success": false, "errorMsg": …, "errors": {…}}} is a refusal explained by
 * {@link RetailCrmErrors} with the {@code errors} map listed; 503 and 429 mean its
 * request limit (with {@code Retry-After} when given); other 5xx its own failure; a web
 * page (retailCRM's answer for an account that does not exist), a redirect or anything
 * else that is not its JSON says the address is wrong. Every text is scrubbed of the
 * request's secrets, since retailCRM may echo what it was sent.
 */
final class RetailCrmEnvelope {

	/** How much of an answer is kept for the admin and the delivery log. */
	static final int EXCERPT = 1024;

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

	private RetailCrmEnvelope() {
	}

	static RetailCrmReply read(RetailCrmRequest request, ProviderHttp.Response response, ProviderSecrets secrets,
			Clock clock) {
		int status = response.status();
		String body = secrets.scrub(response.body());
		String op = request.operation();
		if (status == 503 || status == 429) {
			Duration wait = retryAfter(response.header("Retry-After"), clock);
			return new Failure(Kind.RATE_LIMITED, status, Text.of("retailcrm.rateLimited", op, status), null, null,
					wait);
		}
		JsonNode json = parse(body);
		if (status >= 500) {
			String said = (json != null) ? json.path("errorMsg").asString("") : "";
			return new Failure(Kind.UNAVAILABLE, status,
					Text.of("retailcrm.failed", op, status, Text.literal(said.isBlank() ? oneLine(body) : said)), null,
					null, null);
		}
		if (status >= 300 && status < 400) {
			String location = secrets.scrub(String.valueOf(response.header("Location")));
			return notAnApi(status, Text.of("retailcrm.redirected", op, status, location));
		}
		if (body.stripLeading().startsWith("<")) {
			return notAnApi(status, Text.of("retailcrm.webPage", op, status));
		}
		if (json == null || !json.path("success").isBoolean()) {
			return notAnApi(status, Text.of("retailcrm.notApi", op, status, Text.literal(oneLine(body))));
		}
		if (json.path("success").asBoolean() && status >= 200 && status < 300) {
			return new Success(status, json, excerpt(body));
		}
		return refusal(op, status, json);
	}

	private static Failure refusal(String op, int status, JsonNode json) {
		String said = json.path("errorMsg").asString("").strip();
		RetailCrmErrors.Explained explained = RetailCrmErrors.explain(said.isEmpty() ? null : said, status);
		String objections = objections(json.path("errors"));
		Text crmSaid = Text.literal(said.isEmpty() ? "(no message)" : said);
		Text text = objections.isEmpty() ? Text.of("retailcrm.refused", op, status, explained.text(), crmSaid) : Text
			.of("retailcrm.refusedObjecting", op, status, explained.text(), crmSaid, Text.literal(objections));
		return new Failure(Kind.REFUSED, status, text, explained.field(), said.isEmpty() ? null : said, null);
	}

	// retailCRM's errors: an object of field (or index) to message, sometimes an array.
	private static String objections(JsonNode errors) {
		StringJoiner listed = new StringJoiner("; ");
		if (errors.isObject()) {
			for (Map.Entry<String, JsonNode> error : errors.properties()) {
				listed.add(error.getKey() + ": " + text(error.getValue()));
			}
		}
		else if (errors.isArray()) {
			errors.forEach((error) -> listed.add(text(error)));
		}
		return listed.toString();
	}

	private static String text(JsonNode value) {
		return value.isString() ? value.asString() : value.toString();
	}

	private static Failure notAnApi(int status, Text text) {
		return new Failure(Kind.NOT_AN_API, status, text, RetailCrmAccess.BASE_URL, null, null);
	}

	private static @Nullable JsonNode parse(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** The first kilobyte of a text. */
	static String excerpt(String body) {
		return (body.length() > EXCERPT) ? body.substring(0, EXCERPT) + "…" : body;
	}

	private static String oneLine(String body) {
		if (body.isBlank()) {
			return "(empty)";
		}
		String line = body.strip().replaceAll("\\s+", " ");
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	/**
	 * How long {@code Retry-After} (seconds or an HTTP date) asks to wait, at most an
	 * hour; {@code null} when absent or unreadable.
	 */
	static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		Duration wait;
		if (text.matches("\\d{1,9}")) {
			wait = Duration.ofSeconds(Long.parseLong(text));
		}
		else {
			try {
				Instant until = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				wait = Duration.between(clock.instant(), until);
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		if (wait.isNegative()) {
			return Duration.ZERO;
		}
		return (wait.compareTo(LONGEST_RETRY_AFTER) > 0) ? LONGEST_RETRY_AFTER : wait;
	}

}
