package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scheduled reconciliation: runs once per interval per account, remembers how far it
 * got, overlaps the next run with the previous period, and records the provider's error
 * without losing its place.
 */
@IntegrationTest
class ScheduledReconciliationTests {

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallHistoryReconciliation reconciliation;

	@Autowired
	FakeTelephonyProvider fake;

	@Test
	void runsOncePerIntervalAndRemembersHowFarItGot() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.fake.history(account.id(),
				List.of(new HistoricCall("sched-" + UUID.randomUUID(), CallDirection.INBOUND,
						Instant.now().minus(Duration.ofHours(2)), null, "612555300", null, null, CallResult.MISSED, 0,
						null, null, null, Map.of())));

		this.reconciliation.reconcileIfDue(account, this.fake);
		this.reconciliation.reconcileIfDue(account, this.fake);

		assertThat(this.fake.historyAsks(account.id())).hasSize(1);
		Instant[] period = this.fake.historyAsks(account.id()).get(0);
		assertThat(period[0]).isCloseTo(Instant.now().minus(Duration.ofDays(1)), within(Duration.ofMinutes(1)));
		HistorySyncState state = this.reconciliation.state(tenant, account.id()).orElseThrow();
		assertThat(state.lastAdded()).isEqualTo(1);
		assertThat(state.lastError()).isNull();
		assertThat(state.syncedUntil()).isEqualTo(period[1]);
		assertThat(state.nextRunAt()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));
	}

	@Test
	void providerErrorIsRecordedAndThePeriodIsNotSkipped() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake down", true, Map.of(),
				new Credentials(Map.of("secret", "down")));

		this.reconciliation.reconcileIfDue(account, this.fake);

		HistorySyncState state = this.reconciliation.state(tenant, account.id()).orElseThrow();
		assertThat(state.lastError().english()).contains("connection refused");
		assertThat(state.syncedUntil()).isNull();
	}

}
