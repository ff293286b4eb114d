package io.callbridge.screenpop;

import java.util.Set;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.calls.Calls;
import io.callbridge.screenpop.ConsoleMessage.CallChange;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Pushes call changes to the consoles of the agents concerned: a ring to the agent rung;
 * an answer, transfer or end to everyone rung for, answering or having started the call,
 * so pop-ups elsewhere close, on whichever node their consoles are connected
 * ({@link ConsoleFanOut}). Runs after the event's transaction commits and is retried from
 * the event publication registry if it fails.
 */
@Component
class CallPopListener {

	private final ConsoleFanOut fanOut;

	private final Calls calls;

	CallPopListener(ConsoleFanOut fanOut, Calls calls) {
		this.fanOut = fanOut;
		this.calls = calls;
	}

	@ApplicationModuleListener
	void on(CallRang event) {
		send(Set.of(event.agentId()), new CallChange(event.callId(), "rang", event.receivedAt()));
	}

	@ApplicationModuleListener
	void on(CallAnswered event) {
		send(this.calls.participants(event.callId()), new CallChange(event.callId(), "answered", event.receivedAt()));
	}

	@ApplicationModuleListener
	void on(CallTransferred event) {
		send(this.calls.participants(event.callId()),
				new CallChange(event.callId(), "transferred", event.receivedAt()));
	}

	@ApplicationModuleListener
	void on(CallEnded event) {
		send(this.calls.participants(event.callId()), new CallChange(event.callId(), "ended", event.receivedAt()));
	}

	private void send(Set<Long> agents, CallChange change) {
		this.fanOut.send(agents, change);
	}

}
