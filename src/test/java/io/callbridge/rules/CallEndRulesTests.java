package io.callbridge.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.callbridge.agents.AgentService;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.Task;
import io.callbridge.records.Tasks;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provider-neutral end-of-call rules: leads for unknown callers and call-back tasks
 * for missed calls, each switched per account, assigned to the right agent, and never
 * applied twice.
 */
@IntegrationTest
class CallEndRulesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentService agentService;

	@Autowired
	CallEventSink sink;

	@Autowired
	Calls calls;

	@Autowired
	Contacts contacts;

	@Autowired
	Tasks tasks;

	@Autowired
	CallEndRules rules;

	private long tenant;

	private TelephonyAccount account;

	private TestUser agent;

	private TestUser fallback;

	@BeforeEach
	void tenantWithRulesOn() {
		this.tenant = this.data.anyTenant();
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "100");
		this.fallback = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.agentService.setDefaultResponsible(this.tenant, this.fallback.id());
		this.account = this.data.sandboxAccount(this.tenant);
		setRules("true", "true");
	}

	@Test
	void missedCallFromAContactBecomesATaskForTheirResponsibleAgent() {
		Contact contact = this.data.anyContact(this.tenant, "Marta Gil", this.agent.id(), "+34 612 555 001");

		Call call = deliver("612555001", CallResult.MISSED, false);

		Task task = awaitValue(() -> this.tasks.openForAssignee(this.tenant, this.agent.id())
			.stream()
			.filter((t) -> call.id() == t.callId())
			.findFirst()
			.orElse(null));
		assertThat(task.title()).contains("Marta Gil");
		assertThat(task.contactId()).isEqualTo(contact.id());
		String history = UiSession.logIn(this.port, this.agent.username(), this.agent.password()).get("/calls").body();
		assertThat(history).contains("☐ " + task.title());
	}

	@Test
	void missedCallFromAnUnknownNumberBecomesALeadAndATaskForTheDefaultResponsible() {
		Call call = deliver("612555002", CallResult.MISSED, false);

		Call linked = awaitValue(() -> (this.calls.get(this.tenant, call.id()).contactId() != null)
				? this.calls.get(this.tenant, call.id()) : null);
		Contact lead = this.contacts.get(this.tenant, linked.contactId());
		assertThat(lead.phones()).containsExactly("+34612555002");
		assertThat(lead.tags()).contains("lead");
		assertThat(lead.responsibleId()).isEqualTo(this.fallback.id());
		Task task = awaitValue(
				() -> this.tasks.openForAssignee(this.tenant, this.fallback.id()).stream().findFirst().orElse(null));
		assertThat(task.callId()).isEqualTo(call.id());
	}

	@Test
	void answeredUnknownCallerBecomesALeadOfTheAgentWhoAnsweredAndNoTask() {
		Call call = deliver("612555003", CallResult.ANSWERED, true);

		Call linked = awaitValue(() -> (this.calls.get(this.tenant, call.id()).contactId() != null)
				? this.calls.get(this.tenant, call.id()) : null);
		assertThat(this.contacts.get(this.tenant, linked.contactId()).responsibleId()).isEqualTo(this.agent.id());
		assertThat(this.tasks.existsForCall(this.tenant, call.id())).isFalse();
	}

	@Test
	void rulesThatAreOffDoNothing() throws InterruptedException {
		setRules("false", "false");

		Call call = deliver("612555004", CallResult.MISSED, false);
		// A quiet period: a lead or task made anyway would have appeared by now.
		Thread.sleep(1500);

		assertThat(this.calls.get(this.tenant, call.id()).contactId()).isNull();
		assertThat(this.tasks.existsForCall(this.tenant, call.id())).isFalse();
	}

	@Test
	void aRedeliveredEndEventCreatesNothingTwice() {
		Call call = deliver("612555005", CallResult.MISSED, false);
		awaitValue(() -> this.tasks.existsForCall(this.tenant, call.id()) ? Boolean.TRUE : null);

		this.rules
			.on(new CallEnded(this.tenant, call.id(), call.version(), CallResult.MISSED, null, false, Instant.now()));

		assertThat(this.tasks.list(this.tenant, null, false).stream().filter((t) -> call.id() == t.callId()))
			.hasSize(1);
		assertThat(this.contacts.findByNumber(this.tenant, "+34612555005")).hasSize(1);
	}

	private void setRules(String leads, String tasks) {
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), true, Map.of("extensions", "100-119",
				CallEndRules.CREATE_LEADS, leads, CallEndRules.MISSED_CALL_TASKS, tasks), null);
	}

	private Call deliver(String from, CallResult result, boolean answered) {
		String id = "rule-" + UUID.randomUUID();
		Instant start = Instant.now().minusSeconds(60);
		this.sink.accept(event(id, CallEventType.STARTED, start).externalNumber(from).build());
		this.sink.accept(event(id, CallEventType.RINGING, start.plusSeconds(1)).extension("100").build());
		if (answered) {
			this.sink.accept(event(id, CallEventType.ANSWERED, start.plusSeconds(5)).extension("100").build());
		}
		this.sink.accept(event(id, CallEventType.ENDED, start.plusSeconds(30)).result(result).build());
		List<Call> all = this.calls.search(this.tenant, CallFilter.none(), 0, 100).items();
		return all.stream().filter((c) -> c.providerCallId().equals(id)).findFirst().orElseThrow();
	}

	private ProviderCallEvent.Builder event(String id, CallEventType type, Instant at) {
		return ProviderCallEvent.of(this.account.id(), id, type, at).direction(CallDirection.INBOUND).rawPayload("{}");
	}

	private static <T> T awaitValue(Supplier<T> probe) {
		return await().atMost(Duration.ofSeconds(30)).until(probe::get, Objects::nonNull);
	}

}
