package io.callbridge.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.CallLinking;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.contacts.PhoneNumbers;
import io.callbridge.records.Tasks;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Runs the end-of-call rules when a call ends. Each rule is switched on per telephony
 * account (settings {@code createLeads} and {@code missedCallTasks}, "true" to enable)
 * and is idempotent, since an event may be delivered again after a failure.
 */
@Component
class CallEndRules {

	static final String CREATE_LEADS = AccountSettings.CREATE_LEADS;

	static final String MISSED_CALL_TASKS = AccountSettings.MISSED_CALL_TASKS;

	private static final Logger log = LoggerFactory.getLogger(CallEndRules.class);

	private final Calls calls;

	private final TelephonyAccounts accounts;

	private final Contacts contacts;

	private final ContactService contactService;

	private final CallLinking linking;

	private final Agents agents;

	private final Tasks tasks;

	CallEndRules(Calls calls, TelephonyAccounts accounts, Contacts contacts, ContactService contactService,
			CallLinking linking, Agents agents, Tasks tasks) {
		this.calls = calls;
		this.accounts = accounts;
		this.contacts = contacts;
		this.contactService = contactService;
		this.linking = linking;
		this.agents = agents;
		this.tasks = tasks;
	}

	@ApplicationModuleListener
	void on(CallEnded event) {
		Call call = this.calls.get(event.tenantId(), event.callId());
		Optional<TelephonyAccount> account = this.accounts.find(call.accountId());
		if (account.isEmpty()) {
			return;
		}
		if (on(account.get(), CREATE_LEADS)) {
			call = createLead(call, account.get());
		}
		if (on(account.get(), MISSED_CALL_TASKS)) {
			createCallBackTask(call, account.get());
		}
	}

	private Call createLead(Call call, TelephonyAccount account) {
		if (call.externalNumber() == null || call.contactId() != null
				|| !this.contacts.findByNumber(call.tenantId(), call.externalNumber()).isEmpty()) {
			return call;
		}
		Long owner = (call.agentId() != null) ? call.agentId() : defaultResponsible(account);
		Contact lead = this.contactService.create(call.tenantId(),
				new ContactCommand("Lead " + PhoneNumbers.display(call.externalNumber()), null, null,
						"Created automatically from call " + call.id() + ".", owner, null,
						List.of(call.externalNumber()), List.of("lead")));
		log.info("Call {} from an unknown number: created lead {}", call.id(), lead.id());
		return this.linking.linkByRule(call.tenantId(), call.id(), lead.id());
	}

	private void createCallBackTask(Call call, TelephonyAccount account) {
		boolean missed = call.direction() == CallDirection.INBOUND && call.result() != null
				&& call.result() != CallResult.ANSWERED;
		if (!missed || this.tasks.existsForCall(call.tenantId(), call.id())) {
			return;
		}
		Contact contact = (call.contactId() != null)
				? this.contacts.find(call.tenantId(), call.contactId()).orElse(null) : null;
		Long assignee = (contact != null && contact.responsibleId() != null) ? contact.responsibleId()
				: defaultResponsible(account);
		if (assignee == null) {
			log.warn("Missed call {} has no responsible agent and the tenant no default responsible: no task",
					call.id());
			return;
		}
		String who = (contact != null) ? contact.name()
				: (call.externalNumber() != null) ? PhoneNumbers.display(call.externalNumber()) : "a private number";
		this.tasks.create(call.tenantId(),
				new Tasks.NewTask(
						"Call back " + who + " (missed call)", (call.externalNumber() != null)
								? "Number: " + PhoneNumbers.display(call.externalNumber()) : null,
						Instant.now(), assignee, (contact != null) ? contact.id() : null, call.id()));
	}

	private @Nullable Long defaultResponsible(TelephonyAccount account) {
		return this.agents.defaultResponsibleFor(account).map(Agent::id).orElse(null);
	}

	private static boolean on(TelephonyAccount account, String rule) {
		return AccountSettings.isOn(account, rule, false);
	}

}
