package io.callbridge.calls.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.model.CallTimeline;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A lane's batch of many calls is written in full, and on PostgreSQL the writes that keep
 * their plans give the transaction back its plan cache mode: the lookups that follow them
 * in the same transaction (the facts' listeners) are planned as before.
 */
@IntegrationTest
class CallRecordsWritesTests {

	private static final boolean POSTGRES = "postgres".equals(System.getProperty("callbridge.test.database"));

	private static final int CALLS = 12;

	@Autowired
	TestData data;

	@Autowired
	CallRecords records;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	private TelephonyAccount account;

	private String batch;

	@BeforeEach
	void account() {
		this.account = this.data.sandboxAccount(this.data.anyTenant());
		this.batch = UUID.randomUUID().toString();
	}

	@Test
	void aBatchOfNewCallsIsWrittenWithTheirEventsAndTheTransactionPlansAsBeforeAfterIt() {
		String before = this.transactions.execute((status) -> planCacheMode());

		String after = this.transactions.execute((status) -> {
			List<ProviderCallEvent> rings = new ArrayList<>();
			List<NewCallRows.NewCall> calls = new ArrayList<>();
			for (int i = 0; i < CALLS; i++) {
				ProviderCallEvent ring = ProviderCallEvent
					.of(this.account.id(), this.batch + "-" + i, CallEventType.RINGING,
							Instant.now().truncatedTo(ChronoUnit.SECONDS))
					.extension("101")
					.build();
				rings.add(ring);
				calls.add(new NewCallRows.NewCall(this.account.tenantId(),
						new CallKey(this.account.id(), ring.providerCallId()), ring));
			}
			Map<CallKey, LockedCall> inserted = this.records.insert(calls, "");
			CallRecords.Writes writes = new CallRecords.Writes();
			for (int i = 0; i < CALLS; i++) {
				LockedCall call = inserted.get(calls.get(i).key());
				writes.insertEvent(call.id(), this.account.tenantId(), rings.get(i), null, Instant.now());
				writes.updateSummary(call,
						CallTimeline.summarize(List.of(CallRecords.timelineEvent(rings.get(i), null))), 1);
			}
			this.records.write(writes);
			return planCacheMode();
		});

		assertThat(after).isEqualTo(before);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM calls c WHERE c.account_id = ? AND c.provider_call_id LIKE ? AND c.version = 1
				  AND c.state = 'RINGING' AND (SELECT COUNT(*) FROM call_events e WHERE e.call_id = c.id) = 1""")
			.params(this.account.id(), this.batch + "-%")
			.query(Long.class)
			.single()).isEqualTo(CALLS);
	}

	/**
	 * Another module's insert that refers to a call (a statistics fact of an ended call,
	 * a recording, a disposition) share-locks the call on PostgreSQL until it commits; a
	 * lane locking that call for a late event must not wait for it, or the two wait for
	 * each other in opposite orders and deadlock (seen under load: the lanes' batches
	 * then applied call by call).
	 */
	@Test
	void aLaneLocksItsCallsWithoutWaitingForAnOpenInsertThatRefersToThem() throws Exception {
		List<CallKey> keys = List.of(new CallKey(this.account.id(), this.batch + "-a"),
				new CallKey(this.account.id(), this.batch + "-b"));
		Map<CallKey, LockedCall> stored = this.transactions.execute((status) -> this.records.insert(keys.stream()
			.map((key) -> new NewCallRows.NewCall(this.account.tenantId(), key,
					ProviderCallEvent.of(key.accountId(), key.providerCallId(), CallEventType.RINGING, Instant.now())
						.build()))
			.toList(), ""));

		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			for (LockedCall call : stored.values()) {
				referTo(other, call.id());
			}
			// One call and several: the two ways a lane locks.
			Map<CallKey, LockedCall> one = this.transactions.execute((status) -> {
				failRatherThanWait();
				return this.records.lock(List.of(keys.get(0)));
			});
			Map<CallKey, LockedCall> both = this.transactions.execute((status) -> {
				failRatherThanWait();
				return this.records.lock(keys);
			});
			other.rollback();

			assertThat(one).containsOnlyKeys(keys.get(0));
			assertThat(both).containsOnlyKeys(keys);
		}
	}

	/**
	 * On PostgreSQL a lane's new calls are inserted once applied, with their summary: one
	 * version of each row (the table's own count of the transaction's updates), not an
	 * insert and an update.
	 */
	@Test
	void onPostgresNewCallsWithReservedIdsAreInsertedOnceWithTheirSummaryAndNeverUpdated() {
		assumeTrue(POSTGRES, "ids are reserved ahead on PostgreSQL only");

		List<Long> counts = this.transactions.execute((status) -> {
			CallRecords.Writes writes = appliedWithReservedIds(rings(CALLS),
					(row) -> row.withNumber("612345678", "+34612345678"));
			// The counts of this backend not yet reported, before and after: their growth
			// is the write's.
			List<Long> before = callsWritten();
			this.records.write(writes);
			List<Long> after = callsWritten();
			return List.of(after.get(0) - before.get(0), after.get(1) - before.get(1));
		});

		assertThat(counts).containsExactly((long) CALLS, 0L);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM calls c WHERE c.account_id = ? AND c.provider_call_id LIKE ? AND c.version = 1
				  AND c.state = 'RINGING' AND c.external_number = '+34612345678' AND c.last_event_at IS NOT NULL
				  AND (SELECT COUNT(*) FROM call_events e WHERE e.call_id = c.id) = 1""")
			.params(this.account.id(), this.batch + "-%")
			.query(Long.class)
			.single()).isEqualTo(CALLS);
	}

	/**
	 * A new call stored by another transaction between its id's reservation and its
	 * insert (a start delivered again, the call history) fails the applying transaction,
	 * which assumed a call without events: nothing of it is written.
	 */
	@Test
	void onPostgresANewCallStoredMeanwhileFailsItsTransactionWithNothingWritten() {
		assumeTrue(POSTGRES, "ids are reserved ahead on PostgreSQL only");
		List<NewCallRows.NewCall> calls = rings(2);

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			CallRecords.Writes writes = appliedWithReservedIds(calls, UnaryOperator.identity());
			// The second call stored and committed meanwhile, by another transaction.
			storeElsewhere(calls.get(1));
			this.records.write(writes);
		})).isInstanceOf(CallStoredMeanwhile.class);

		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM calls c WHERE c.account_id = ? AND c.provider_call_id LIKE ?""")
			.params(this.account.id(), this.batch + "-%")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id LIKE ?""")
			.params(this.account.id(), this.batch + "-%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aNewCallWithAReservedIdButNoSummaryIsNotLeftWithoutItsRow() {
		assumeTrue(POSTGRES, "ids are reserved ahead on PostgreSQL only");
		List<NewCallRows.NewCall> calls = rings(1);

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			Map<CallKey, LockedCall> reserved = this.records.reserve(calls);
			CallRecords.Writes writes = CallRecords.Writes.insertingLater(calls, reserved);
			writes.insertEvent(reserved.get(calls.get(0).key()).id(), this.account.tenantId(), calls.get(0).first(),
					null, Instant.now());
			this.records.write(writes);
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("without a summary");
	}

	// Rows of calls inserted and updated, as this backend counts them until it reports
	// them.
	private List<Long> callsWritten() {
		return this.jdbc.sql("SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'calls'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.optional()
			.orElse(List.of(0L, 0L));
	}

	private List<NewCallRows.NewCall> rings(int count) {
		List<NewCallRows.NewCall> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ProviderCallEvent ring = ProviderCallEvent
				.of(this.account.id(), this.batch + "-" + i, CallEventType.RINGING,
						Instant.now().truncatedTo(ChronoUnit.SECONDS))
				.extension("101")
				.build();
			calls.add(new NewCallRows.NewCall(this.account.tenantId(),
					new CallKey(this.account.id(), ring.providerCallId()), ring));
		}
		return calls;
	}

	// The writes of new calls' first events applied, with ids reserved (in the caller's
	// transaction): each call's event and its summary, the call's row as enriched.
	private CallRecords.Writes appliedWithReservedIds(List<NewCallRows.NewCall> calls,
			UnaryOperator<LockedCall> enriched) {
		Map<CallKey, LockedCall> reserved = this.records.reserve(calls);
		CallRecords.Writes writes = CallRecords.Writes.insertingLater(calls, reserved);
		for (NewCallRows.NewCall call : calls) {
			LockedCall row = reserved.get(call.key());
			writes.insertEvent(row.id(), this.account.tenantId(), call.first(), null, Instant.now());
			writes.updateSummary(enriched.apply(row),
					CallTimeline.summarize(List.of(CallRecords.timelineEvent(call.first(), null))), 1);
		}
		return writes;
	}

	// In a connection and transaction of its own, committed.
	private void storeElsewhere(NewCallRows.NewCall call) {
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(true);
			try (PreparedStatement insert = other.prepareStatement(
					"""
							INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, state, started_at, updated_at)
							VALUES (?, ?, ?, 'INBOUND', 'RINGING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")) {
				insert.setLong(1, call.tenantId());
				insert.setLong(2, call.key().accountId());
				insert.setString(3, call.key().providerCallId());
				insert.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void referTo(Connection connection, long callId) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO call_events (call_id, tenant_id, type, occurred_at, received_at, dedupe_key)
				VALUES (?, 0, 'RINGING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'other-module')""")) {
			insert.setLong(1, callId);
			insert.executeUpdate();
		}
	}

	// A lock that waits fails after a second instead of the database's default.
	private void failRatherThanWait() {
		this.jdbc.sql(POSTGRES ? "SET LOCAL lock_timeout = '1s'" : "SET LOCK_TIMEOUT 1000").update();
	}

	// H2 has no such setting: the same text before and after.
	private String planCacheMode() {
		return this.jdbc.sql("SELECT " + (POSTGRES ? "current_setting('plan_cache_mode')" : "'none'"))
			.query(String.class)
			.single();
	}

}
