package io.callbridge.screenpop;

import java.util.Set;

import io.callbridge.agents.AgentStatusChanged;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the agent's open consoles that their status changed, on whichever node they are
 * connected, so every tab's selector shows it (also when a supervisor changed it).
 */
@Component
class StatusListener {

	private final ConsoleFanOut fanOut;

	StatusListener(ConsoleFanOut fanOut) {
		this.fanOut = fanOut;
	}

	@ApplicationModuleListener
	void on(AgentStatusChanged event) {
		this.fanOut.send(Set.of(event.agentId()), new ConsoleMessage.StatusChanged(event.status()));
	}

}
