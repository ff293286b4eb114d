package io.callbridge.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.uis.UisNotificationTemplates;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes a UIS account's HTTP notifications ({@code /webhooks/uis/{token}/{event}},
 * following {@code shared/protocols/uis.md} and the design's templates in
 * {@link UisNotificationTemplates}): each request is one notification of any event type
 * with its variables filled as UIS fills them (JSON literals in a POST body, text in a
 * GET query, the secret in the query), then sent as it is (40 %), with one to three
 * variables replaced, removed or added (35 %: hostile text, numbers out of range, dates
 * that are not dates, {@code null}, a list or an object where a scalar belongs), with a
 * wrong, missing or huge secret (10 %), or as a transport oddity (15 %: invalid JSON, an
 * empty body, a body that is not an object, a form body, {@code text/plain}, an unknown
 * event, the one URL for all with or without its {@code event} field, PUT, a body over
 * the size limit). Every notification carries a {@code fuzz_seq} field (a variable UIS
 * does not have, so ignored, and never mutated), kept in the stored raw payload, so that
 * a 2xx can be checked against what was stored.
 */
final class UisFuzzer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String SEQ = "fuzz_seq";

	/** Checked and acknowledged, not stored: the end of the call carries its facts. */
	private static final String ACKNOWLEDGED_ONLY = "talk-finished";

	private final FuzzValues values;

	private final FuzzHttp http;

	private final String path;

	private final String secret;

	private final ZoneId zone;

	private final StoredAfter2xx expected = new StoredAfter2xx();

	private int seq;

	/**
	 * @param values the seeded values
	 * @param http the client
	 * @param token the account's webhook token
	 * @param secret the account's notification secret
	 * @param zone the account's zone (UIS's notification times are local)
	 */
	UisFuzzer(FuzzValues values, FuzzHttp http, String token, String secret, ZoneId zone) {
		this.values = values;
		this.http = http;
		this.path = "/webhooks/uis/" + token;
		this.secret = secret;
		this.zone = zone;
	}

	/** The notifications answered 2xx, each of which must have been stored. */
	StoredAfter2xx expected() {
		return this.expected;
	}

	/** Sends {@code requests} notifications. */
	void run(int requests, FuzzTally tally, LogCounter log) {
		for (int i = 0; i < requests; i++) {
			String slug = this.values.pick(UisNotificationTemplates.SLUGS);
			Map<String, Object> fields = plausible(slug);
			int sequence = ++this.seq;
			fields.put(SEQ, sequence);
			List<String> mutations = new ArrayList<>();
			Request request = request(slug, fields, mutations);
			String mutation = mutations.isEmpty() ? "valid" : String.join(", ", mutations);
			log.context("UIS " + slug + " [" + mutation + "]");
			FuzzHttp.Answer answer = request.send();
			tally.record("UIS " + slug, mutation, answer);
			if (answer.successful() && !ACKNOWLEDGED_ONLY.equals(slug)) {
				this.expected.expect(sequence, slug + " [" + mutation + "]");
			}
		}
	}

	/** A request ready to be sent. */
	@FunctionalInterface
	private interface Request {

		FuzzHttp.Answer send();

	}

	// What to send, its mutations described in mutations.
	private Request request(String slug, Map<String, Object> fields, List<String> mutations) {
		double kind = this.values.random().nextDouble();
		if (kind < 0.40) {
			return () -> post(slug, fields, this.secret);
		}
		if (kind < 0.75) {
			mutate(fields, mutations);
			return this.values.chance(0.8) ? () -> post(slug, fields, this.secret) : () -> get(slug, fields);
		}
		if (kind < 0.85) {
			String wrong = this.values.pick(List.of("", "wrong", this.secret + "x", "s".repeat(10_000), "%00"));
			mutations.add("secret " + (wrong.length() > 10 ? wrong.length() + " chars" : "'" + wrong + "'"));
			return () -> post(slug, fields, wrong);
		}
		return oddity(slug, fields, mutations);
	}

	// Every variable of the event, filled as UIS fills it for an ordinary call.
	private Map<String, Object> plausible(String slug) {
		Map<String, Object> fields = new LinkedHashMap<>();
		long session = 200_000_000L + this.values.between(0, 5_000);
		for (String variable : UisNotificationTemplates.variables(slug)) {
			fields.put(variable, switch (variable) {
				case "call_session_id" -> session;
				case "notification_time" -> LocalDateTime.now(this.zone).format(TIME);
				case "virtual_phone_number" -> "74950000000";
				case "contact_phone_number" -> "7916" + (1_000_000 + this.values.between(0, 50));
				case "employee_id", "leg_id" -> (long) this.values.between(1, 60);
				case "employee_ids" -> List.of((long) this.values.between(1, 60));
				case "employee_full_name", "contact_full_name", "scenario_name" -> "Fuzz " + this.values.between(0, 9);
				case "employee_phone_number" -> "7495000" + this.values.between(1000, 9999);
				case "direction" -> this.values.pick(List.of("in", "out"));
				case "external_id" -> this.values.chance(0.5) ? null : "ext-" + this.values.between(0, 99);
				case "call_source" -> this.values.pick(List.of("va", "callapi_scenario_call", "sitephone"));
				case "leg_ids" -> List.of((long) this.values.between(1, 900));
				case "file_link" -> "https://app.uiscom.ru/system/media/talk/" + session + "/x/";
				default -> (long) this.values.between(0, 600);
			});
		}
		return fields;
	}

	private void mutate(Map<String, Object> fields, List<String> mutations) {
		int count = this.values.between(1, 3);
		List<String> names = new ArrayList<>(fields.keySet());
		names.remove(SEQ);
		for (int m = 0; m < count; m++) {
			String name = this.values.chance(0.15) ? "fuzz_" + this.values.between(0, 9) : this.values.pick(names);
			double how = this.values.random().nextDouble();
			if (how < 0.15) {
				fields.remove(name);
				mutations.add(name + " removed");
				continue;
			}
			Object value;
			if (how < 0.45) {
				value = this.values.string();
			}
			else if (how < 0.65) {
				value = new RawNumber(this.values.number());
			}
			else if (how < 0.8) {
				value = this.values.date();
			}
			else if (how < 0.88) {
				value = null;
			}
			else if (how < 0.94) {
				value = List.of(this.values.string(), 1);
			}
			else {
				value = Map.of("x", this.values.string());
			}
			fields.put(name, value);
			mutations.add(name + "=" + FuzzValues.shown(String.valueOf(value)));
		}
	}

	private Request oddity(String slug, Map<String, Object> fields, List<String> mutations) {
		String json = json(fields);
		String query = "?secret=" + encode(this.secret);
		return switch (this.values.between(0, 9)) {
			case 0 -> {
				mutations.add("invalid JSON");
				yield () -> send("POST", "/" + slug + query, "application/json", json.substring(0, json.length() / 2));
			}
			case 1 -> {
				mutations.add("empty body");
				yield () -> send("POST", "/" + slug + query, "application/json", "");
			}
			case 2 -> {
				mutations.add("body not an object");
				yield () -> send("POST", "/" + slug + query, "application/json",
						this.values.pick(List.of("[]", "null", "42", "\"x\"", "[" + json + "]")));
			}
			case 3 -> {
				mutations.add("form body");
				yield () -> send("POST", "/" + slug + query, "application/x-www-form-urlencoded", form(fields));
			}
			case 4 -> {
				mutations.add("text/plain");
				yield () -> send("POST", "/" + slug + query, "text/plain", json);
			}
			case 5 -> {
				mutations.add("unknown event");
				yield () -> send("POST",
						"/" + this.values.pick(List.of("call", "CALL-INCOMING", "x".repeat(300), "%00")) + query,
						"application/json", json);
			}
			case 6 -> {
				Map<String, Object> named = new LinkedHashMap<>(fields);
				named.put("event", this.values.chance(0.5) ? slug : this.values.string());
				mutations.add("one URL, event " + FuzzValues.shown(String.valueOf(named.get("event"))));
				yield () -> send("POST", query, "application/json", json(named));
			}
			case 7 -> {
				mutations.add("one URL without event");
				yield () -> send("POST", query, "application/json", json);
			}
			case 8 -> {
				mutations.add("PUT");
				yield () -> send("PUT", "/" + slug + query, "application/json", json);
			}
			default -> {
				mutations.add("body over the limit");
				Map<String, Object> big = new LinkedHashMap<>(fields);
				big.put("scenario_name", "z".repeat(2_000_000));
				yield () -> send("POST", "/" + slug + query, "application/json", json(big));
			}
		};
	}

	private FuzzHttp.Answer post(String slug, Map<String, Object> fields, String secret) {
		return send("POST", "/" + slug + "?secret=" + encode(secret), "application/json", json(fields));
	}

	private FuzzHttp.Answer get(String slug, Map<String, Object> fields) {
		return this.http.send("GET", this.path + "/" + slug + "?" + form(fields) + "&secret=" + encode(this.secret),
				Map.of(), null);
	}

	private FuzzHttp.Answer send(String method, String pathAndQuery, String contentType, String body) {
		return this.http.send(method, this.path + pathAndQuery, Map.of("Content-Type", contentType),
				body.getBytes(StandardCharsets.UTF_8));
	}

	// JSON literals as UIS writes them; a RawNumber bare, whatever its size.
	private static String json(Map<String, Object> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> JSON.writeValueAsString(e.getKey()) + ":"
					+ ((e.getValue() instanceof RawNumber raw) ? raw.text() : JSON.writeValueAsString(e.getValue())))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String form(Map<String, Object> fields) {
		return fields.entrySet().stream().map((e) -> {
			Object value = e.getValue();
			String text = (value == null) ? "" : (value instanceof List<?> list)
					? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(value);
			return encode(e.getKey()) + "=" + encode(text);
		}).collect(Collectors.joining("&"));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A number written into the JSON as it is, out of range of every Java type or not.
	 */
	private record RawNumber(String text) {

		@Override
		public String toString() {
			return this.text;
		}

	}

}
