package io.callbridge.screenpop;

import java.util.Set;

import io.callbridge.agents.AgentStatusChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the agent's open consoles that their status changed, on whichever node they are
 * connected, so every tab's selector shows it (also when a supervisor changed it). A live
 * notice like {@link CallPopListener}: sent once the change commits, without an event
 * publication of its own.
 */
@Component
class StatusListener {

	private final ConsoleFanOut fanOut;

	StatusListener(ConsoleFanOut fanOut) {
		this.fanOut = fanOut;
	}

	@EventListener
	void on(AgentStatusChanged event) {
		this.fanOut.sendAfterCommit(Set.of(event.agentId()), new ConsoleMessage.StatusChanged(event.status()));
	}

}
