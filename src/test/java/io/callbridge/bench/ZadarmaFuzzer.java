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
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.zadarma.ZadarmaHmac;
import org.jspecify.annotations.Nullable;

/**
 * Generates Zadarma call-notification webhooks as Zadarma posts them (docs:
 * {@code shared/protocols/zadarma.md} §3.3): whole calls with valid signatures; single
 * notifications with one or two fields replaced by hostile values (NUL bytes, overlong,
 * Unicode, bad dates, absurd durations) and signed correctly over the mutated fields;
 * wrong, missing and garbage signatures; unknown URLs; {@code zd_echo} checks; and
 * transport oddities (JSON or multipart bodies, invalid UTF-8, query strings, other
 * methods). Every notification carries a {@code fuzz_seq} field, kept in the stored raw
 * payload, so that a 2xx can be checked against what was stored.
 */
final class ZadarmaFuzzer {

	/** Events Callbridge stores (NOTIFY_IVR is acknowledged and not kept). */
	static final Set<String> STORED_EVENTS = Set.of("NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_ANSWER", "NOTIFY_END",
			"NOTIFY_OUT_START", "NOTIFY_OUT_END", "NOTIFY_RECORD");

	private static final List<String> EVENTS = List.of("NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_ANSWER", "NOTIFY_END",
			"NOTIFY_OUT_START", "NOTIFY_OUT_END", "NOTIFY_RECORD", "NOTIFY_IVR");

	private static final DateTimeFormatter CALL_START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final String OUR_LINE = "34910000000";

	private final FuzzValues values;

	private final FuzzHttp http;

	private final String token;

	private final String secret;

	private final ZoneId zone;

	private final StoredAfter2xx expected = new StoredAfter2xx();

	private int seq;

	private int sent;

	ZadarmaFuzzer(FuzzValues values, FuzzHttp http, String token, String secret, ZoneId zone) {
		this.values = values;
		this.http = http;
		this.token = token;
		this.secret = secret;
		this.zone = zone;
	}

	StoredAfter2xx expected() {
		return this.expected;
	}

	void run(int requests, FuzzTally tally, LogCounter log) {
		while (this.sent < requests) {
			double roll = this.values.random().nextDouble();
			if (roll < 0.3) {
				wholeCall(tally, log);
			}
			else if (roll < 0.75) {
				Map<String, String> fields = notification(this.values.pick(EVENTS), "fz-" + (this.seq + 1));
				String mutation = mutate(fields);
				post(fields, sign(fields), mutation, true, tally, log);
			}
			else if (roll < 0.85) {
				badSignature(tally, log);
			}
			else {
				transport(tally, log);
			}
		}
	}

	private void wholeCall(FuzzTally tally, LogCounter log) {
		String call = "fz-call-" + (this.seq + 1);
		LocalDateTime start = LocalDateTime.now(this.zone).minusSeconds(90);
		List<String> events = switch (this.values.random().nextInt(3)) {
			case 0 -> List.of("NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_ANSWER", "NOTIFY_END", "NOTIFY_RECORD");
			case 1 -> List.of("NOTIFY_OUT_START", "NOTIFY_OUT_END");
			default -> List.of("NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_END");
		};
		for (String event : events) {
			Map<String, String> fields = notification(event, call);
			fields.put("call_start", start.format(CALL_START));
			if (events.size() == 3 && event.equals("NOTIFY_END")) {
				fields.put("disposition", "no answer");
				fields.put("duration", "0");
			}
			post(fields, sign(fields), "whole call", true, tally, log);
		}
	}

	/** A valid notification of this event for this call, with its sequence number. */
	private Map<String, String> notification(String event, String call) {
		String callStart = LocalDateTime.now(this.zone).minusSeconds(30).format(CALL_START);
		String caller = "3461" + (1_000_000 + this.values.random().nextInt(8_000_000));
		String ext = String.valueOf(this.values.between(100, 119));
		Map<String, String> f = new LinkedHashMap<>();
		f.put("event", event);
		f.put("fuzz_seq", String.valueOf(++this.seq));
		f.put("pbx_call_id", event.startsWith("NOTIFY_OUT") ? "out_" + call : "in_" + call);
		switch (event) {
			case "NOTIFY_RECORD" -> f.put("call_id_with_rec", call + ".rec");
			case "NOTIFY_OUT_START", "NOTIFY_OUT_END" -> {
				f.put("call_start", callStart);
				f.put("internal", ext);
				f.put("destination", caller);
			}
			default -> {
				f.put("call_start", callStart);
				f.put("caller_id", caller);
				if (event.equals("NOTIFY_ANSWER")) {
					f.put("destination", ext);
				}
				else {
					f.put("called_did", OUR_LINE);
				}
				if (!event.equals("NOTIFY_START") && !event.equals("NOTIFY_IVR")) {
					f.put("internal", ext);
				}
			}
		}
		if (event.endsWith("_END")) {
			f.put("duration", "20");
			f.put("disposition", "answered");
			f.put("status_code", "16");
			f.put("is_recorded", "1");
			f.put("call_id_with_rec", call + ".rec");
			f.put("last_internal", ext);
		}
		return f;
	}

	// One or two fields replaced (or added); the call id stays unique to this request so
	// that no mutated notification is a legitimate duplicate of another.
	private String mutate(Map<String, String> fields) {
		List<String> what = new ArrayList<>();
		int count = this.values.chance(0.3) ? 2 : 1;
		for (int i = 0; i < count; i++) {
			List<String> names = new ArrayList<>(fields.keySet());
			names.remove("fuzz_seq");
			names.addAll(List.of("transfer_from", "caller_name", "wait_dtmf", "\u0000odd", "x".repeat(300)));
			String name = this.values.pick(names);
			String value = hostile(name);
			if (name.equals("pbx_call_id")) {
				value = this.values.chance(0.5) ? value + "-" + this.seq : "in_" + this.seq + value;
			}
			fields.put(name, value);
			what.add(ApiFuzzer.abbreviate(name) + "=" + ApiFuzzer.abbreviate(value));
		}
		return fields.get("event") + " " + String.join(", ", what);
	}

	private String hostile(String name) {
		return switch (this.values.random().nextInt(name.equals("call_start") ? 4 : 7)) {
			case 0 -> this.values.string();
			case 1 -> this.values.date();
			case 2 -> LocalDateTime.now(this.zone).plusDays(this.values.between(-400, 400)).format(CALL_START);
			case 3 -> "2026-02-30 25:61:61";
			case 4 -> this.values.number();
			case 5 -> "a" + FuzzValues.NUL.repeat(this.values.between(1, 5)) + "b";
			default -> "w".repeat(this.values.pick(List.of(201, 301, 2_001, 65_536, 1_000_000)));
		};
	}

	private String sign(Map<String, String> f) {
		String signed = switch (f.getOrDefault("event", "")) {
			case "NOTIFY_ANSWER" -> v(f, "caller_id") + v(f, "destination") + v(f, "call_start");
			case "NOTIFY_OUT_START", "NOTIFY_OUT_END" -> v(f, "internal") + v(f, "destination") + v(f, "call_start");
			case "NOTIFY_RECORD" -> v(f, "pbx_call_id") + v(f, "call_id_with_rec");
			default -> v(f, "caller_id") + v(f, "called_did") + v(f, "call_start");
		};
		return ZadarmaHmac.sign(this.secret, signed);
	}

	private void badSignature(FuzzTally tally, LogCounter log) {
		Map<String, String> fields = notification(this.values.pick(EVENTS), "fz-" + (this.seq + 1));
		String signature = switch (this.values.random().nextInt(6)) {
			case 0 -> null;
			case 1 -> ZadarmaHmac.sign("not-the-secret", "x");
			case 2 -> "%%%not base64";
			case 3 -> "";
			case 4 -> "A".repeat(8_000);
			default -> sign(notification("NOTIFY_START", "other"));
		};
		post(fields, signature, "bad signature " + ApiFuzzer.abbreviate(String.valueOf(signature)), false, tally, log);
	}

	private void transport(FuzzTally tally, LogCounter log) {
		Map<String, String> fields = notification(this.values.pick(EVENTS), "fz-" + (this.seq + 1));
		String signature = sign(fields);
		String path = "/webhooks/zadarma/" + this.token;
		int kind = this.values.random().nextInt(12);
		String what = "transport " + kind;
		log.context("webhook " + what);
		boolean storable = false;
		FuzzHttp.Answer answer = switch (kind) {
			case 0 -> send("POST", path, "application/json", signature, json(fields));
			case 1 -> {
				storable = true;
				yield send("POST", path, "multipart/form-data; boundary=zdfuzz", signature, multipart(fields));
			}
			case 2 -> send("POST", path, FORM, signature,
					("caller_id=%FF%FE&" + form(fields)).getBytes(StandardCharsets.UTF_8));
			case 3 -> {
				byte[] body = form(fields).getBytes(StandardCharsets.UTF_8);
				byte[] broken = new byte[body.length + 3];
				System.arraycopy(body, 0, broken, 0, body.length);
				broken[body.length] = '&';
				broken[body.length + 1] = (byte) 0xC3;
				broken[body.length + 2] = (byte) 0x28;
				yield send("POST", path, FORM, signature, broken);
			}
			case 4 -> send("POST", path, FORM, signature, new byte[0]);
			case 5 -> {
				storable = true;
				yield send("GET", path + "?" + form(fields), null, signature, null);
			}
			case 6 -> {
				storable = true;
				yield send("PUT", path, FORM, signature, form(fields).getBytes(StandardCharsets.UTF_8));
			}
			case 7 -> send("POST", "/webhooks/zadarma/" + this.values.id(), FORM, signature,
					form(fields).getBytes(StandardCharsets.UTF_8));
			case 8 -> send("GET", path + "?zd_echo=" + enc(this.values.string()), null, null, null);
			case 9 -> send("POST", "/webhooks/zadarma/" + this.values.id() + "?zd_echo=abc", null, null, null);
			case 10 ->
				send("POST", path, FORM, signature, (form(fields) + "&=1&%=2&a=%zz").getBytes(StandardCharsets.UTF_8));
			default -> send("POST", path, "text/plain", signature, form(fields).getBytes(StandardCharsets.UTF_8));
		};
		record(fields, storable, what, answer, tally, log);
	}

	private void post(Map<String, String> fields, @Nullable String signature, String what, boolean validSignature,
			FuzzTally tally, LogCounter log) {
		log.context("webhook " + what);
		FuzzHttp.Answer answer = send("POST", "/webhooks/zadarma/" + this.token, FORM, signature,
				form(fields).getBytes(StandardCharsets.UTF_8));
		record(fields, validSignature, what, answer, tally, log);
	}

	private void record(Map<String, String> fields, boolean storable, String what, FuzzHttp.Answer answer,
			FuzzTally tally, LogCounter log) {
		this.sent++;
		String event = fields.get("event");
		tally.record("webhook " + (EVENTS.contains(event) ? event : "(mutated event)"), what, answer);
		String callId = fields.get("pbx_call_id");
		if (storable && answer.successful() && STORED_EVENTS.contains(fields.get("event")) && callId != null
				&& !callId.isEmpty()) {
			this.expected.expect(Integer.parseInt(fields.get("fuzz_seq")), what);
		}
	}

	private FuzzHttp.Answer send(String method, String path, @Nullable String contentType, @Nullable String signature,
			byte @Nullable [] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (contentType != null) {
			headers.put("Content-Type", contentType);
		}
		if (signature != null) {
			headers.put("Signature", signature);
		}
		return this.http.send(method, path, headers, body);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static byte[] json(Map<String, String> fields) {
		return tools.jackson.databind.json.JsonMapper.shared()
			.writeValueAsString(fields)
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] multipart(Map<String, String> fields) {
		StringBuilder body = new StringBuilder();
		fields.forEach((k, v) -> body.append("--zdfuzz\r\nContent-Disposition: form-data; name=\"")
			.append(k.replace("\"", "%22").replace("\r", "").replace("\n", ""))
			.append("\"\r\n\r\n")
			.append(v)
			.append("\r\n"));
		body.append("--zdfuzz--\r\n");
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String v(Map<String, String> fields, String name) {
		return fields.getOrDefault(name, "");
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
