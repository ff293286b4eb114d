package io.callbridge.records;

import java.util.List;

import io.callbridge.contacts.ContactWriteOrder;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the change feed: one row per record, moved to a new change number on each
 * change. Numbers come from a per-tenant counter row that each writing transaction
 * updates and so keeps locked until it commits: numbers are therefore handed out in
 * commit order per tenant, and a reader that has seen number n never later finds a newly
 * committed change below n.
 */
@Component
class RecordChangeLog implements ContactWriteOrder {

	private static final int ROWS_PER_INSERT = 1000;

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	RecordChangeLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Takes the tenant's counter lock; every writer of records calls this before it locks
	 * any record row, so all writers take their locks in the same order.
	 */
	@Override
	public void claim(long tenantId) {
		next(tenantId);
	}

	/**
	 * Moves a record to the next change number of its tenant.
	 * @param tenantId tenant
	 * @param type the kind of record
	 * @param recordId the record
	 * @param change what happened to it
	 * @param customerId the customer it belongs to, kept for tombstones
	 * @param caseId the case it belongs to, kept for tombstones
	 */
	void record(long tenantId, RecordType type, long recordId, ChangeKind change, @Nullable Long customerId,
			@Nullable Long caseId) {
		long seq = next(tenantId);
		int updated = this.jdbc.sql("""
				UPDATE record_changes SET seq = ?, change_kind = ?, changed_at = CURRENT_TIMESTAMP, customer_id = ?,
				  case_id = ?
				WHERE tenant_id = ? AND record_type = ? AND record_id = ?""")
			.params(seq, change.name(), customerId, caseId, tenantId, type.name(), recordId)
			.update();
		if (updated == 0) {
			// No race: the counter lock serializes the tenant's writers.
			this.jdbc.sql("""
					INSERT INTO record_changes (tenant_id, record_type, record_id, seq, change_kind, changed_at,
					  customer_id, case_id)
					VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?, ?)""")
				.params(tenantId, type.name(), recordId, seq, change.name(), customerId, caseId)
				.update();
		}
	}

	/**
	 * Puts records that were just created into the feed, each at its own new change
	 * number in the order given: one counter update and multi-row inserts for a whole
	 * batch (a bulk import of contacts).
	 * @param tenantId tenant
	 * @param type the kind of record
	 * @param recordIds the new records; none may be in the feed yet
	 */
	void recordCreated(long tenantId, RecordType type, List<Long> recordIds) {
		if (recordIds.isEmpty()) {
			return;
		}
		claim(tenantId);
		this.jdbc.sql("UPDATE record_change_counters SET last_seq = last_seq + ? WHERE tenant_id = ?")
			.params(recordIds.size(), tenantId)
			.update();
		long last = this.jdbc.sql("SELECT last_seq FROM record_change_counters WHERE tenant_id = ?")
			.param(tenantId)
			.query(Long.class)
			.single();
		// One statement per chunk with the ids as one array parameter: a multi-row VALUES
		// of
		// five parameters a row took longer to parse, bind and plan than to run.
		long first = last - recordIds.size();
		for (int from = 0; from < recordIds.size(); from += ROWS_PER_INSERT) {
			List<Long> chunk = recordIds.subList(from, Math.min(recordIds.size(), from + ROWS_PER_INSERT));
			this.jdbc.sql("""
					INSERT INTO record_changes (tenant_id, record_type, record_id, seq, change_kind, changed_at)
					SELECT ?, ?, r.id, ? + r.n, ?, CURRENT_TIMESTAMP
					FROM UNNEST(CAST(? AS BIGINT ARRAY)) WITH ORDINALITY AS r (id, n)""")
				.params(tenantId, type.name(), first + from, ChangeKind.CREATED.name(), chunk.toArray(Long[]::new))
				.update();
		}
	}

	private long next(long tenantId) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A change of a record must be stored in a transaction");
		}
		if (bump(tenantId) == 0) {
			createCounter(tenantId);
			bump(tenantId);
		}
		return this.jdbc.sql("SELECT last_seq FROM record_change_counters WHERE tenant_id = ?")
			.param(tenantId)
			.query(Long.class)
			.single();
	}

	private int bump(long tenantId) {
		return this.jdbc.sql("UPDATE record_change_counters SET last_seq = last_seq + 1 WHERE tenant_id = ?")
			.param(tenantId)
			.update();
	}

	// In a savepoint: two first writers of a tenant may both insert; the loser's failed
	// insert must not abort its transaction (PostgreSQL).
	private void createCounter(long tenantId) {
		try {
			this.savepoint.executeWithoutResult(
					(status) -> this.jdbc.sql("INSERT INTO record_change_counters (tenant_id, last_seq) VALUES (?, 0)")
						.param(tenantId)
						.update());
		}
		catch (DuplicateKeyException ex) {
			// Another writer created it; the caller's update now waits for its lock.
		}
	}

	/** The kinds of record the change feed carries. */
	enum RecordType {

		/** A contact. */
		CUSTOMER,

		/** A case. */
		CASE,

		/** A case follow-up. */
		FOLLOW_UP,

		/** A task. */
		TASK

	}

	/** What happened to a record. */
	enum ChangeKind {

		/** It was created. */
		CREATED,

		/** It was changed. */
		UPDATED,

		/** It was deleted (a tombstone). */
		DELETED

	}

}
