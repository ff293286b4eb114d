package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.calls.CallEnded;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.event.TransactionalEventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks answered as soon as their event is stored (no wait for the apply), delivered
 * concurrently and twice each: every call's events are applied in the order they were
 * received, each once, and each call is heard to end exactly once.
 */
@IntegrationTest
@TestPropertySource(properties = { "callbridge.ingestion.apply-wait=0s", "callbridge.ingestion.lanes=3" })
@Import(InboxOrderingTests.EndedCalls.class)
class InboxOrderingTests {

	private static final Instant T0 = Instant.parse("2026-11-06T10:00:00Z");

	private static final int CALLS = 40;

	@Autowired
	CallEventSink sink;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EndedCalls ended;

	@Test
	void concurrentDuplicatedDeliveriesAreAppliedOncePerCallInTheOrderReceived() throws Exception {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.data.sandboxAccount(tenant);
		this.data.anyAgentWithExtension(tenant, Role.AGENT, "101");
		List<String> calls = new ArrayList<>();
		for (int i = 0; i < CALLS; i++) {
			calls.add("order-" + UUID.randomUUID());
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Ingestion>>> sent = new ArrayList<>();
			// Each call's events come one after another (as one provider connection sends
			// them), every event twice; the calls interleave over eight threads.
			for (String call : calls) {
				sent.add(threads.submit(() -> deliverTwice(account, call)));
			}
			for (Future<List<Ingestion>> outcomes : sent) {
				assertThat(outcomes.get(2, TimeUnit.MINUTES)).containsOnly(Ingestion.QUEUED);
			}
		}
		finally {
			threads.shutdownNow();
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> inboxRows(account) == 0);
		for (String call : calls) {
			assertThat(eventTypes(account, call)).as(call).containsExactly("STARTED", "RINGING", "ANSWERED", "ENDED");
			Map<String, Object> row = this.jdbc
				.sql("SELECT id, state, result FROM calls WHERE account_id = ? AND provider_call_id = ?")
				.params(account.id(), call)
				.query()
				.singleRow();
			assertThat(row.get("state")).isEqualTo("ENDED");
			assertThat(row.get("result")).isEqualTo("ANSWERED");
			long callId = ((Number) row.get("id")).longValue();
			await().atMost(Duration.ofSeconds(30)).until(() -> this.ended.count(callId) >= 1);
			assertThat(this.ended.count(callId)).as("CallEnded of " + call).isEqualTo(1);
		}
	}

	private List<Ingestion> deliverTwice(TelephonyAccount account, String call) {
		List<ProviderCallEvent> events = List.of(
				event(account, call, CallEventType.STARTED, 0).direction(CallDirection.INBOUND)
					.externalNumber("612345678")
					.build(),
				event(account, call, CallEventType.RINGING, 1).extension("101").build(),
				event(account, call, CallEventType.ANSWERED, 4).extension("101").build(),
				event(account, call, CallEventType.ENDED, 64).result(CallResult.ANSWERED)
					.extension("101")
					.talkSeconds(60)
					.build());
		List<Ingestion> outcomes = new ArrayList<>();
		for (ProviderCallEvent event : events) {
			outcomes.add(this.sink.receive(event));
			outcomes.add(this.sink.receive(event));
		}
		return outcomes;
	}

	private ProviderCallEvent.Builder event(TelephonyAccount account, String call, CallEventType type, int second) {
		return ProviderCallEvent.of(account.id(), call, type, T0.plusSeconds(second))
			.rawPayload("{\"call\":\"" + call + "\",\"type\":\"" + type + "\"}");
	}

	// Ordered by id: the order in which the events were applied.
	private List<String> eventTypes(TelephonyAccount account, String call) {
		return this.jdbc.sql("""
				SELECT e.type FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id = ? ORDER BY e.id""")
			.params(account.id(), call)
			.query(String.class)
			.list();
	}

	private long inboxRows(TelephonyAccount account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_event_inbox WHERE account_id = ?")
			.param(account.id())
			.query(Long.class)
			.single();
	}

	/** Counts the committed {@link CallEnded} of each call. */
	@TestConfiguration
	static class EndedCalls {

		private final Map<Long, AtomicInteger> ended = new ConcurrentHashMap<>();

		@Bean
		EndedCallsListener endedCallsListener() {
			return new EndedCallsListener(this.ended);
		}

		int count(long callId) {
			AtomicInteger count = this.ended.get(callId);
			return (count != null) ? count.get() : 0;
		}

	}

	/** Hears each call's end once its transaction committed. */
	static class EndedCallsListener {

		private final Map<Long, AtomicInteger> ended;

		EndedCallsListener(Map<Long, AtomicInteger> ended) {
			this.ended = ended;
		}

		@TransactionalEventListener
		void on(CallEnded event) {
			this.ended.computeIfAbsent(event.callId(), (id) -> new AtomicInteger()).incrementAndGet();
		}

	}

}
