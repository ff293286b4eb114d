package io.callbridge.statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.callbridge.shared.TransactionScoped;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gathers the calls that one transaction completed, per tenant, and queues them for their
 * facts ({@code call_facts_due}) just before it commits, in one insert; once it
 * committed, has them written ({@link FactsDue}). An ingestion lane that applies two
 * hundred events completes dozens of calls, and under load many lanes' transactions of a
 * tenant end before their facts are written: the queue lets one transaction write them
 * all (a publication per transaction cost an insert, a mark, a delete and two commits of
 * its own, and a transaction to write each).
 */
@Component
class CallsEndedTogether {

	private static final Object KEY = new Object();

	private final FactsDueRows rows;

	private final FactsDue due;

	CallsEndedTogether(FactsDueRows rows, FactsDue due) {
		this.rows = rows;
		this.due = due;
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

	// Queued before the commit, in the transaction: the rows exist if and only if the
	// calls' changes do.
	private Gathered gather() {
		Gathered gathered = new Gathered();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				gathered.forEach(CallsEndedTogether.this.rows::queue);
			}

			@Override
			public void afterCommit() {
				gathered.keySet().forEach(CallsEndedTogether.this.due::wake);
			}
		});
		return gathered;
	}

	/** The calls completed so far, by tenant. */
	private static final class Gathered extends LinkedHashMap<Long, List<Long>> {

		private static final long serialVersionUID = 1L;

	}

}
