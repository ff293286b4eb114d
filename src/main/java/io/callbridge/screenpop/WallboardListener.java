package io.callbridge.screenpop;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.AgentStatusChanged;
import io.callbridge.agents.Agents;
import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallTransferred;
import io.callbridge.screenpop.ConsoleMessage.WallboardChanged;
import io.callbridge.statistics.CallFactRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the open wallboards of a tenant that what they show changed: every call ringing,
 * answered, transferred or ended, every agent's status change, and every call counted in
 * the statistics (today's counters include it from then on) reaches the live streams of
 * the tenant's enabled supervisors and admins, on whichever node they are connected. The
 * browser fetches the wallboard itself; the message only says that it changed. A live
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

	private final ConsoleFanOut fanOut;

	private final Agents agents;

	WallboardListener(ConsoleFanOut fanOut, Agents agents) {
		this.fanOut = fanOut;
		this.agents = agents;
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
			Optional<Map<String, List<Long>>> transaction = transactionState();
			if (transaction.isPresent() && transaction.get().containsKey(tenantId + "|" + change)) {
				// An ingestion lane applies many events in one transaction: the same news
				// to the same wallboards once is enough, they fetch what changed.
				return;
			}
			List<Long> watchers = watchers(tenantId, transaction);
			transaction.ifPresent((state) -> state.put(tenantId + "|" + change, watchers));
			for (int from = 0; from < watchers.size(); from += USERS_PER_MESSAGE) {
				List<Long> part = watchers.subList(from, Math.min(from + USERS_PER_MESSAGE, watchers.size()));
				this.fanOut.sendAfterCommit(new LinkedHashSet<>(part), new WallboardChanged(change));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Wallboard message ({}) of tenant {} not sent", change, tenantId, ex);
		}
	}

	// The tenant's watchers, read once per transaction.
	private List<Long> watchers(long tenantId, Optional<Map<String, List<Long>>> transaction) {
		if (transaction.isEmpty()) {
			return this.agents.enabledSupervisorIds(tenantId);
		}
		return transaction.get()
			.computeIfAbsent(String.valueOf(tenantId), (key) -> this.agents.enabledSupervisorIds(tenantId));
	}

	// What this transaction has sent so far, by tenant (its watchers) and by tenant and
	// change; empty outside a transaction.
	@SuppressWarnings("unchecked")
	private static Optional<Map<String, List<Long>>> transactionState() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return Optional.empty();
		}
		Object state = TransactionSynchronizationManager.getResource(STATE);
		if (state == null) {
			Map<String, List<Long>> created = new HashMap<>();
			TransactionSynchronizationManager.bindResource(STATE, created);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(STATE);
				}
			});
			return Optional.of(created);
		}
		return Optional.of((Map<String, List<Long>>) state);
	}

}
