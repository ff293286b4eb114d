package io.callbridge.screenpop;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.callbridge.agents.AgentStatusChanged;
import io.callbridge.agents.Agents;
import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.screenpop.ConsoleMessage.WallboardChanged;
import io.callbridge.shared.ConfigCache;
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
 * the tenant's enabled supervisors and admins, on whichever node they are connected (who
 * they are is read through the tenant's {@link ConfigCache}: no query per transaction).
 * The browser fetches the wallboard itself; the message only says that it changed. A live
 * notice like {@link CallPopListener}: the watchers are read in the publisher's
 * transaction and told once it commits, without an event publication of its own; a
 * transaction that applies many events tells each wallboard of each kind of change once.
 */
@Component
class WallboardListener {

	/**
	 * Users per message: a PostgreSQL notification carries at most 8,000 bytes, so a
	 * tenant with very many supervisors is told in several.
	 */
	static final int USERS_PER_MESSAGE = 200;

	private static final Logger log = LoggerFactory.getLogger(WallboardListener.class);

	private static final String STATE = WallboardListener.class.getName() + ".sent";

	private static final String WATCHERS = "wallboard-watchers";

	private final ConsoleFanOut fanOut;

	private final Agents agents;

	private final ConfigCache config;

	WallboardListener(ConsoleFanOut fanOut, Agents agents, ConfigCache config) {
		this.fanOut = fanOut;
		this.agents = agents;
		this.config = config;
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
			Optional<Sent> sent = sentInThisTransaction();
			if (sent.isPresent() && !sent.get().changes().add(tenantId + "|" + change)) {
				// An ingestion lane applies many events in one transaction: the same news
				// to the same wallboards once is enough, they fetch what changed.
				return;
			}
			List<Long> watchers = this.config.get(WATCHERS, tenantId, tenantId,
					() -> List.copyOf(this.agents.enabledSupervisorIds(tenantId)));
			for (int from = 0; from < watchers.size(); from += USERS_PER_MESSAGE) {
				List<Long> part = watchers.subList(from, Math.min(from + USERS_PER_MESSAGE, watchers.size()));
				this.fanOut.sendAfterCommit(new LinkedHashSet<>(part), new WallboardChanged(change));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Wallboard message ({}) of tenant {} not sent", change, tenantId, ex);
		}
	}

	// What this transaction has sent so far; empty outside a transaction.
	private static Optional<Sent> sentInThisTransaction() {
		return TransactionScoped.value(STATE, Sent.class, () -> new Sent(new HashSet<>()));
	}

	/**
	 * What one transaction has told the wallboards.
	 *
	 * @param changes the changes sent, as tenant and change
	 */
	private record Sent(Set<String> changes) {
	}

}
