package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Text;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared poll schedule: one poll of an account at a time, the next one an interval
 * after the previous start (a lease on the database's clock), the interval growing while
 * the provider is slow or failing and shrinking back, and the snapshot handed from one
 * poll to the next.
 */
@IntegrationTest
class ProviderPollsTests {

	private static final Duration MIN = Duration.ofSeconds(4);

	private static final Duration MAX = Duration.ofSeconds(60);

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	ProviderPolls polls;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Leases leases;

	@Autowired
	DatabaseClock clock;

	private long accountId;

	@BeforeEach
	void account() {
		long tenant = this.data.anyTenant();
		this.accountId = this.accounts
			.create(tenant, FakeTelephonyProvider.KEY, "Polled", true, Map.of(), new Credentials(Map.of("secret", "s")))
			.id();
	}

	@Test
	void onlyOnePollAtATimeAndTheNextOneAnIntervalAfterTheStart() {
		ProviderPolls.Claim first = this.polls.claimIfDue(this.accountId, "live", MIN).orElseThrow();

		assertThat(this.polls.claimIfDue(this.accountId, "live", MIN)).isEmpty();
		this.polls.succeeded(first, "[1]", MIN, MAX);

		assertThat(this.polls.claimIfDue(this.accountId, "live", MIN)).isEmpty();
		ProviderPolls.Row row = this.polls.find(this.accountId, "live").orElseThrow();
		assertThat(row.nextPollAt()).isEqualTo(first.startedAt().plus(MIN));
		assertThat(row.snapshot()).isEqualTo("[1]");
	}

	@Test
	void failuresSlowThePollingDownUpToTheMaximumAndKeepTheSnapshot() {
		ProviderPolls.Claim first = this.polls.claimIfDue(this.accountId, "live", MIN).orElseThrow();
		this.polls.succeeded(first, "[snapshot]", MIN, MAX);
		ProviderPolls.Claim claim = first;
		for (int i = 0; i < 6; i++) {
			makeDue();
			claim = this.polls.claimIfDue(this.accountId, "live", MIN).orElseThrow();
			this.polls.failed(claim, Text.literal("CallMyWay: timeout"), MIN, MAX);
		}

		ProviderPolls.Row row = this.polls.find(this.accountId, "live").orElseThrow();
		assertThat(row.interval()).isEqualTo(MAX);
		assertThat(row.lastError()).isEqualTo(Text.literal("CallMyWay: timeout"));
		assertThat(row.snapshot()).isEqualTo("[snapshot]");
		makeDue();
		Optional<ProviderPolls.Claim> recovered = this.polls.claimIfDue(this.accountId, "live", MIN);
		assertThat(recovered).get().extracting(ProviderPolls.Claim::snapshot).isEqualTo("[snapshot]");
		this.polls.succeeded(recovered.orElseThrow(), "[]", MIN, MAX);
		assertThat(this.polls.find(this.accountId, "live").orElseThrow().interval()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void thePollIsALeaseWhoseTimesAreTheDatabases() {
		Instant before = this.clock.now();
		ProviderPolls.Claim claim = this.polls.claimIfDue(this.accountId, "live", MIN).orElseThrow();
		Instant after = this.clock.now();

		assertThat(claim.startedAt()).isBetween(before, after);
		assertThat(this.leases.heldUntil(lease())).contains(claim.startedAt().plus(ProviderPolls.LEASE));
		this.polls.succeeded(claim, "[]", MIN, MAX);
		assertThat(this.leases.heldUntil(lease())).contains(claim.startedAt().plus(MIN));
		assertThat(this.polls.find(this.accountId, "live").orElseThrow().nextPollAt())
			.isEqualTo(claim.startedAt().plus(MIN));
	}

	@Test
	void theLeaseAloneDecidesWhenTheNextPollIsDue() {
		ProviderPolls.Claim first = this.polls.claimIfDue(this.accountId, "live", MIN).orElseThrow();
		this.polls.succeeded(first, "[1]", MIN, MAX);
		// A time some node wrote with its own clock in the past must not make the poll
		// due early.
		this.jdbc
			.sql("UPDATE provider_polls SET next_poll_at = next_poll_at - INTERVAL '2' MINUTE WHERE account_id = ?")
			.param(this.accountId)
			.update();

		assertThat(this.polls.claimIfDue(this.accountId, "live", MIN)).isEmpty();
		makeDue();
		assertThat(this.polls.claimIfDue(this.accountId, "live", MIN)).isPresent();
	}

	@Test
	void anAbandonedClaimKeepsTheIntervalAndTheSnapshot() {
		ProviderPolls.Claim first = this.polls.claimIfDue(this.accountId, "live", MIN).orElseThrow();
		this.polls.succeeded(first, "[1]", MIN, MAX);
		makeDue();
		ProviderPolls.Claim abandoned = this.polls.claimIfDue(this.accountId, "live", MIN).orElseThrow();

		this.polls.abandon(abandoned);

		assertThat(this.leases.heldUntil(lease())).contains(abandoned.startedAt().plus(MIN));
		assertThat(this.polls.find(this.accountId, "live").orElseThrow().snapshot()).isEqualTo("[1]");
	}

	// Moves the end of the poll's lease into the past, as if the interval had passed.
	private void makeDue() {
		this.jdbc.sql("UPDATE coordination_leases SET held_until = held_until - INTERVAL '2' MINUTE WHERE name = ?")
			.param(lease())
			.update();
	}

	private String lease() {
		return ProviderPolls.leaseName(this.accountId, "live");
	}

}
