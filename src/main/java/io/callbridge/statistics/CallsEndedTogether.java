package io.callbridge.statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.callbridge.shared.TransactionScoped;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gathers the calls that one transaction completed, per tenant, and publishes them as one
 * {@link CallFactsDue} per tenant just before it commits: an ingestion lane that applies
 * two hundred events completes dozens of calls, whose facts are then written in one
 * transaction from one publication rather than one each (a publication costs an insert, a
 * mark, a delete and the listener's own commit).
 */
@Component
class CallsEndedTogether {

	private static final Object KEY = new Object();

	private final ApplicationEventPublisher events;

	CallsEndedTogether(ApplicationEventPublisher events) {
		this.events = events;
	}

	/**
	 * Adds a completed call to the current transaction's.
	 * @param tenantId tenant
	 * @param callId the call
	 * @return whether it was added (false outside a transaction)
	 */
	boolean add(long tenantId, long callId) {
		return TransactionScoped.value(KEY, Gathered.class, this::gather)
			.map((gathered) -> gathered.computeIfAbsent(tenantId, (t) -> new ArrayList<>()).add(callId))
			.orElse(false);
	}

	// Published before the commit, in the transaction: the publication is stored with the
	// calls' changes, and its listener runs after the commit like any other.
	private Gathered gather() {
		Gathered gathered = new Gathered();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				gathered.forEach((tenantId, callIds) -> CallsEndedTogether.this.events
					.publishEvent(new CallFactsDue(tenantId, List.copyOf(callIds))));
			}
		});
		return gathered;
	}

	/** The calls completed so far, by tenant. */
	private static final class Gathered extends LinkedHashMap<Long, List<Long>> {

		private static final long serialVersionUID = 1L;

	}

}
