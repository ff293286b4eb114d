package io.callbridge.uis;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.callbridge.uis.SimulatedUisCall.Leg;
import org.jspecify.annotations.Nullable;

/**
 * Plays UIS's side of calls: the scripted notification sequences of an answered,
 * missed/lost, transferred or outgoing call, each posted to the URL and template an admin
 * configured for its event type ({@link UisNotificationTemplates}), with
 * {@code notification_time} in the account's zone; then the call's rows in the reports
 * and its recording. A test may drop, duplicate or hold back (deliver last) the next
 * notification of a type. Nothing is retried, as UIS documents no retries.
 */
public final class UisCallPlayer {

	static final DateTimeFormatter NOTIFICATION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

	private final SimulatedUisClock clock;

	private final ZoneId zone;

	private final SimulatedUisEmployees employees;

	private final SimulatedUisReports reports;

	private final SimulatedUisMedia media;

	private final AtomicLong sessionIds;

	private final AtomicLong legIds = new AtomicLong(700_000_000L);

	private final UisNotificationSender sender = new UisNotificationSender();

	private final Map<String, UisNotificationSender.Target> targets = new ConcurrentHashMap<>();

	private final Set<String> dropNext = ConcurrentHashMap.newKeySet();

	private final Set<String> duplicateNext = ConcurrentHashMap.newKeySet();

	private final Set<String> holdNext = ConcurrentHashMap.newKeySet();

	private final List<UisNotificationSender.Posted> dropped = new CopyOnWriteArrayList<>();

	private volatile boolean recordCalls = true;

	private volatile int outboundTalkSeconds = 42;

	UisCallPlayer(SimulatedUisClock clock, ZoneId zone, SimulatedUisEmployees employees, SimulatedUisReports reports,
			SimulatedUisMedia media, AtomicLong sessionIds) {
		this.clock = clock;
		this.zone = zone;
		this.employees = employees;
		this.reports = reports;
		this.media = media;
		this.sessionIds = sessionIds;
	}

	/** Configures one event type as an admin would: HTTP method, URL and template. */
	public void configure(String slug, String method, String url, String template) {
		UisNotificationTemplates.variables(slug);
		this.targets.put(slug, new UisNotificationSender.Target(method, url, template));
	}

	/**
	 * Configures every event type of the design, POST with its JSON template, at
	 * {@code {base}/webhooks/uis/{token}/{slug}?secret={secret}}.
	 */
	public void configureAll(URI base, String token, String secret) {
		for (String slug : UisNotificationTemplates.SLUGS) {
			configure(slug, "POST", base + "/webhooks/uis/" + token + "/" + slug + "?secret=" + secret,
					UisNotificationTemplates.jsonTemplate(slug));
		}
	}

	/** Removes an event type's notification (UIS then sends nothing for it). */
	public void unconfigure(String slug) {
		this.targets.remove(slug);
	}

	public void recordCalls(boolean record) {
		this.recordCalls = record;
	}

	/** How calls started by start.employee_call end: talk seconds, or 0 for no answer. */
	public void outboundOutcome(int talkSeconds) {
		this.outboundTalkSeconds = talkSeconds;
	}

	/** The next notification of this type is lost (never posted). */
	public void dropNext(String slug) {
		this.dropNext.add(slug);
	}

	/** The next notification of this type is posted twice. */
	public void duplicateNext(String slug) {
		this.duplicateNext.add(slug);
	}

	/** The next notification of this type is posted after the rest of its call. */
	public void holdNext(String slug) {
		this.holdNext.add(slug);
	}

	/** Every notification posted, in order, with the HTTP status answered. */
	public List<UisNotificationSender.Posted> posted() {
		return this.sender.posted();
	}

	public List<UisNotificationSender.Posted> dropped() {
		return List.copyOf(this.dropped);
	}

	/** The event types posted for one session, in order. */
	public List<String> slugs(long sessionId) {
		return posted().stream().filter((p) -> p.sessionId() == sessionId).map((p) -> p.slug()).toList();
	}

	/**
	 * An inbound call answered by {@code employeeId} after ringing, then hung up by the
	 * caller.
	 */
	public long inboundAnswered(String contact, String virtualNumber, long employeeId, int waitSeconds,
			int talkSeconds) {
		Script script = new Script(call("in", contact, virtualNumber, null, "va"));
		script.incoming();
		Leg leg = script.waiting(employeeId, waitSeconds);
		script.talk(leg, talkSeconds);
		script.finish("caller_disconnects", leg);
		return script.deliver();
	}

	/**
	 * An inbound call ringing at these employees at once, played step by step: its
	 * call-incoming and waiting notifications are posted now, the rest when the test
	 * says.
	 */
	public RingingCall ringInbound(String contact, String virtualNumber, long... employeeIds) {
		Script script = new Script(call("in", contact, virtualNumber, null, "va"));
		script.incoming();
		List<Leg> legs = new ArrayList<>();
		for (long employeeId : employeeIds) {
			legs.add(script.waiting(employeeId, 0));
		}
		script.flush();
		return new RingingCall(script, legs);
	}

	/**
	 * An inbound call that rings at each employee in turn, nobody answers, the caller
	 * gives up.
	 */
	public long inboundMissed(String contact, String virtualNumber, int waitSeconds, long... employeeIds) {
		Script script = new Script(call("in", contact, virtualNumber, null, "va"));
		script.incoming();
		List<Long> ids = new ArrayList<>();
		for (long employeeId : employeeIds) {
			Leg leg = script.waiting(employeeId, waitSeconds / Math.max(1, employeeIds.length));
			leg.finish = this.clock.instant();
			ids.add(employeeId);
		}
		script.finish("caller_disconnects", null);
		script.send("call-lost", script.common(null), "employee_ids", ids, "wait_time_duration",
				script.call.waitSeconds(), "scenario_name", null);
		return script.deliver();
	}

	/** An inbound call answered by {@code first}, who transfers it to {@code second}. */
	public long transfer(String contact, String virtualNumber, long first, long second, int talkFirst, int talkSecond) {
		Script script = new Script(call("in", contact, virtualNumber, null, "va"));
		script.incoming();
		Leg a = script.waiting(first, 5);
		script.talk(a, talkFirst);
		Leg b = script.waiting(second, 3);
		script.talk(b, talkSecond);
		script.finish("caller_disconnects", b);
		return script.deliver();
	}

	/** The call a start.employee_call created: the employee first, then the contact. */
	void outgoing(long sessionId, long employeeId, String contact, String virtualNumber, @Nullable String externalId) {
		SimulatedUisCall call = new SimulatedUisCall(sessionId, "out", contact, virtualNumber, externalId, "callapi",
				this.clock.instant());
		Script script = new Script(call);
		Leg leg = script.waiting(employeeId, 2);
		script.send("call-outgoing", script.common(leg), "employee_phone_number", leg.phone);
		int talk = this.outboundTalkSeconds;
		if (talk > 0) {
			script.advance(6);
			call.answeredAt = this.clock.instant();
			leg.connect = call.answeredAt;
			leg.talked = true;
			script.send("talk-started", script.talkVars(leg));
			script.advance(talk);
			leg.finish = this.clock.instant();
			script.send("talk-finished", script.talkVars(leg), "talk_time_duration", leg.talkSeconds());
		}
		else {
			script.advance(30);
			leg.finish = this.clock.instant();
		}
		script.finish((talk > 0) ? "operator_disconnects" : "caller_not_responsive", (talk > 0) ? leg : null);
		script.deliver();
	}

	private SimulatedUisCall call(String direction, String contact, String virtualNumber, @Nullable String externalId,
			String source) {
		return new SimulatedUisCall(this.sessionIds.incrementAndGet(), direction, contact, virtualNumber, externalId,
				source, this.clock.instant());
	}

	/**
	 * One call's notifications, collected in order then delivered with the test's
	 * mishaps.
	 */
	private final class Script {

		private final SimulatedUisCall call;

		private final List<Notification> notifications = new ArrayList<>();

		private final List<Notification> held = new ArrayList<>();

		Script(SimulatedUisCall call) {
			this.call = call;
		}

		void incoming() {
			send("call-incoming", common(null), "contact_full_name", null, "scenario_name", "Callbridge");
			// The scenario answers the line before it reaches an employee.
			advance(1);
		}

		Leg waiting(long employeeId, int ringSeconds) {
			String phone = UisCallPlayer.this.employees.activePhones(employeeId).stream().findFirst().orElse("");
			Leg leg = this.call.leg(UisCallPlayer.this.legIds.incrementAndGet(), employeeId,
					UisCallPlayer.this.employees.fullName(employeeId), phone, UisCallPlayer.this.clock.instant());
			Map<String, Object> vars = common(leg);
			vars.put("leg_id", leg.id);
			send("waiting", vars);
			advance(ringSeconds);
			return leg;
		}

		void talk(Leg leg, int talkSeconds) {
			startTalk(leg);
			advance(talkSeconds);
			leg.finish = UisCallPlayer.this.clock.instant();
			send("talk-finished", talkVars(leg), "talk_time_duration", leg.talkSeconds());
		}

		void startTalk(Leg leg) {
			leg.connect = UisCallPlayer.this.clock.instant();
			leg.talked = true;
			if (this.call.answeredAt == null) {
				this.call.answeredAt = leg.connect;
			}
			send("talk-started", talkVars(leg));
		}

		void finish(String finishReason, @Nullable Leg talked) {
			this.call.end = UisCallPlayer.this.clock.instant();
			this.call.finishReason = finishReason;
			if (talked != null && UisCallPlayer.this.recordCalls) {
				this.call.recordId = UisCallPlayer.this.media.record(this.call.communicationId(), this.call.sessionId);
				this.call.fileLink = UisCallPlayer.this.media.fileLink(this.call.communicationId(), this.call.recordId);
			}
			send("call-finished", common(talked), "scenario_name", null, "talk_time_duration", this.call.talkSeconds(),
					"total_time_duration", this.call.totalSeconds(), "wait_time_duration", this.call.waitSeconds());
			UisCallPlayer.this.reports.addCall(this.call.callRow(UisCallPlayer.this.zone));
			this.call.legRows(UisCallPlayer.this.zone).forEach(UisCallPlayer.this.reports::addLeg);
			if (this.call.fileLink != null) {
				advance(2);
				send("recording", common(talked), "file_link", this.call.fileLink, "file_duration",
						this.call.talkSeconds());
			}
		}

		Map<String, Object> talkVars(Leg leg) {
			Map<String, Object> vars = common(leg);
			vars.put("leg_ids", List.of(leg.id));
			return vars;
		}

		Map<String, Object> common(@Nullable Leg leg) {
			Map<String, Object> vars = new LinkedHashMap<>();
			vars.put("call_session_id", this.call.sessionId);
			vars.put("notification_time", null);
			vars.put("virtual_phone_number", this.call.virtualNumber);
			vars.put("contact_phone_number", this.call.contact);
			vars.put("direction", this.call.direction);
			vars.put("external_id", this.call.externalId);
			vars.put("call_source", this.call.source);
			vars.put("employee_id", (leg != null) ? leg.employeeId : null);
			vars.put("employee_full_name", (leg != null) ? leg.fullName : null);
			return vars;
		}

		void send(String slug, Map<String, Object> vars, Object... more) {
			for (int i = 0; i < more.length; i += 2) {
				vars.put((String) more[i], more[i + 1]);
			}
			vars.put("notification_time",
					LocalDateTime.ofInstant(UisCallPlayer.this.clock.instant(), UisCallPlayer.this.zone)
						.format(NOTIFICATION_TIME));
			this.notifications.add(new Notification(slug, vars));
		}

		void advance(int seconds) {
			UisCallPlayer.this.clock.advance(Duration.ofSeconds(seconds));
		}

		/**
		 * Posts what the call sent so far, keeping back what a test holds for the end.
		 */
		void flush() {
			for (Notification notification : this.notifications) {
				if (UisCallPlayer.this.holdNext.remove(notification.slug())) {
					this.held.add(notification);
				}
				else {
					post(notification);
				}
			}
			this.notifications.clear();
		}

		long deliver() {
			flush();
			this.held.forEach(this::post);
			this.held.clear();
			return this.call.sessionId;
		}

		private void post(Notification notification) {
			UisNotificationSender.Target target = UisCallPlayer.this.targets.get(notification.slug());
			if (target == null) {
				return;
			}
			if (UisCallPlayer.this.dropNext.remove(notification.slug())) {
				UisCallPlayer.this.dropped.add(new UisNotificationSender.Posted(notification.slug(),
						this.call.sessionId, target.method(), target.url(), "", 0));
				return;
			}
			int times = UisCallPlayer.this.duplicateNext.remove(notification.slug()) ? 2 : 1;
			for (int i = 0; i < times; i++) {
				UisCallPlayer.this.sender.send(target, notification.slug(), this.call.sessionId, notification.vars());
			}
		}

	}

	/**
	 * An inbound call in progress, moved on by the test one step at a time (each step
	 * posts its notifications before returning).
	 */
	public final class RingingCall {

		private final Script script;

		private final List<Leg> ringing;

		private @Nullable Leg talking;

		private RingingCall(Script script, List<Leg> ringing) {
			this.script = script;
			this.ringing = new ArrayList<>(ringing);
		}

		public long sessionId() {
			return this.script.call.sessionId;
		}

		/** Lets the call go on for this long on the simulated clock. */
		public RingingCall after(int seconds) {
			this.script.advance(seconds);
			return this;
		}

		/** The employee picks up; the others stop ringing. */
		public RingingCall answer(long employeeId) {
			Leg leg = this.ringing.stream()
				.filter((l) -> l.employeeId == employeeId)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("Employee " + employeeId + " is not ringing"));
			this.ringing.forEach((l) -> l.finish = UisCallPlayer.this.clock.instant());
			this.ringing.clear();
			if (this.talking != null) {
				this.talking.finish = UisCallPlayer.this.clock.instant();
				this.script.send("talk-finished", this.script.talkVars(this.talking), "talk_time_duration",
						this.talking.talkSeconds());
			}
			this.script.startTalk(leg);
			this.talking = leg;
			this.script.flush();
			return this;
		}

		/** The talking employee transfers the call: {@code employeeId} starts ringing. */
		public RingingCall transferTo(long employeeId) {
			this.ringing.add(this.script.waiting(employeeId, 0));
			this.script.flush();
			return this;
		}

		/**
		 * The caller hangs up: the talk (if any) and the call finish, then the recording.
		 */
		public void hangUp() {
			Leg leg = this.talking;
			if (leg == null) {
				giveUp();
				return;
			}
			leg.finish = UisCallPlayer.this.clock.instant();
			this.script.send("talk-finished", this.script.talkVars(leg), "talk_time_duration", leg.talkSeconds());
			this.script.finish("caller_disconnects", leg);
			this.script.deliver();
		}

		/** Nobody answered and the caller gave up: the call finishes lost. */
		public void giveUp() {
			this.ringing.forEach((l) -> l.finish = UisCallPlayer.this.clock.instant());
			List<Long> ids = this.script.call.legs.stream().map((l) -> l.employeeId).toList();
			this.script.finish("caller_disconnects", null);
			this.script.send("call-lost", this.script.common(null), "employee_ids", ids, "wait_time_duration",
					this.script.call.waitSeconds(), "scenario_name", null);
			this.script.deliver();
		}

	}

	/** One notification of a call: its event type and variables. */
	private record Notification(String slug, Map<String, Object> vars) {
	}

}
