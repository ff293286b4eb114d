package io.callbridge.bench;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.zadarma.ZadarmaWebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.callbridge.zadarma.ZadarmaWebhookSender.fields;

/**
 * The traffic of the Zadarma webhook benchmark, as Zadarma would post it: NOTIFY_* form
 * bodies of inbound answered calls, and the call-control reply each NOTIFY_START must
 * get. Call {@code n} comes from one of {@value #NUMBERS} caller numbers: the first
 * {@value #CONTACTS} belong to a contact with a responsible agent (reply: caller name and
 * redirect to the agent's extension), the next {@value #BLACKLISTED} are blacklisted
 * (reply: busy), the rest are unknown (empty reply); it rings and is answered at one of
 * {@value #AGENTS} extensions, 100 upwards.
 */
final class ZadarmaTraffic {

	private static final Logger log = LoggerFactory.getLogger(ZadarmaTraffic.class);

	static final int AGENTS = 50;

	static final int CONTACTS = 50;

	static final int BLACKLISTED = 10;

	static final int NUMBERS = 200;

	static final int EVENTS_PER_CALL = 4;

	private static final String OUR_LINE = "34910000000";

	private static final DateTimeFormatter CALL_START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final ZoneId ZONE = ZoneId.of("Europe/Madrid");

	private static final AtomicInteger REFUSALS_LOGGED = new AtomicInteger();

	private ZadarmaTraffic() {
	}

	/** The caller number of the {@code i}-th number of the plan, as Zadarma sends it. */
	static String number(int i) {
		return String.format(Locale.ROOT, "3461%07d", 1000 + i);
	}

	static String extension(int agent) {
		return String.valueOf(100 + agent);
	}

	static String contactName(int contact) {
		return "Contact " + contact;
	}

	/** The responsible agent of a contact. */
	static int responsible(int contact) {
		return contact % AGENTS;
	}

	static Map<String, String> start(String pbxCallId, int n) {
		return fields("event", "NOTIFY_START", "call_start", now(), "pbx_call_id", pbxCallId, "caller_id", caller(n),
				"called_did", OUR_LINE);
	}

	/** The start of a call from the given number (digits, as Zadarma sends them). */
	static Map<String, String> startFrom(String pbxCallId, String caller) {
		return fields("event", "NOTIFY_START", "call_start", now(), "pbx_call_id", pbxCallId, "caller_id", caller,
				"called_did", OUR_LINE);
	}

	/** START → INTERNAL → ANSWER → END (answered, 60 s) of call {@code n}. */
	static List<Map<String, String>> answeredCall(String pbxCallId, int n) {
		String callStart = now();
		String caller = caller(n);
		String ext = extension(n % AGENTS);
		return List.of(
				fields("event", "NOTIFY_START", "call_start", callStart, "pbx_call_id", pbxCallId, "caller_id", caller,
						"called_did", OUR_LINE),
				fields("event", "NOTIFY_INTERNAL", "call_start", callStart, "pbx_call_id", pbxCallId, "caller_id",
						caller, "called_did", OUR_LINE, "internal", ext),
				fields("event", "NOTIFY_ANSWER", "call_start", callStart, "pbx_call_id", pbxCallId, "caller_id", caller,
						"destination", ext, "internal", ext),
				fields("event", "NOTIFY_END", "call_start", callStart, "pbx_call_id", pbxCallId, "caller_id", caller,
						"called_did", OUR_LINE, "internal", ext, "last_internal", ext, "duration", "60", "disposition",
						"answered", "status_code", "16", "is_recorded", "0"));
	}

	/**
	 * START → INTERNAL (ringing at {@code extension}) → END (not answered) of call
	 * {@code n}: a call that pops up on one agent's console, so never from a blacklisted
	 * number (such a call is rejected, it rings nowhere): those calls' callers are moved
	 * past the blacklisted numbers.
	 */
	static List<Map<String, String>> rungCall(String pbxCallId, int n, String extension) {
		String callStart = now();
		String caller = caller(blacklisted(n) ? n + BLACKLISTED : n);
		return List.of(
				fields("event", "NOTIFY_START", "call_start", callStart, "pbx_call_id", pbxCallId, "caller_id", caller,
						"called_did", OUR_LINE),
				fields("event", "NOTIFY_INTERNAL", "call_start", callStart, "pbx_call_id", pbxCallId, "caller_id",
						caller, "called_did", OUR_LINE, "internal", extension),
				fields("event", "NOTIFY_END", "call_start", callStart, "pbx_call_id", pbxCallId, "caller_id", caller,
						"called_did", OUR_LINE, "internal", extension, "last_internal", extension, "duration", "0",
						"disposition", "no answer", "status_code", "19", "is_recorded", "0"));
	}

	/**
	 * Posts call {@code n} in order; returns how many of its events were answered 200
	 * (the first refusals are logged).
	 */
	static int deliver(ZadarmaWebhookSender sender, String pbxCallId, int n) {
		int acknowledged = 0;
		for (Map<String, String> event : answeredCall(pbxCallId, n)) {
			HttpResponse<String> response = sender.post(event);
			if (response.statusCode() == 200) {
				acknowledged++;
			}
			else if (REFUSALS_LOGGED.getAndIncrement() < 10) {
				log.warn("{} of {} answered {}: {}", event.get("event"), pbxCallId, response.statusCode(),
						response.body());
			}
		}
		return acknowledged;
	}

	/**
	 * Whether a NOTIFY_START reply is the decision expected for call {@code n}; a late
	 * decision falls back to {@code {}} and is not.
	 */
	static boolean expected(int n, HttpResponse<String> reply) {
		int i = n % NUMBERS;
		String body = reply.body();
		if (reply.statusCode() != 200) {
			return false;
		}
		if (i < CONTACTS) {
			return body.contains("\"caller_name\":\"" + contactName(i) + "\"")
					&& body.contains("\"redirect\":\"" + extension(responsible(i)) + "\"");
		}
		return blacklisted(n) ? body.equals(StoredRejections.ANSWER) : body.equals("{}");
	}

	/** Whether call {@code n} comes from a blacklisted number (its start is rejected). */
	static boolean blacklisted(int n) {
		int i = n % NUMBERS;
		return i >= CONTACTS && i < CONTACTS + BLACKLISTED;
	}

	private static String caller(int n) {
		return number(n % NUMBERS);
	}

	private static String now() {
		return LocalDateTime.now(ZONE).format(CALL_START);
	}

}
