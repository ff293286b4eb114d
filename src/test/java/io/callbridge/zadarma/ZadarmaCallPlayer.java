package io.callbridge.zadarma;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.callbridge.zadarma.SimulatedPbx.StatisticRow;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays Zadarma's side of calls to the account's webhook: NOTIFY_* sequences signed with
 * the account's secret (only the notifications switched on, only when a URL is set),
 * applying the CRM's reply to NOTIFY_START (redirect, blacklist, hang-up) as the PBX
 * would, and writing each call into the statistics log and recordings.
 */
public final class ZadarmaCallPlayer {

	private final SimulatedPbx pbx;

	private final Supplier<String> secret;

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	private final List<String> startReplies = new CopyOnWriteArrayList<>();

	private volatile boolean recordCalls;

	private volatile String callbackDisposition = "answered";

	private volatile int callbackTalkSeconds = 30;

	ZadarmaCallPlayer(SimulatedPbx pbx, Supplier<String> secret) {
		this.pbx = pbx;
		this.secret = secret;
	}

	/** Whether answered calls are recorded (then NOTIFY_RECORD follows the end). */
	public void recordCalls(boolean record) {
		this.recordCalls = record;
	}

	/** How the next click-to-call calls end: disposition and talk time when answered. */
	public void callbackOutcome(String disposition, int talkSeconds) {
		this.callbackDisposition = disposition;
		this.callbackTalkSeconds = talkSeconds;
	}

	/** Every notification sent, with the webhook's answer. */
	public List<Sent> sent() {
		return List.copyOf(this.sent);
	}

	/** The CRM's reply bodies to NOTIFY_START, in order. */
	public List<String> startReplies() {
		return List.copyOf(this.startReplies);
	}

	/** The events of the notifications sent for one call, in order. */
	public List<String> events(String pbxCallId) {
		return this.sent.stream()
			.filter((s) -> pbxCallId.equals(s.fields().get("pbx_call_id")))
			.map((s) -> s.fields().get("event"))
			.toList();
	}

	/** Click-to-call: the agent's extension {@code from} rings first, then {@code to}. */
	public String playCallback(String from, String to) {
		String id = SimulatedPbx.newPbxCallId("out_");
		String start = now();
		boolean answered = "answered".equals(this.callbackDisposition);
		String rec = (answered && this.recordCalls) ? SimulatedPbx.newCallId() : null;
		int talk = answered ? this.callbackTalkSeconds : 0;
		send(fields("NOTIFY_OUT_START", id, start, "internal", from, "destination", to, "caller_id", "0"));
		if (answered) {
			send(fields("NOTIFY_ANSWER", id, start, "caller_id", from, "destination", to, "internal", from));
		}
		send(end("NOTIFY_OUT_END", id, start, rec, this.callbackDisposition, talk, "caller_id", from, "destination", to,
				"internal", from));
		log(id, start, rec, from, from, to, this.callbackDisposition, talk);
		record(id, rec);
		return id;
	}

	/**
	 * START → INTERNAL → ANSWER → END(answered) (→ RECORD), or what NOTIFY_START's reply
	 * asks.
	 */
	public String playAnsweredInbound(String caller, String did, String extension, int talkSeconds) {
		return inbound(caller, did, List.of(extension), "answered", talkSeconds);
	}

	/** START → INTERNAL per extension → END with {@code cancel} or {@code no answer}. */
	public String playMissedInbound(String caller, String did, String disposition, String... extensions) {
		return inbound(caller, did, List.of(extensions), disposition, 0);
	}

	/** START → INTERNAL → END(busy). */
	public String playBusyInbound(String caller, String did, String extension) {
		return inbound(caller, did, List.of(extension), "busy", 0);
	}

	/** Answered by {@code first}, transferred to {@code second}, who ends the call. */
	public String playTransferredInbound(String caller, String did, String first, String second, int talkSeconds) {
		String id = SimulatedPbx.newPbxCallId("in_");
		String start = now();
		sendStart(id, start, caller, did);
		send(fields("NOTIFY_INTERNAL", id, start, "caller_id", caller, "called_did", did, "internal", first));
		send(fields("NOTIFY_ANSWER", id, start, "caller_id", caller, "destination", first, "internal", first));
		send(fields("NOTIFY_INTERNAL", id, start, "caller_id", caller, "called_did", did, "internal", second,
				"transfer_from", first, "transfer_type", "blind"));
		send(fields("NOTIFY_ANSWER", id, start, "caller_id", caller, "destination", second, "internal", second,
				"transfer_from", first));
		String rec = this.recordCalls ? SimulatedPbx.newCallId() : null;
		send(end("NOTIFY_END", id, start, rec, "answered", talkSeconds, "caller_id", caller, "called_did", did,
				"internal", second, "last_internal", second));
		log(id, start, null, did, caller, first, "answered", 5);
		// The second leg starts when the first one hands the call over, as in Zadarma's
		// statistics; with the same start the legs' order would be left to chance.
		log(id, later(start, 5), rec, did, caller, second, "answered", talkSeconds);
		record(id, rec);
		return id;
	}

	/**
	 * An inbound call played one notification at a time, so a test can look at the CRM
	 * between them: NOTIFY_START, then NOTIFY_INTERNAL for each extension rung; the
	 * returned call is answered and ended by the test.
	 */
	public RingingCall ringInbound(String caller, String did, String... extensions) {
		String id = SimulatedPbx.newPbxCallId("in_");
		String start = now();
		sendStart(id, start, caller, did);
		for (String ext : extensions) {
			send(fields("NOTIFY_INTERNAL", id, start, "caller_id", caller, "called_did", did, "internal", ext));
		}
		return new RingingCall(id, start, caller, did);
	}

	/** NOTIFY_RECORD for a call, and the recording becomes downloadable. */
	public void playRecording(String pbxCallId, String callIdWithRec) {
		this.pbx.addRecording(callIdWithRec, pbxCallId);
		send(fields("NOTIFY_RECORD", pbxCallId, null, "call_id_with_rec", callIdWithRec));
	}

	private String inbound(String caller, String did, List<String> extensions, String disposition, int talk) {
		String id = SimulatedPbx.newPbxCallId("in_");
		String start = now();
		JsonNode reply = sendStart(id, start, caller, did);
		String redirect = reply.path("redirect").asString("");
		if (reply.path("hangup").asInt(0) == 1 || "blacklist".equals(redirect)) {
			String how = "blacklist".equals(redirect) ? "busy" : "cancel";
			send(end("NOTIFY_END", id, start, null, how, 0, "caller_id", caller, "called_did", did));
			log(id, start, null, did, caller, did, how, 0);
			return id;
		}
		List<String> targets = redirect.matches("\\d{3}") ? List.of(redirect) : extensions;
		targets.forEach((ext) -> send(
				fields("NOTIFY_INTERNAL", id, start, "caller_id", caller, "called_did", did, "internal", ext)));
		boolean answered = "answered".equals(disposition);
		String last = targets.get(targets.size() - 1);
		String rec = (answered && this.recordCalls) ? SimulatedPbx.newCallId() : null;
		if (answered) {
			send(fields("NOTIFY_ANSWER", id, start, "caller_id", caller, "destination", last, "internal", last));
			send(end("NOTIFY_END", id, start, rec, disposition, talk, "caller_id", caller, "called_did", did,
					"internal", last, "last_internal", last));
		}
		else {
			send(end("NOTIFY_END", id, start, null, disposition, 0, "caller_id", caller, "called_did", did));
		}
		log(id, start, rec, did, caller, last, disposition, talk);
		record(id, rec);
		return id;
	}

	private JsonNode sendStart(String id, String start, String caller, String did) {
		Sent sent = send(fields("NOTIFY_START", id, start, "caller_id", caller, "called_did", did));
		if (sent == null) {
			return JsonMapper.shared().createObjectNode();
		}
		this.startReplies.add(sent.body());
		try {
			JsonNode reply = JsonMapper.shared().readTree(sent.body());
			return (reply != null && reply.isObject()) ? reply : JsonMapper.shared().createObjectNode();
		}
		catch (JacksonException ex) {
			return JsonMapper.shared().createObjectNode();
		}
	}

	private Sent send(Map<String, String> fields) {
		if (!this.pbx.notifies(fields.get("event"))) {
			return null;
		}
		Sent sent;
		try {
			HttpResponse<String> response = new ZadarmaWebhookSender(this.pbx.callInfoUrl(), this.secret.get())
				.post(fields);
			sent = new Sent(fields, response.statusCode(), response.body());
		}
		catch (IllegalStateException ex) {
			sent = new Sent(fields, -1, String.valueOf(ex.getMessage()));
		}
		this.sent.add(sent);
		return sent;
	}

	private void log(String id, String start, String rec, String sip, String clid, String destination,
			String disposition, int seconds) {
		this.pbx.addCall(new StatisticRow((rec != null) ? rec : SimulatedPbx.newCallId(), sip,
				LocalDateTime.parse(start, SimulatedPbx.DATE_TIME), clid, destination, disposition, seconds,
				rec != null, id));
	}

	private static String later(String start, int seconds) {
		return SimulatedPbx.DATE_TIME.format(LocalDateTime.parse(start, SimulatedPbx.DATE_TIME).plusSeconds(seconds));
	}

	private void record(String id, String rec) {
		if (rec != null) {
			playRecording(id, rec);
		}
	}

	private String now() {
		return SimulatedPbx.DATE_TIME.format(this.pbx.localNow());
	}

	private static Map<String, String> end(String event, String id, String start, String rec, String disposition,
			int talk, String... more) {
		Map<String, String> fields = fields(event, id, start, more);
		fields.put("duration", Integer.toString(talk));
		fields.put("disposition", disposition);
		fields.put("status_code", "answered".equals(disposition) ? "16" : "busy".equals(disposition) ? "17" : "19");
		fields.put("is_recorded", (rec != null) ? "1" : "0");
		if (rec != null) {
			fields.put("call_id_with_rec", rec);
		}
		return fields;
	}

	private static Map<String, String> fields(String event, String id, String start, String... more) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("event", event);
		if (start != null) {
			fields.put("call_start", start);
		}
		fields.put("pbx_call_id", id);
		for (int i = 0; i < more.length; i += 2) {
			fields.put(more[i], more[i + 1]);
		}
		return fields;
	}

	/** An inbound call being played step by step (see {@link #ringInbound}). */
	public final class RingingCall {

		private final String id;

		private final String start;

		private final String caller;

		private final String did;

		private volatile String answeredBy;

		private RingingCall(String id, String start, String caller, String did) {
			this.id = id;
			this.start = start;
			this.caller = caller;
			this.did = did;
		}

		public String pbxCallId() {
			return this.id;
		}

		/** NOTIFY_ANSWER: {@code extension} picks up. */
		public void answer(String extension) {
			this.answeredBy = extension;
			send(fields("NOTIFY_ANSWER", this.id, this.start, "caller_id", this.caller, "destination", extension,
					"internal", extension));
		}

		/** NOTIFY_END: answered after {@code talkSeconds} if answered, else cancelled. */
		public void hangUp(int talkSeconds) {
			String last = this.answeredBy;
			if (last != null) {
				send(ZadarmaCallPlayer.end("NOTIFY_END", this.id, this.start, null, "answered", talkSeconds,
						"caller_id", this.caller, "called_did", this.did, "internal", last, "last_internal", last));
				log(this.id, this.start, null, this.did, this.caller, last, "answered", talkSeconds);
			}
			else {
				send(ZadarmaCallPlayer.end("NOTIFY_END", this.id, this.start, null, "cancel", 0, "caller_id",
						this.caller, "called_did", this.did));
				log(this.id, this.start, null, this.did, this.caller, this.did, "cancel", 0);
			}
		}

	}

	/**
	 * One notification delivered to the webhook.
	 *
	 * @param fields the posted fields
	 * @param status the webhook's HTTP status, or -1 if it could not be reached
	 * @param body the webhook's reply
	 */
	public record Sent(Map<String, String> fields, int status, String body) {
	}

}
