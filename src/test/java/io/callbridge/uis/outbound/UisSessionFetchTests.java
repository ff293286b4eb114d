package io.callbridge.uis.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Jdbc;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisSessionFetches;
import io.callbridge.uis.UisSimulator;
import io.callbridge.uis.outbound.UisSessionFetchQueue.Fetch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reading of a finished call's session from the Data API, against the UIS simulator
 * and on the application's database: queued once however often asked, retried while the
 * report does not have the session, given up after the configured time with the error
 * kept, applied as history events, and run by the scheduled job on one node at a time.
 */
@IntegrationTest
class UisSessionFetchTests {

	@Autowired
	UisSessionFetches fetches;

	@Autowired
	UisSessionFetchQueue queue;

	@Autowired
	UisTelephonyClient client;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	TenantFixture tenants;

	@Autowired
	Leases leases;

	@Autowired
	JdbcClient jdbc;

	private final List<ProviderCallEvent> applied = new ArrayList<>();

	private UisSimulator uis;

	private TelephonyAccount account;

	private UisSessionFetchJob job;

	@BeforeEach
	void start() {
		this.uis = UisSimulator.start();
		this.uis.permanentToken("key");
		this.uis.employees().add(25, "Иван", "Иванов", "101", "79260000025");
		this.uis.account().addVirtualNumber("74993720692", "active");
		Map<String, String> settings = new HashMap<>();
		settings.put("callApiUrl", this.uis.callApiUrl().toString());
		settings.put("dataApiUrl", this.uis.dataApiUrl().toString());
		this.account = this.accounts.create(this.tenants.anyTenant(), "uis", "UIS " + UUID.randomUUID(), true, settings,
				new Credentials(Map.of("accessToken", "key", "notificationSecret", "s")));
		CallEventSink sink = (event) -> {
			this.applied.add(event);
			return CallEventSink.Ingestion.APPLIED;
		};
		this.job = new UisSessionFetchJob(this.leases, this.queue, this.accounts, this.client, sink);
	}

	@AfterEach
	void stop() {
		this.uis.close();
	}

	@Test
	void aSessionAskedForTwiceIsQueuedOnce() {
		this.fetches.fetchAfterEnd(this.account.id(), "237859081");
		this.fetches.fetchAfterEnd(this.account.id(), " 237859081 ");

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM uis_session_fetches WHERE account_id = ?")
			.param(this.account.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(fetch("237859081").status()).isEqualTo("PENDING");
	}

	@Test
	void aSessionNotInTheReportYetIsTriedAgainLaterAndGivenUpAfterTheConfiguredTime() {
		this.fetches.fetchAfterEnd(this.account.id(), "999");

		this.job.attempt(fetch("999"));

		Fetch retried = fetch("999");
		assertThat(retried.status()).isEqualTo("PENDING");
		assertThat(retried.attempts()).isEqualTo(1);
		assertThat(retried.lastError().english()).contains("does not list call session 999 yet");
		assertThat(this.applied).isEmpty();

		this.jdbc.sql("UPDATE uis_session_fetches SET created_at = ? WHERE account_id = ?")
			.params(Jdbc.ts(Instant.now().minus(Duration.ofHours(3))), this.account.id())
			.update();
		this.job.attempt(fetch("999"));

		assertThat(fetch("999").status()).isEqualTo("GAVE_UP");
		assertThat(fetch("999").lastError().english()).contains("does not list call session 999 yet");
	}

	@Test
	void aFinishedSessionBecomesTheCallsHistoryEvents() {
		long session = this.uis.calls().inboundAnswered("79261112233", "74993720692", 25, 7, 42);
		this.fetches.fetchAfterEnd(this.account.id(), String.valueOf(session));

		this.job.attempt(fetch(String.valueOf(session)));

		assertThat(fetch(String.valueOf(session)).status()).isEqualTo("DONE");
		assertThat(this.applied).extracting(ProviderCallEvent::type)
			.containsExactly(CallEventType.STARTED, CallEventType.ANSWERED, CallEventType.ENDED,
					CallEventType.RECORDING_AVAILABLE);
		assertThat(this.applied).allSatisfy((event) -> {
			assertThat(event.source()).isEqualTo(EventSource.HISTORY);
			assertThat(event.providerCallId()).isEqualTo(String.valueOf(session));
			assertThat(event.dedupeKey()).isEqualTo("history:" + event.type());
		});
		ProviderCallEvent answered = this.applied.get(1);
		assertThat(answered.extension()).isEqualTo("25");
		ProviderCallEvent ended = this.applied.get(2);
		assertThat(ended.result()).isEqualTo(CallResult.ANSWERED);
		assertThat(ended.talkSeconds()).isEqualTo(42);
		assertThat(this.applied.get(3).recordingRef()).isNotBlank();
		assertThat(this.uis.requests()).extracting(UisSimulator.Received::method)
			.containsExactly("get.calls_report", "get.call_legs_report");
	}

	@Test
	void aDisabledAccountsSessionIsGivenUpAtOnce() {
		this.fetches.fetchAfterEnd(this.account.id(), "555");
		this.jdbc.sql("UPDATE telephony_accounts SET enabled = FALSE WHERE id = ?").param(this.account.id()).update();

		this.job.attempt(fetch("555"));

		assertThat(fetch("555").status()).isEqualTo("GAVE_UP");
		assertThat(fetch("555").lastError().english()).contains("disabled");
		assertThat(this.uis.requests()).isEmpty();
	}

	@Test
	void theJobRunsOnOneNodeAtATimeAndAppliesTheSessionToTheCall() {
		long session = this.uis.calls().inboundMissed("79264445566", "74993720692", 20, 25);
		this.fetches.fetchAfterEnd(this.account.id(), String.valueOf(session));
		// The application's own job may hold the lease right now (it runs every 5 s):
		// wait
		// for it, and make the fetch due only once "the other node" holds the lease, so
		// the application's job cannot take it first.
		Lease otherNode = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.leases.acquire(UisSessionFetchJob.LEASE, Duration.ofMinutes(5)), Optional::isPresent)
			.orElseThrow();
		this.jdbc.sql("UPDATE uis_session_fetches SET due_at = ? WHERE account_id = ?")
			.params(Jdbc.ts(Instant.now().minusSeconds(1)), this.account.id())
			.update();
		try {
			this.job.run();
			assertThat(fetch(String.valueOf(session)).status()).isEqualTo("PENDING");
		}
		finally {
			this.leases.release(otherNode, Duration.ZERO);
		}

		// The application's own job (every 5 s) now takes it and applies it to the call.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(fetch(String.valueOf(session)).status()).isEqualTo("DONE"));
		assertThat(this.jdbc.sql("SELECT result FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account.id(), String.valueOf(session))
			.query(String.class)
			.single()).isEqualTo("MISSED");
	}

	private Fetch fetch(String session) {
		return this.queue.find(this.account.id(), session).orElseThrow();
	}

}
