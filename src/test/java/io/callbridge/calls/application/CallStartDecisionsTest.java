package io.callbridge.calls.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.Agents;
import io.callbridge.calls.ExternalResponsibles;
import io.callbridge.contacts.Callers;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.PhoneNumber;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.ObjectProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Who a starting call is routed to: the responsible an external system (a CRM) names,
 * when they have an extension on the account, before the responsible of the caller's one
 * contact; an external system that fails or names someone without an extension there
 * changes nothing.
 */
class CallStartDecisionsTest {

	private static final long TENANT = 1;

	private static final long ACCOUNT = 10;

	private static final String CALLER = "+34699555111";

	private static final long CRM_MANAGER = 105;

	private static final long CONTACT_RESPONSIBLE = 107;

	private final TelephonyAccounts accounts = mock();

	private final ContactService contactService = mock();

	private final Callers callers = mock();

	private final Agents agents = mock();

	private final ExternalResponsibles crm = mock();

	@BeforeEach
	void callerWithAContactOnAnAccountWithTwoAgents() {
		when(this.accounts.findCached(ACCOUNT)).thenReturn(Optional
			.of(new TelephonyAccount(ACCOUNT, TENANT, "sandbox", "Sandbox", true, "token", Map.of(), true)));
		when(this.contactService.normalize(TENANT, "699555111")).thenReturn(new PhoneNumber.Valid(CALLER));
		when(this.agents.extensionsOf(CRM_MANAGER))
			.thenReturn(List.of(new AgentExtension(ACCOUNT, CRM_MANAGER, "105")));
		when(this.agents.extensionsOf(CONTACT_RESPONSIBLE))
			.thenReturn(List.of(new AgentExtension(ACCOUNT, CONTACT_RESPONSIBLE, "107")));
		when(this.callers.lookup(TENANT, CALLER)).thenReturn(new Callers.Caller(false, List.of(contact("Pedro"))));
	}

	@Test
	void theExternalResponsibleIsRoutedToWithTheContactsName() {
		when(this.crm.responsibleAgent(TENANT, ACCOUNT, CALLER)).thenReturn(Optional.of(CRM_MANAGER));

		assertThat(decide(withCrm())).isEqualTo(new CallStartDecision("Pedro", "105", false));
	}

	@Test
	void withoutAnExternalSystemTheContactsResponsibleIsRoutedTo() {
		assertThat(decide(without())).isEqualTo(new CallStartDecision("Pedro", "107", false));
	}

	@Test
	void anExternalResponsibleWithoutAnExtensionOnTheAccountLeavesTheContactsRule() {
		when(this.crm.responsibleAgent(TENANT, ACCOUNT, CALLER)).thenReturn(Optional.of(200L));
		when(this.agents.extensionsOf(200L)).thenReturn(List.of(new AgentExtension(99, 200L, "300")));

		assertThat(decide(withCrm())).isEqualTo(new CallStartDecision("Pedro", "107", false));
	}

	@Test
	void aFailingExternalSystemLeavesTheContactsRule() {
		when(this.crm.responsibleAgent(anyLong(), anyLong(), anyString())).thenThrow(new IllegalStateException("down"));

		assertThat(decide(withCrm())).isEqualTo(new CallStartDecision("Pedro", "107", false));
	}

	@Test
	void anUnknownCallerIsRoutedToTheExternalResponsibleWithoutAName() {
		when(this.callers.lookup(TENANT, CALLER)).thenReturn(new Callers.Caller(false, List.of()));
		when(this.crm.responsibleAgent(TENANT, ACCOUNT, CALLER)).thenReturn(Optional.of(CRM_MANAGER));

		assertThat(decide(withCrm())).isEqualTo(new CallStartDecision(null, "105", false));
	}

	@Test
	void aBlacklistedCallerIsRejectedWithoutAskingTheExternalSystem() {
		when(this.callers.lookup(TENANT, CALLER)).thenReturn(new Callers.Caller(true, List.of(contact("Pedro"))));

		assertThat(decide(withCrm())).isEqualTo(new CallStartDecision(null, null, true));
		verify(this.crm, never()).responsibleAgent(anyLong(), anyLong(), anyString());
	}

	@Test
	void aRejectionIsStoredAsTheCallsEndLikeTheProvidersEventsNotAppliedOnTheRequestsThread() {
		CallEventSink sink = mock();
		CallStartDecisions decisions = new CallStartDecisions(this.accounts, this.contactService, this.callers,
				this.agents, sink, without());
		CallStartQuery query = new CallStartQuery(ACCOUNT, "call-1", "699555111", "+34910000000");

		decisions.applied(query, new CallStartDecision(null, null, true));
		decisions.applied(query, new CallStartDecision("Pedro", "107", false));

		ArgumentCaptor<ProviderCallEvent> stored = ArgumentCaptor.forClass(ProviderCallEvent.class);
		verify(sink).receive(stored.capture());
		verify(sink, never()).accept(any());
		assertThat(stored.getValue()).satisfies((event) -> {
			assertThat(event.type()).isEqualTo(CallEventType.ENDED);
			assertThat(event.result()).isEqualTo(CallResult.REJECTED);
			assertThat(event.source()).isEqualTo(EventSource.DECISION);
			assertThat(event.providerCallId()).isEqualTo("call-1");
		});
	}

	@Test
	void aRejectionIsAppliedAtOnceWhereTheAdapterAppliesTheCallsEventsAtOnce() {
		CallEventSink sink = mock();
		CallStartDecisions decisions = new CallStartDecisions(this.accounts, this.contactService, this.callers,
				this.agents, sink, without());

		decisions.applied(new CallStartQuery(ACCOUNT, "call-1", "699555111", "+34910000000", false),
				new CallStartDecision(null, null, true));

		ArgumentCaptor<ProviderCallEvent> applied = ArgumentCaptor.forClass(ProviderCallEvent.class);
		verify(sink).accept(applied.capture());
		verify(sink, never()).receive(any());
		assertThat(applied.getValue().result()).isEqualTo(CallResult.REJECTED);
		assertThat(applied.getValue().source()).isEqualTo(EventSource.DECISION);
	}

	private CallStartDecision decide(ObjectProvider<ExternalResponsibles> external) {
		CallStartDecisions decisions = new CallStartDecisions(this.accounts, this.contactService, this.callers,
				this.agents, mock(CallEventSink.class), external);
		return decisions.decide(new CallStartQuery(ACCOUNT, "call-1", "699555111", "+34910000000"));
	}

	@SuppressWarnings("unchecked")
	private ObjectProvider<ExternalResponsibles> withCrm() {
		ObjectProvider<ExternalResponsibles> provider = mock(ObjectProvider.class);
		when(provider.orderedStream()).thenAnswer((invocation) -> Stream.of(this.crm));
		return provider;
	}

	@SuppressWarnings("unchecked")
	private static ObjectProvider<ExternalResponsibles> without() {
		ObjectProvider<ExternalResponsibles> provider = mock(ObjectProvider.class);
		when(provider.orderedStream()).thenAnswer((invocation) -> Stream.empty());
		return provider;
	}

	private static Callers.Match contact(String name) {
		return new Callers.Match(1, name, CONTACT_RESPONSIBLE);
	}

}
