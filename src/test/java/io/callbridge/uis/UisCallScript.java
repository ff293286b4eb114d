package io.callbridge.uis;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.uis.SimulatedUisCall.Leg;
import org.jspecify.annotations.Nullable;

/**
 * One call's notifications, collected in order then delivered with the test's mishaps.
 */
final class UisCallScript {

	private final UisCallPlayer player;

	final SimulatedUisCall call;

	private final List<UisCallPlayer.Notification> notifications = new ArrayList<>();

	private final List<UisCallPlayer.Notification> held = new ArrayList<>();

	UisCallScript(UisCallPlayer player, SimulatedUisCall call) {
		this.player = player;
		this.call = call;
	}

	void incoming() {
		send("call-incoming", common(null), "contact_full_name", null, "scenario_name", "Callbridge");
		// The scenario answers the line before it reaches an employee.
		advance(1);
	}

	Leg waiting(long employeeId, int ringSeconds) {
		String phone = this.player.employees.activePhones(employeeId).stream().findFirst().orElse("");
		Leg leg = this.call.leg(this.player.legIds.incrementAndGet(), employeeId,
				this.player.employees.fullName(employeeId), phone, this.player.clock.instant());
		Map<String, Object> vars = common(leg);
		vars.put("leg_id", leg.id);
		send("waiting", vars);
		advance(ringSeconds);
		return leg;
	}

	void talk(Leg leg, int talkSeconds) {
		startTalk(leg);
		advance(talkSeconds);
		leg.finish = this.player.clock.instant();
		send("talk-finished", talkVars(leg), "talk_time_duration", leg.talkSeconds());
	}

	void startTalk(Leg leg) {
		leg.connect = this.player.clock.instant();
		leg.talked = true;
		if (this.call.answeredAt == null) {
			this.call.answeredAt = leg.connect;
		}
		send("talk-started", talkVars(leg));
	}

	void finish(String finishReason, @Nullable Leg talked) {
		this.call.end = this.player.clock.instant();
		this.call.finishReason = finishReason;
		if (talked != null && this.player.recordCalls) {
			this.call.recordId = this.player.media.record(this.call.communicationId(), this.call.sessionId);
			this.call.fileLink = this.player.media.fileLink(this.call.communicationId(), this.call.recordId);
		}
		send("call-finished", common(talked), "scenario_name", null, "talk_time_duration", this.call.talkSeconds(),
				"total_time_duration", this.call.totalSeconds(), "wait_time_duration", this.call.waitSeconds());
		this.player.reports.addCall(this.call.callRow(this.player.zone));
		this.call.legRows(this.player.zone).forEach(this.player.reports::addLeg);
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
		vars.put("notification_time", LocalDateTime.ofInstant(this.player.clock.instant(), this.player.zone)
			.format(UisCallPlayer.NOTIFICATION_TIME));
		this.notifications.add(new UisCallPlayer.Notification(slug, vars));
	}

	void advance(int seconds) {
		this.player.clock.advance(Duration.ofSeconds(seconds));
	}

	/**
	 * Posts what the call sent so far, keeping back what a test holds for the end.
	 */
	void flush() {
		for (UisCallPlayer.Notification notification : this.notifications) {
			if (this.player.holds(notification.slug())) {
				this.held.add(notification);
			}
			else {
				this.player.post(notification, this.call.sessionId);
			}
		}
		this.notifications.clear();
	}

	long deliver() {
		flush();
		this.held.forEach((n) -> this.player.post(n, this.call.sessionId));
		this.held.clear();
		return this.call.sessionId;
	}

}
