package io.callbridge.calls;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The participants a listener gets inside the transaction that applied a call's change
 * (kept by the apply, not read again) are exactly those the database holds at that point:
 * the agents of every event, the owner and the originator — through rings, an answer, a
 * transfer and an end, with the originator set between events.
 */
@IntegrationTest
@Import(AppliedParticipantsTests.Probe.class)
class AppliedParticipantsTests {

	@Autowired
	CallEventSink sink;

	@Autowired
	TestData data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Probe probe;

	@Test
	void theParticipantsKeptByTheApplyAreThoseTheDatabaseHolds() {
		long tenant = this.data.anyTenant();
		long account = this.data.sandboxAccount(tenant).id();
		TestUser first = this.data.anyAgentWithExtension(tenant, Role.AGENT, "401");
		TestUser second = this.data.anyAgentWithExtension(tenant, Role.AGENT, "402");
		TestUser third = this.data.anyAgentWithExtension(tenant, Role.AGENT, "403");
		TestUser originator = this.data.anyUser(tenant, Role.AGENT);
		String id = "participants-" + UUID.randomUUID();
		Instant t0 = Instant.now().minusSeconds(60);
		this.probe.seen.clear();

		this.sink.accept(event(account, id, CallEventType.RINGING, t0, "401").build());
		this.sink.accept(event(account, id, CallEventType.RINGING, t0.plusSeconds(1), "402").build());
		this.sink.accept(event(account, id, CallEventType.ANSWERED, t0.plusSeconds(5), "401").build());
		this.jdbc.sql("UPDATE calls SET originated_by = ? WHERE account_id = ? AND provider_call_id = ?")
			.params(originator.id(), account, id)
			.update();
		this.sink.accept(
				event(account, id, CallEventType.TRANSFERRED, t0.plusSeconds(20), "403").transferFrom("401").build());
		this.sink.accept(event(account, id, CallEventType.ENDED, t0.plusSeconds(40), "403").result(CallResult.ANSWERED)
			.talkSeconds(35)
			.build());

		assertThat(this.probe.seen).as("answered, transferred, ended").hasSizeGreaterThanOrEqualTo(3);
		assertThat(this.probe.seen).allSatisfy((seen) -> assertThat(seen.given()).isEqualTo(seen.stored()));
		assertThat(this.probe.seen.get(this.probe.seen.size() - 1).given()).containsExactlyInAnyOrder(first.id(),
				second.id(), third.id(), originator.id());
	}

	private static ProviderCallEvent.Builder event(long account, String id, CallEventType type, Instant at,
			String extension) {
		return ProviderCallEvent.of(account, id, type, at)
			.direction(CallDirection.INBOUND)
			.externalNumber("+34612000444")
			.extension(extension)
			.rawPayload("{\"t\":\"" + type + at + "\"}");
	}

	/**
	 * Hears the facts in the applying transaction and asks for the participants there, as
	 * the pop-ups do, next to what the database holds in that transaction.
	 */
	@TestConfiguration
	static class Probe {

		final List<Seen> seen = new CopyOnWriteArrayList<>();

		private final Calls calls;

		private final JdbcClient jdbc;

		Probe(Calls calls, JdbcClient jdbc) {
			this.calls = calls;
			this.jdbc = jdbc;
		}

		@EventListener
		void on(CallAnswered event) {
			record(event.callId());
		}

		@EventListener
		void on(CallTransferred event) {
			record(event.callId());
		}

		@EventListener
		void on(CallEnded event) {
			record(event.callId());
		}

		private void record(long callId) {
			Set<Long> stored = new LinkedHashSet<>(this.jdbc.sql("""
					SELECT agent_id FROM call_events WHERE call_id = ? AND agent_id IS NOT NULL
					UNION SELECT agent_id FROM calls WHERE id = ? AND agent_id IS NOT NULL
					UNION SELECT originated_by FROM calls WHERE id = ? AND originated_by IS NOT NULL""")
				.params(callId, callId, callId)
				.query(Long.class)
				.list());
			this.seen.add(new Seen(this.calls.participants(callId), stored));
		}

	}

	/**
	 * The participants given to a listener and those stored, in the same transaction.
	 */
	record Seen(Set<Long> given, Set<Long> stored) {
	}

}
