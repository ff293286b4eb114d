package io.callbridge.calls.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.Agents;
import io.callbridge.calls.ExternalResponsibles;
import io.callbridge.contacts.Callers;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.PhoneNumber;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decides about a starting inbound call for providers that ask: the known caller's name
 * for the desk phone, and the extension on this account to route the call to: the agent
 * an external system (a CRM) names as the caller's responsible, when one does and has an
 * extension here, else the responsible agent of the caller's one contact.
 */
@Component
class CallStartDecisions implements CallStartDecider {

	private static final Logger log = LoggerFactory.getLogger(CallStartDecisions.class);

	private final TelephonyAccounts accounts;

	private final ContactService contactService;

	private final Callers callers;

	private final Agents agents;

	private final CallEventSink sink;

	private final ObjectProvider<ExternalResponsibles> externalResponsibles;

	CallStartDecisions(TelephonyAccounts accounts, ContactService contactService, Callers callers, Agents agents,
			CallEventSink sink, ObjectProvider<ExternalResponsibles> externalResponsibles) {
		this.externalResponsibles = externalResponsibles;
		this.sink = sink;
		this.accounts = accounts;
		this.contactService = contactService;
		this.callers = callers;
		this.agents = agents;
	}

	@Override
	public CallStartDecision decide(CallStartQuery query) {
		Optional<TelephonyAccount> account = this.accounts.findCached(query.accountId());
		if (account.isEmpty() || !(this.contactService.normalize(account.get().tenantId(),
				query.callerNumber()) instanceof PhoneNumber.Valid valid)) {
			return CallStartDecision.proceed();
		}
		// The blacklist and the caller's contacts in one read: the provider waits for the
		// answer.
		Callers.Caller caller = this.callers.lookup(account.get().tenantId(), valid.e164());
		if (caller.blacklisted()) {
			return new CallStartDecision(null, null, true);
		}
		String external = externalRoute(account.get(), valid.e164());
		List<Callers.Match> matches = caller.contacts();
		if (matches.isEmpty()) {
			return (external != null) ? new CallStartDecision(null, external, false) : CallStartDecision.proceed();
		}
		Callers.Match first = matches.get(0);
		// With several contacts on one number, the name is only shown if they all share
		// it.
		boolean sameName = matches.stream().allMatch((c) -> c.name().equals(first.name()));
		String name = sameName ? first.name() : null;
		String route = (external != null) ? external : (matches.size() == 1 && first.responsibleId() != null)
				? extensionOn(first.responsibleId(), account.get().id()) : null;
		return new CallStartDecision(name, route, false);
	}

	/**
	 * Records a rejection as the call's end with result {@code REJECTED}: the provider
	 * later reports the hang-up as busy or cancelled, but what happened is that
	 * Callbridge rejected a blacklisted caller. Delivered the way the adapter delivers
	 * the call's events, so that it comes after the start: a webhook's are stored
	 * (durably before the provider's answer) and applied by the call's lane — applied on
	 * the request's thread instead, the rejection was a transaction of its own in the
	 * answer's time and a second writer of the call beside its lane; the sandbox's are
	 * applied at once.
	 */
	@Override
	public void applied(CallStartQuery query, CallStartDecision decision) {
		if (!decision.reject()) {
			return;
		}
		ProviderCallEvent rejection = rejection(query);
		if (query.eventsReceived()) {
			this.sink.receive(rejection);
		}
		else {
			this.sink.accept(rejection);
		}
	}

	private static ProviderCallEvent rejection(CallStartQuery query) {
		return ProviderCallEvent.of(query.accountId(), query.providerCallId(), CallEventType.ENDED, Instant.now())
			.direction(CallDirection.INBOUND)
			.externalNumber(query.callerNumber())
			.ourLine(query.calledLine())
			.result(CallResult.REJECTED)
			.dedupeKey("decision:REJECTED")
			.source(EventSource.DECISION)
			.rawPayload("{\"source\":\"Callbridge\",\"decision\":\"reject\",\"reason\":\"blacklisted\"}")
			.build();
	}

	// The first responsible an external system names who has an extension on the
	// account; a failing system is skipped, never the call's decision.
	private @Nullable String externalRoute(TelephonyAccount account, String e164) {
		for (ExternalResponsibles responsibles : this.externalResponsibles.orderedStream().toList()) {
			try {
				Optional<Long> agent = responsibles.responsibleAgent(account.tenantId(), account.id(), e164);
				String extension = agent.map((id) -> extensionOn(id, account.id())).orElse(null);
				if (extension != null) {
					return extension;
				}
			}
			catch (RuntimeException ex) {
				log.warn("Asking {} for the responsible agent of a caller on account {} failed",
						responsibles.getClass().getSimpleName(), account.id(), ex);
			}
		}
		return null;
	}

	private @Nullable String extensionOn(long agentId, long accountId) {
		return this.agents.extensionsOf(agentId)
			.stream()
			.filter((e) -> e.accountId() == accountId)
			.map(AgentExtension::extension)
			.findFirst()
			.orElse(null);
	}

}
