package io.callbridge.screenpop;

import java.util.LinkedHashSet;
import java.util.List;

import io.callbridge.agents.AgentStatusChanged;
import io.callbridge.agents.Agents;
import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.screenpop.ConsoleMessage.WallboardChanged;
import io.callbridge.statistics.CallFactRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the open wallboards of a tenant that what they show changed: every call ringing,
 * answered, transferred or ended, every agent's status change, and every call counted in
 * the statistics (today's counters include it from then on) reaches the live streams of
 * the tenant's enabled supervisors and admins, on whichever node they are connected. The
 * browser fetches the wallboard itself; the message only says that it changed.
 */
@Component
class WallboardListener {

	/**
	 * Users per message: a PostgreSQL notification carries at most 8,000 bytes, so a
	 * tenant with very many supervisors is told in several.
	 */
	static final int USERS_PER_MESSAGE = 200;

	private final ConsoleFanOut fanOut;

	private final Agents agents;

	WallboardListener(ConsoleFanOut fanOut, Agents agents) {
		this.fanOut = fanOut;
		this.agents = agents;
	}

	@ApplicationModuleListener
	void on(CallRang event) {
		send(event.tenantId(), "rang");
	}

	@ApplicationModuleListener
	void on(CallAnswered event) {
		send(event.tenantId(), "answered");
	}

	@ApplicationModuleListener
	void on(CallTransferred event) {
		send(event.tenantId(), "transferred");
	}

	@ApplicationModuleListener
	void on(CallEnded event) {
		// A call known only from the provider's call records was never on a wallboard.
		if (!event.fromHistory()) {
			send(event.tenantId(), "ended");
		}
	}

	@ApplicationModuleListener
	void on(CallFactRecorded event) {
		send(event.tenantId(), "counted");
	}

	@ApplicationModuleListener
	void on(AgentStatusChanged event) {
		send(event.tenantId(), "status");
	}

	private void send(long tenantId, String change) {
		List<Long> watchers = this.agents.enabledSupervisorIds(tenantId);
		for (int from = 0; from < watchers.size(); from += USERS_PER_MESSAGE) {
			List<Long> part = watchers.subList(from, Math.min(from + USERS_PER_MESSAGE, watchers.size()));
			this.fanOut.send(new LinkedHashSet<>(part), new WallboardChanged(change));
		}
	}

}
