package io.callbridge.screenpop;

import java.util.Set;

import io.callbridge.agents.AgentAccessChanged;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Closes the open consoles of a user whose access changed, on whichever node they are
 * connected: their session has ended, so must the live stream it opened.
 */
@Component
class AccessListener {

	private final ConsoleFanOut fanOut;

	AccessListener(ConsoleFanOut fanOut) {
		this.fanOut = fanOut;
	}

	@ApplicationModuleListener
	void on(AgentAccessChanged event) {
		this.fanOut.send(Set.of(event.agentId()), new ConsoleMessage.AccessEnded());
	}

}
