package io.callbridge.screenpop;

import java.util.Set;
import java.util.function.Supplier;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.calls.Calls;
import io.callbridge.screenpop.ConsoleMessage.CallChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes call changes to the consoles of the agents concerned: a ring to the agent rung;
 * an answer, transfer or end to everyone rung for, answering or having started the call,
 * so pop-ups elsewhere close, on whichever node their consoles are connected
 * ({@link ConsoleFanOut}).
 * <p>
 * A live notice, not a follow-up: it hears the event inside the transaction that
 * publishes it, reads who is concerned there (no connection of its own), and hands the
 * message over once that transaction commits — no event publication, no transaction of
 * its own, no retry (a pop-up retried seconds later is worse than none; the console
 * reloads its call when its stream reconnects). See "Screen-pop delivery under bursts" in
 * docs/architecture.md.
 */
@Component
class CallPopListener {

	private static final Logger log = LoggerFactory.getLogger(CallPopListener.class);

	private final ConsoleFanOut fanOut;

	private final Calls calls;

	CallPopListener(ConsoleFanOut fanOut, Calls calls) {
		this.fanOut = fanOut;
		this.calls = calls;
	}

	@EventListener
	void on(CallRang event) {
		send(() -> Set.of(event.agentId()), new CallChange(event.callId(), "rang", event.receivedAt()));
	}

	@EventListener
	void on(CallAnswered event) {
		send(() -> this.calls.participants(event.callId()),
				new CallChange(event.callId(), "answered", event.receivedAt()));
	}

	@EventListener
	void on(CallTransferred event) {
		send(() -> this.calls.participants(event.callId()),
				new CallChange(event.callId(), "transferred", event.receivedAt()));
	}

	// A call known only from the provider's call records was never on a console.
	@EventListener
	void on(CallEnded event) {
		if (event.fromHistory()) {
			return;
		}
		send(() -> this.calls.participants(event.callId()),
				new CallChange(event.callId(), "ended", event.receivedAt()));
	}

	// Runs inside the publisher's transaction: a failure here must not undo the call's
	// change, so it is logged and the pop-up given up.
	private void send(Supplier<Set<Long>> agents, CallChange change) {
		try {
			this.fanOut.sendAfterCommit(agents.get(), change);
		}
		catch (RuntimeException ex) {
			log.warn("Console message for call {} ({}) not sent", change.callId(), change.change(), ex);
		}
	}

}
