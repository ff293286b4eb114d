package io.callbridge.uis;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

	final SimulatedUisClock clock;

	final ZoneId zone;

	final SimulatedUisEmployees employees;

	final SimulatedUisReports reports;

	final SimulatedUisMedia media;

	private final AtomicLong sessionIds;

	final AtomicLong legIds = new AtomicLong(700_000_000L);

	private final UisNotificationSender sender = new UisNotificationSender();

	private final Map<String, UisNotificationSender.Target> targets = new ConcurrentHashMap<>();

	private final Set<String> dropNext = ConcurrentHashMap.newKeySet();

	private final Set<String> duplicateNext = ConcurrentHashMap.newKeySet();

	private final Set<String> holdNext = ConcurrentHashMap.newKeySet();

	private final List<UisNotificationSender.Posted> dropped = new CopyOnWriteArrayList<>();

	volatile boolean recordCalls = true;

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
		UisCallScript script = new UisCallScript(this, call("in", contact, virtualNumber, null, "va"));
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
	public UisRingingCall ringInbound(String contact, String virtualNumber, long... employeeIds) {
		UisCallScript script = new UisCallScript(this, call("in", contact, virtualNumber, null, "va"));
		script.incoming();
		List<Leg> legs = new ArrayList<>();
		for (long employeeId : employeeIds) {
			legs.add(script.waiting(employeeId, 0));
		}
		script.flush();
		return new UisRingingCall(script, this.clock, legs);
	}

	/**
	 * An inbound call that rings at each employee in turn, nobody answers, the caller
	 * gives up.
	 */
	public long inboundMissed(String contact, String virtualNumber, int waitSeconds, long... employeeIds) {
		UisCallScript script = new UisCallScript(this, call("in", contact, virtualNumber, null, "va"));
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
		UisCallScript script = new UisCallScript(this, call("in", contact, virtualNumber, null, "va"));
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
		UisCallScript script = new UisCallScript(this, call);
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

	/** Whether the next notification of this type is to be held back (and forgets it). */
	boolean holds(String slug) {
		return this.holdNext.remove(slug);
	}

	/**
	 * Delivers one notification of a call, unless the test drops it, twice if it
	 * duplicates it.
	 */
	void post(Notification notification, long sessionId) {
		UisNotificationSender.Target target = this.targets.get(notification.slug());
		if (target == null) {
			return;
		}
		if (this.dropNext.remove(notification.slug())) {
			this.dropped.add(new UisNotificationSender.Posted(notification.slug(), sessionId, target.method(),
					target.url(), "", 0));
			return;
		}
		int times = this.duplicateNext.remove(notification.slug()) ? 2 : 1;
		for (int i = 0; i < times; i++) {
			this.sender.send(target, notification.slug(), sessionId, notification.vars());
		}
	}

	/** One notification of a call: its event type and variables. */
	record Notification(String slug, Map<String, Object> vars) {
	}

}
