package io.callbridge.screenpop;

import java.util.HashSet;
import java.util.Optional;

import io.callbridge.agents.AgentStatusChanged;
import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.screenpop.ConsoleMessage.WallboardChanged;
import io.callbridge.shared.TransactionScoped;
import io.callbridge.statistics.CallFactRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the open wallboards of a tenant that what they show changed: every call ringing,
 * answered, transferred or ended, every agent's status change, and every call counted in
 * the statistics (today's counters include it from then on) reaches the live streams of
 * the tenant's supervisors and admins, on whichever node they are connected. The browser
 * fetches the wallboard itself; the message only says that it changed. A live notice like
 * {@link CallPopListener}: sent once the publisher's transaction commits, without an
 * event publication of its own; a transaction that applies many events tells each
 * wallboard of each kind of change once. Who watches is not read from the database: each
 * node sends it to the supervisors and admins among its own open consoles
 * ({@link ConsoleFanOut#sendToWatchersLater}), a query saved for every transaction that
 * changes a call (one per ring in a burst of new calls).
 */
@Component
class WallboardListener {

	private static final Logger log = LoggerFactory.getLogger(WallboardListener.class);

	private static final String STATE = WallboardListener.class.getName() + ".sent";

	private final ConsoleFanOut fanOut;

	WallboardListener(ConsoleFanOut fanOut) {
		this.fanOut = fanOut;
	}

	@EventListener
	void on(CallRang event) {
		send(event.tenantId(), "rang");
	}

	@EventListener
	void on(CallAnswered event) {
		send(event.tenantId(), "answered");
	}

	@EventListener
	void on(CallTransferred event) {
		send(event.tenantId(), "transferred");
	}

	@EventListener
	void on(CallEnded event) {
		// A call known only from the provider's call records was never on a wallboard.
		if (!event.fromHistory()) {
			send(event.tenantId(), "ended");
		}
	}

	@EventListener
	void on(CallFactRecorded event) {
		send(event.tenantId(), "counted");
	}

	@EventListener
	void on(AgentStatusChanged event) {
		send(event.tenantId(), "status");
	}

	// Runs inside the publisher's transaction: a failure here must not undo the change.
	private void send(long tenantId, String change) {
		try {
			Optional<SentChanges> sent = sentInThisTransaction();
			if (sent.isPresent() && !sent.get().add(tenantId + "|" + change)) {
				// An ingestion lane applies many events in one transaction: the same news
				// to the same wallboards once is enough, they fetch what changed.
				return;
			}
			this.fanOut.sendToWatchersAfterCommit(tenantId, new WallboardChanged(change));
		}
		catch (RuntimeException ex) {
			log.warn("Wallboard message ({}) of tenant {} not sent", change, tenantId, ex);
		}
	}

	// The changes (tenant and change) this transaction has sent so far; empty outside a
	// transaction.
	private static Optional<SentChanges> sentInThisTransaction() {
		return TransactionScoped.value(STATE, SentChanges.class, SentChanges::new);
	}

	/** The changes one transaction has told the wallboards, as tenant and change. */
	private static final class SentChanges extends HashSet<String> {

	}

}
