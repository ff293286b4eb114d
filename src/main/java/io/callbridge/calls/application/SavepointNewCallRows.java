package io.callbridge.calls.application;

import java.util.Objects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.calls.application.CallRecords.LockedCall;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Any other database (H2): the plain insert in a savepoint, rolled back to when the
 * unique key refuses the row (the loser of the race waits for the winner's commit, then
 * sees the key), so the applying transaction goes on.
 */
final class SavepointNewCallRows implements NewCallRows {

	private final CallRecords records;

	private final TransactionTemplate savepoints;

	SavepointNewCallRows(CallRecords records, PlatformTransactionManager transactions) {
		this.records = records;
		this.savepoints = new TransactionTemplate(transactions);
		this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Override
	public Map<CallKey, LockedCall> insertAbsent(List<NewCall> calls) {
		Map<CallKey, LockedCall> inserted = new HashMap<>();
		for (NewCall call : calls) {
			try {
				inserted.putAll(Objects
					.requireNonNull(this.savepoints.execute((status) -> this.records.insert(List.of(call), ""))));
			}
			catch (DuplicateKeyException ex) {
				// Stored by another transaction.
			}
		}
		return inserted;
	}

}
