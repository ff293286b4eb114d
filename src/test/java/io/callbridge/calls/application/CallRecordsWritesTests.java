package io.callbridge.calls.application;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

	// H2 has no such setting: the same text before and after.
	private String planCacheMode() {
		return this.jdbc.sql("SELECT " + (POSTGRES ? "current_setting('plan_cache_mode')" : "'none'"))
			.query(String.class)
			.single();
	}

}
