package io.callbridge.calls.application;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Leases;
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
import org.springframework.jdbc.core.simple.JdbcClient;

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

	@Autowired
	Leases leases;

	@Autowired
	DatabaseClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void runsOncePerIntervalAndRemembersHowFarItGot() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.fake.history(account.id(), List.of(missedTwoHoursAgo("sched-", "612555300")));

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
	void theScheduleIsALeaseAndItsTimesAreTheDatabases() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		Instant before = this.clock.now();

		this.reconciliation.reconcileIfDue(account, this.fake);
		Instant after = this.clock.now();

		Instant to = this.fake.historyAsks(account.id()).get(0)[1];
		Instant started = to.plus(Duration.ofMinutes(5));
		assertThat(started).isBetween(before, after);
		HistorySyncState state = this.reconciliation.state(tenant, account.id()).orElseThrow();
		assertThat(state.nextRunAt()).isEqualTo(started.plus(this.fake.reconcileEvery()));
		assertThat(state.lastRunAt()).isBetween(started, after);
		assertThat(this.leases.heldUntil(HistorySyncs.leaseName(account.id()))).contains(state.nextRunAt());
		// Due by the lease alone: the next run overlaps the period just reconciled.
		this.jdbc.sql("UPDATE coordination_leases SET held_until = ? WHERE name = ?")
			.params(Timestamp.from(before), HistorySyncs.leaseName(account.id()))
			.update();
		this.reconciliation.reconcileIfDue(account, this.fake);
		assertThat(this.fake.historyAsks(account.id())).hasSize(2);
		assertThat(this.fake.historyAsks(account.id()).get(1)[0]).isEqualTo(to.minus(Duration.ofHours(2)));
	}

	@Test
	void aNextRunWrittenFromALaggingClockDoesNotMakeTheSyncDueEarly() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.reconciliation.reconcileIfDue(account, this.fake);

		// As a node whose clock is an hour behind would have written it.
		this.jdbc
			.sql("UPDATE call_history_syncs SET next_run_at = next_run_at - INTERVAL '1' HOUR WHERE account_id = ?")
			.param(account.id())
			.update();
		this.reconciliation.reconcileIfDue(account, this.fake);

		assertThat(this.fake.historyAsks(account.id())).hasSize(1);
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

	@Test
	void aRunCutShortByTheNodeStoppingKeepsTheAccountsPlaceRecordsNoErrorAndIsFreeAtOnce() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.fake.history(account.id(), List.of(missedTwoHoursAgo("stop-", "612555301")));
		this.reconciliation.reconcileIfDue(account, this.fake);
		HistorySyncState before = this.reconciliation.state(tenant, account.id()).orElseThrow();
		String lease = HistorySyncs.leaseName(account.id());
		this.jdbc.sql("UPDATE coordination_leases SET held_until = ? WHERE name = ?")
			.params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))), lease)
			.update();
		TelephonyAccount stopping = this.accounts.update(tenant, account.id(), account.name(), true, Map.of(),
				new Credentials(Map.of("secret", "stopping")));

		boolean interruptKept;
		try {
			this.reconciliation.reconcileIfDue(stopping, this.fake);
		}
		finally {
			interruptKept = Thread.interrupted();
			// Disabled, so that the scheduled runs of later tests (which look at every
			// account of the shared database) never meet it.
			this.accounts.update(tenant, account.id(), account.name(), false, Map.of(),
					new Credentials(Map.of("secret", "s")));
		}

		assertThat(interruptKept).isTrue();
		assertThat(this.fake.historyAsks(account.id())).hasSize(2);
		HistorySyncState after = this.reconciliation.state(tenant, account.id()).orElseThrow();
		assertThat(after.lastError()).isNull();
		assertThat(after.syncedUntil()).isEqualTo(before.syncedUntil());
		assertThat(after.lastAdded()).isEqualTo(1);
		assertThat(this.leases.heldUntil(lease))
			.hasValueSatisfying((until) -> assertThat(until).isBeforeOrEqualTo(this.clock.now()));
	}

	@Test
	void aStoppingNodeClaimsNoRun() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));

		Thread.currentThread().interrupt();
		try {
			this.reconciliation.reconcileDue();
		}
		finally {
			assertThat(Thread.interrupted()).isTrue();
		}

		assertThat(this.fake.historyAsks(account.id())).isEmpty();
		assertThat(this.leases.heldUntil(HistorySyncs.leaseName(account.id()))).isEmpty();
	}

	private static HistoricCall missedTwoHoursAgo(String idPrefix, String number) {
		return new HistoricCall(idPrefix + UUID.randomUUID(), CallDirection.INBOUND,
				Instant.now().minus(Duration.ofHours(2)), null, number, null, null, CallResult.MISSED, 0, null, null,
				null, Map.of());
	}

}
