package io.callbridge.uis;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.uis.SimulatedUisCall.Leg;
import org.jspecify.annotations.Nullable;

/**
 * An inbound call in progress, moved on by the test one step at a time (each step posts
 * its notifications before returning).
 */
public final class UisRingingCall {

	private final UisCallScript script;

	private final SimulatedUisClock clock;

	private final List<Leg> ringing;

	private @Nullable Leg talking;

	UisRingingCall(UisCallScript script, SimulatedUisClock clock, List<Leg> ringing) {
		this.script = script;
		this.clock = clock;
		this.ringing = new ArrayList<>(ringing);
	}

	public long sessionId() {
		return this.script.call.sessionId;
	}

	/** Lets the call go on for this long on the simulated clock. */
	public UisRingingCall after(int seconds) {
		this.script.advance(seconds);
		return this;
	}

	/** The employee picks up; the others stop ringing. */
	public UisRingingCall answer(long employeeId) {
		Leg leg = this.ringing.stream()
			.filter((l) -> l.employeeId == employeeId)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Employee " + employeeId + " is not ringing"));
		this.ringing.forEach((l) -> l.finish = this.clock.instant());
		this.ringing.clear();
		if (this.talking != null) {
			this.talking.finish = this.clock.instant();
			this.script.send("talk-finished", this.script.talkVars(this.talking), "talk_time_duration",
					this.talking.talkSeconds());
		}
		this.script.startTalk(leg);
		this.talking = leg;
		this.script.flush();
		return this;
	}

	/** The talking employee transfers the call: {@code employeeId} starts ringing. */
	public UisRingingCall transferTo(long employeeId) {
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
		leg.finish = this.clock.instant();
		this.script.send("talk-finished", this.script.talkVars(leg), "talk_time_duration", leg.talkSeconds());
		this.script.finish("caller_disconnects", leg);
		this.script.deliver();
	}

	/** Nobody answered and the caller gave up: the call finishes lost. */
	public void giveUp() {
		this.ringing.forEach((l) -> l.finish = this.clock.instant());
		List<Long> ids = this.script.call.legs.stream().map((l) -> l.employeeId).toList();
		this.script.finish("caller_disconnects", null);
		this.script.send("call-lost", this.script.common(null), "employee_ids", ids, "wait_time_duration",
				this.script.call.waitSeconds(), "scenario_name", null);
		this.script.deliver();
	}

}
