package io.callbridge.crm.push;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.callbridge.shared.Jdbc;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What each connection was sent about each call ({@code crm_call_uploads},
 * {@code crm_call_pushes}): the pushes enqueued, under a lock per connection and call,
 * and the fingerprint of the last upload the CRM took.
 */
@Repository
class CallPushLog {

	private final JdbcClient jdbc;

	private final TransactionTemplate savepoint;

	CallPushLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Locks the connection's row of the call until the transaction ends (creating it
	 * first if needed), so that another fact of the call waits until this one's pushes
	 * are committed.
	 * @return the pushes already enqueued
	 */
	Set<String> lock(long connectionId, long callId, long tenantId, Instant now) {
		if (!locked(connectionId, callId)) {
			create(connectionId, callId, tenantId, now);
			if (!locked(connectionId, callId)) {
				throw new IllegalStateException("No push row for call " + callId + " of connection " + connectionId);
			}
		}
		return new HashSet<>(this.jdbc.sql("SELECT push FROM crm_call_pushes WHERE connection_id = ? AND call_id = ?")
			.params(connectionId, callId)
			.query(String.class)
			.list());
	}

	/** Notes a push as enqueued (the row is locked by {@link #lock}). */
	void add(long connectionId, long callId, String push, Instant now) {
		this.jdbc.sql("INSERT INTO crm_call_pushes (connection_id, call_id, push, created_at) VALUES (?, ?, ?, ?)")
			.params(connectionId, callId, push, Jdbc.ts(now))
			.update();
	}

	/** The fingerprint of the last upload of the call the CRM took, if any. */
	Optional<String> lastUpload(long connectionId, long callId) {
		return this.jdbc.sql(
				"SELECT fingerprint FROM crm_call_uploads WHERE connection_id = ? AND call_id = ? AND fingerprint IS NOT NULL")
			.params(connectionId, callId)
			.query(String.class)
			.optional();
	}

	/** Keeps what the CRM took as the call's last upload. */
	void uploaded(long connectionId, long callId, long tenantId, String fingerprint, Instant at, boolean duplicate) {
		if (keep(connectionId, callId, fingerprint, at, duplicate) == 0) {
			create(connectionId, callId, tenantId, at);
			keep(connectionId, callId, fingerprint, at, duplicate);
		}
	}

	private int keep(long connectionId, long callId, String fingerprint, Instant at, boolean duplicate) {
		return this.jdbc.sql("""
				UPDATE crm_call_uploads SET fingerprint = ?, uploaded_at = ?, duplicate = ?
				WHERE connection_id = ? AND call_id = ?""")
			.params(fingerprint, Jdbc.ts(at), duplicate, connectionId, callId)
			.update();
	}

	private boolean locked(long connectionId, long callId) {
		return this.jdbc
			.sql("SELECT connection_id FROM crm_call_uploads WHERE connection_id = ? AND call_id = ? FOR UPDATE")
			.params(connectionId, callId)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	// In a savepoint of the caller's transaction: on PostgreSQL a failed insert would end
	// the transaction it ran in, and a transaction of its own would hold a second pooled
	// connection while the caller's waits (a burst of listeners could take the whole
	// pool that way and wait for each other).
	// Package-private for the test of a row created meanwhile by another transaction.
	void create(long connectionId, long callId, long tenantId, Instant now) {
		this.savepoint.executeWithoutResult((status) -> {
			try {
				this.jdbc.sql("""
						INSERT INTO crm_call_uploads (connection_id, call_id, tenant_id, duplicate, created_at)
						VALUES (?, ?, ?, FALSE, ?)""").params(connectionId, callId, tenantId, Jdbc.ts(now)).update();
			}
			catch (DuplicateKeyException ex) {
				// Another fact of the call created it first. Roll back to the savepoint:
				// on
				// PostgreSQL the failed insert has aborted everything after it, so
				// releasing the
				// savepoint instead would leave the caller's transaction unusable.
				status.setRollbackOnly();
			}
		});
	}

}
