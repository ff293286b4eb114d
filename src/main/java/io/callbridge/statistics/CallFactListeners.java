package io.callbridge.statistics;

import io.callbridge.calls.CallDispositionSaved;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.calls.HistoryCallsEnded;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps a call's fact up to date, each after its event committed and in a transaction of
 * its own (a failure is retried from the event publication log): on its end, on a later
 * correction of its result, times, agent or cost, and on its disposition. The calls a
 * transaction completed are written together: those of an ingestion lane's batch queued
 * with its changes ({@link CallsEndedTogether}) and written with the other calls of the
 * tenant queued by then ({@link FactsDue}), those of a page of the provider's call
 * history ({@link HistoryCallsEnded}) in one transaction from one publication. Each
 * rewrites the fact from the call's state now, so events heard late or twice change
 * nothing. Dispositions are saved or changed, never deleted, and nothing else changes
 * them.
 * <p>
 * Not {@code @ApplicationModuleListener}: that opens the listener's transaction (taking a
 * pooled connection) before the method runs, and a burst of one tenant's calls would then
 * hold every connection while waiting for the tenant's lock. The writer waits for this
 * node's tenant lock first and opens its transaction after; delivery is still
 * asynchronous, after commit and kept by the event publication registry.
 */
@Component
class CallFactListeners {

	private final CallFactWriter writer;

	private final CallsEndedTogether together;

	CallFactListeners(CallFactWriter writer, CallsEndedTogether together) {
		this.writer = writer;
		this.together = together;
	}

	// A call known only from the provider's records is in a HistoryCallsEnded of its
	// transaction as well: written with the others of its page (no publication of its
	// own).
	// Heard inside the transaction that completed the call: queued with the other calls
	// it completed, written after its commit (FactsDue); outside a transaction, at once.
	// A check in the method, not a SpEL condition: the event multicaster evaluates a
	// condition twice per event, which cost an eighth of a history page's CPU.
	@EventListener
	void on(CallEnded event) {
		if (event.fromHistory()) {
			return;
		}
		if (!this.together.add(event.tenantId(), event.callId())) {
			this.writer.write(event.tenantId(), event.callId());
		}
	}

	@Async
	@TransactionalEventListener
	void on(HistoryCallsEnded event) {
		this.writer.writeMany(event.tenantId(), event.callIds());
	}

	@Async
	@TransactionalEventListener
	void on(CallResultCorrected event) {
		this.writer.write(event.tenantId(), event.callId());
	}

	@Async
	@TransactionalEventListener
	void on(CallDispositionSaved event) {
		this.writer.write(event.tenantId(), event.callId());
	}

}
