package io.callbridge.agents;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Role;
import io.callbridge.support.FakeAvailabilityProvider;
import io.callbridge.support.FakeAvailabilityProvider.Hold;
import io.callbridge.support.FakeAvailabilityProvider.Push;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests pushing agents' statuses to a provider that keeps an availability per employee
 * (the {@link FakeAvailabilityProvider}): on every change, retried after failures with
 * the error kept, the newest status winning over a push under way, pending pushes made by
 * a fresh worker after a restart, and nothing for providers without the capability.
 */
@IntegrationTest
class AvailabilityPushTests {

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentStatusService statuses;

	@Autowired
	AgentStatuses stored;

	@Autowired
	AvailabilityPushes pushes;

	@Autowired
	AvailabilityTargets targets;

	@Autowired
	Agents agents;

	@Autowired
	Leases leases;

	@Autowired
	DatabaseClock clock;

	@Autowired
	AvailabilityProperties properties;

	private long tenant;

	private TelephonyAccount account;

	private TestUser agent;

	@BeforeEach
	void createAccountAndAgent() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.accounts.create(this.tenant, FakeAvailabilityProvider.KEY, "Employees PBX", true, Map.of(),
				new Credentials(Map.of("secret", "s3cret")));
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
	}

	@Test
	void anExtensionGetsTheAgentsStatusAndEveryChangeAfterwards() {
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "7001");
		awaitSettled(AgentStatus.AVAILABLE);

		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());

		AvailabilityPush settled = awaitSettled(AgentStatus.BREAK);
		assertThat(FakeAvailabilityProvider.pushes(this.account))
			.containsExactly(new Push("7001", AgentStatus.AVAILABLE), new Push("7001", AgentStatus.BREAK));
		assertThat(settled.pushedExtension()).isEqualTo("7001");
		assertThat(settled.pushedVersion()).isEqualTo(1L);
		assertThat(settled.lastError()).isNull();
	}

	@Test
	void anExtensionAssignedLaterGetsTheCurrentStatus() {
		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.OFFLINE, this.agent.id());
		assertThat(this.pushes.ofAgent(this.agent.id())).isEmpty();

		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "7002");

		awaitSettled(AgentStatus.OFFLINE);
		assertThat(FakeAvailabilityProvider.pushes(this.account))
			.containsExactly(new Push("7002", AgentStatus.OFFLINE));
	}

	@Test
	void aFailedPushIsRetriedWithItsErrorKeptUntilItSucceeds() {
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "7001");
		awaitSettled(AgentStatus.AVAILABLE);
		FakeAvailabilityProvider.down(this.account, true);
		try {
			this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BUSY, this.agent.id());

			AvailabilityPush failing = await().until(this::push, (p) -> p.attempts() >= 2);
			assertThat(failing.pending()).isTrue();
			assertThat(failing.lastError().localized()).isEqualTo("Fake availability: connection refused");
			assertThat(failing.pushedStatus()).isEqualTo(AgentStatus.AVAILABLE);
		}
		finally {
			FakeAvailabilityProvider.down(this.account, false);
		}

		AvailabilityPush settled = awaitSettled(AgentStatus.BUSY);
		assertThat(settled.lastError()).isNull();
		assertThat(settled.attempts()).isZero();
		assertThat(FakeAvailabilityProvider.pushes(this.account)).last().isEqualTo(new Push("7001", AgentStatus.BUSY));
	}

	@Test
	void theNewestStatusWinsOverAPushUnderWay() throws InterruptedException {
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "7001");
		awaitSettled(AgentStatus.AVAILABLE);
		Hold hold = FakeAvailabilityProvider.holdNext(this.account);

		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());
		assertThat(hold.entered().await(10, TimeUnit.SECONDS)).as("the push of BREAK started").isTrue();
		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.OFFLINE, this.agent.id());
		hold.release().countDown();

		AvailabilityPush settled = awaitSettled(AgentStatus.OFFLINE);
		assertThat(settled.pushedVersion()).isEqualTo(2L);
		assertThat(FakeAvailabilityProvider.pushes(this.account)).containsExactly(
				new Push("7001", AgentStatus.AVAILABLE), new Push("7001", AgentStatus.BREAK),
				new Push("7001", AgentStatus.OFFLINE));
	}

	@Test
	void aLateSettlementOfAnOlderStatusNeverOverwritesANewerOne() {
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "7001");
		awaitSettled(AgentStatus.AVAILABLE);
		// The worker is kept away, so the settlements below are the only ones.
		Lease lease = holdWorkerLease();
		try {
			this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());
			AvailabilityPush older = push();
			this.statuses.change(this.tenant, this.agent.id(), AgentStatus.OFFLINE, this.agent.id());
			AvailabilityPush newer = push();

			this.pushes.pushed(newer, "7001", this.clock.now());
			this.pushes.pushed(older, "7001", this.clock.now());

			AvailabilityPush after = push();
			assertThat(after.pushedStatus()).isEqualTo(AgentStatus.OFFLINE);
			assertThat(after.pushedVersion()).isEqualTo(2L);
			assertThat(after.pending()).isFalse();
		}
		finally {
			this.leases.release(lease, Duration.ZERO);
		}
	}

	@Test
	void aFreshWorkerPushesWhatWasPendingBeforeARestart() {
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "7001");
		awaitSettled(AgentStatus.AVAILABLE);
		FakeAvailabilityProvider.down(this.account, true);
		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());
		await().until(this::push, (p) -> p.lastError() != null);

		// The node stops: its worker no longer runs (the lease is held here); the
		// provider
		// comes back meanwhile.
		Lease lease = holdWorkerLease();
		FakeAvailabilityProvider.down(this.account, false);
		assertThat(push().pending()).isTrue();
		assertThat(this.stored.of(this.tenant, this.agent.id()).status()).isEqualTo(AgentStatus.BREAK);
		await().until(() -> !push().nextAttemptAt().isAfter(this.clock.now()));

		// A restarted node's worker knows nothing but what is stored.
		AvailabilityPushWorker restarted = new AvailabilityPushWorker(this.leases, this.clock, this.pushes,
				this.targets, this.agents, this.accounts, this.properties);
		assertThat(restarted.pushDue(lease)).isPositive();

		AvailabilityPush settled = push();
		assertThat(settled.pending()).isFalse();
		assertThat(settled.pushedStatus()).isEqualTo(AgentStatus.BREAK);
		assertThat(FakeAvailabilityProvider.pushes(this.account)).last().isEqualTo(new Push("7001", AgentStatus.BREAK));
	}

	@Test
	void accountsOfProvidersWithoutAvailabilityGetNothing() {
		TelephonyAccount sandbox = this.data.sandboxAccount(this.tenant);
		this.data.assignExtension(this.tenant, this.agent.id(), sandbox.id(), "105");

		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());

		assertThat(this.pushes.ofAgent(this.agent.id())).isEmpty();
	}

	@Test
	void removingTheExtensionForgetsItsPush() {
		this.data.assignExtension(this.tenant, this.agent.id(), this.account.id(), "7001");
		awaitSettled(AgentStatus.AVAILABLE);

		this.data.agentService().removeExtension(this.tenant, this.agent.id(), this.account.id());

		assertThat(this.pushes.find(this.account.id(), this.agent.id())).isEmpty();
		this.statuses.change(this.tenant, this.agent.id(), AgentStatus.BREAK, this.agent.id());
		assertThat(this.pushes.ofAgent(this.agent.id())).isEmpty();
	}

	private AvailabilityPush push() {
		return this.pushes.find(this.account.id(), this.agent.id()).orElseThrow();
	}

	private AvailabilityPush awaitSettled(AgentStatus status) {
		return await().until(this::push, (p) -> !p.pending() && p.pushedStatus() == status);
	}

	// The scheduled worker may hold the lease for a moment: taken as soon as it is free.
	private Lease holdWorkerLease() {
		Optional<Lease> lease = await()
			.until(() -> this.leases.acquire(AvailabilityPushWorker.LEASE, Duration.ofMinutes(1)), Optional::isPresent);
		return lease.orElseThrow();
	}

}
