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
