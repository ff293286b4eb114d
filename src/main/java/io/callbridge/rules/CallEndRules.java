package io.callbridge.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.calls.Calls;
import io.callbridge.calls.HistoryCallsEnded;
import io.callbridge.calls.application.CallLinking;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.contacts.PhoneNumbers;
import io.callbridge.followups.ImmediateFollowUps;
import io.callbridge.records.Tasks;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Runs the end-of-call rules once per call, on its completion ({@link CallEnded}), and
 * follows later corrections of its result ({@link CallResultCorrected}). Each rule is
 * switched on per telephony account (settings {@code createLeads} and
 * {@code missedCallTasks}). Calls known only from the provider's history that started
 * before the account was connected, or longer ago than the history horizon
 * ({@code callbridge.rules.history-horizon}, 3 days), are left alone. A missed-call task
 * exists at most once per call (by a unique key), is created even when nobody can be
 * assigned (the account's settings page says so), and is completed automatically when the
 * call turns out to have been answered.
 * <p>
 * The calls a page of the provider's call history completed are handled together, from
 * their {@link HistoryCallsEnded} (read in one query, most of them older than the
 * horizon), not from each one's {@code CallEnded}.
 * <p>
 * The rules only write Callbridge's own tables, so they run inside the fact's transaction
 * and commit with it (no commit of their own per call); should they fail, the fact still
 * commits and a {@link CallEndRulesDeferred} retries them after commit from the event
 * publication log (see {@link ImmediateFollowUps}).
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

	private final Duration horizon;

	private final ImmediateFollowUps followUps;

	CallEndRules(Calls calls, TelephonyAccounts accounts, Contacts contacts, ContactService contactService,
			CallLinking linking, Agents agents, Tasks tasks,
			@Value("${callbridge.rules.history-horizon:3d}") Duration horizon, ImmediateFollowUps followUps) {
		this.followUps = followUps;
		this.calls = calls;
		this.accounts = accounts;
		this.contacts = contacts;
		this.contactService = contactService;
		this.linking = linking;
		this.agents = agents;
		this.tasks = tasks;
		this.horizon = horizon;
	}

	// A call known only from the provider's records is also in a HistoryCallsEnded of
	// its transaction: handled there, with the other calls of its page. Most tenants
	// switch neither rule on: then no savepoint and no read of the call (three round
	// trips per call on the webhook path).
	@EventListener
	void on(CallEnded event) {
		if (event.fromHistory()) {
			return;
		}
		if (anyRuleOn(event.tenantId())) {
			this.followUps.run("call-end-rules", () -> ended(event), () -> new CallEndRulesDeferred(event, null));
		}
	}

	@EventListener
	void on(HistoryCallsEnded event) {
		this.followUps.run("call-end-rules", () -> endedFromHistory(event.tenantId(), event.callIds()),
				() -> new HistoryCallEndRulesDeferred(event.tenantId(), event.callIds()));
	}

	@EventListener
	void on(CallResultCorrected event) {
		this.followUps.run("call-end-rules", () -> corrected(event), () -> new CallEndRulesDeferred(null, event));
	}

	/** The retry of rules that failed inside their fact's transaction. */
	@ApplicationModuleListener
	void on(CallEndRulesDeferred deferred) {
		if (deferred.ended() != null) {
			ended(deferred.ended());
		}
		if (deferred.corrected() != null) {
			corrected(deferred.corrected());
		}
	}

	/**
	 * The retry of a page's rules that failed inside its transaction: call by call, each
	 * in a savepoint, so that a call whose rules fail again is retried alone.
	 */
	@ApplicationModuleListener
	void on(HistoryCallEndRulesDeferred deferred) {
		if (deferred.callIds().size() == 1) {
			endedFromHistory(deferred.tenantId(), deferred.callIds());
			return;
		}
		for (long callId : deferred.callIds()) {
			this.followUps.run("call-end-rules", () -> endedFromHistory(deferred.tenantId(), List.of(callId)),
					() -> new HistoryCallEndRulesDeferred(deferred.tenantId(), List.of(callId)));
		}
	}

	private void ended(CallEnded event) {
		Call ended = this.calls.get(event.tenantId(), event.callId());
		Optional<TelephonyAccount> account = this.accounts.findCached(ended.accountId())
			.filter((a) -> !event.fromHistory() || isRecent(a, ended));
		account.ifPresent((a) -> applyRules(ended, a));
	}

	// The page's calls in one read, unless no account of the tenant has a rule switched
	// on (one small read instead); the account's connection time looked up once.
	private void endedFromHistory(long tenantId, List<Long> callIds) {
		if (!anyRuleOn(tenantId)) {
			return;
		}
		Map<Long, Optional<Instant>> connected = new HashMap<>();
		for (Call ended : this.calls.findAll(tenantId, callIds)) {
			this.accounts.findCached(ended.accountId())
				.filter((a) -> isRecent(a, ended, (id) -> connected.computeIfAbsent(id, this.accounts::connectedAt)))
				.ifPresent((a) -> applyRules(ended, a));
		}
	}

	private boolean anyRuleOn(long tenantId) {
		return this.accounts.listCached(tenantId).stream().map(CommonSettings::of).anyMatch(CallEndRules::anyRuleOn);
	}

	private static boolean anyRuleOn(CommonSettings settings) {
		return settings.createLeads() || settings.missedCallTasks();
	}

	private void applyRules(Call ended, TelephonyAccount account) {
		Call call = ended;
		if (CommonSettings.of(account).createLeads()) {
			call = createLead(call, account);
		}
		if (CommonSettings.of(account).missedCallTasks() && MissedCallTask.isMissed(call)) {
			createCallBackTask(call, account);
		}
	}

	private void corrected(CallResultCorrected event) {
		Call call = this.calls.get(event.tenantId(), event.callId());
		if (event.result() == CallResult.ANSWERED) {
			this.tasks
				.completeAutomatic(call.tenantId(), MissedCallTask.key(call.id()), MissedCallTask.ANSWERED_AFTER_ALL)
				.ifPresent((task) -> log.info("Call {} was answered after all: call-back task {} completed", call.id(),
						task.id()));
			return;
		}
		Optional<TelephonyAccount> account = this.accounts.findCached(call.accountId())
			.filter((a) -> !event.fromHistory() || isRecent(a, call));
		if (account.isPresent() && CommonSettings.of(account.get()).missedCallTasks()
				&& MissedCallTask.isMissed(call)) {
			createCallBackTask(call, account.get());
		}
	}

	// Calls imported from the provider's history that started before the account was
	// connected, or longer ago than the horizon, are history: no lead, no call-back task.
	// The horizon first: it needs no query, and most of a backfill is older.
	private boolean isRecent(TelephonyAccount account, Call call) {
		return isRecent(account, call, this.accounts::connectedAt);
	}

	private boolean isRecent(TelephonyAccount account, Call call, Function<Long, Optional<Instant>> connectedAt) {
		if (call.startedAt().isBefore(Instant.now().minus(this.horizon))) {
			return false;
		}
		Instant connected = connectedAt.apply(account.id()).orElse(Instant.EPOCH);
		return !call.startedAt().isBefore(connected);
	}

	private Call createLead(Call call, TelephonyAccount account) {
		if (call.externalNumber() == null || call.contactId() != null
				|| !this.contacts.findByNumber(call.tenantId(), call.externalNumber()).isEmpty()) {
			return call;
		}
		Long owner = (call.agentId() != null) ? call.agentId() : defaultResponsible(account);
		Contact lead = this.contactService.create(call.tenantId(),
				new ContactCommand(PhoneNumbers.display(call.externalNumber()), null, null, null, owner, null,
						List.of(call.externalNumber()), List.of("lead")));
		log.info("Call {} from an unknown number: created lead {}", call.id(), lead.id());
		return this.linking.linkByRule(call.tenantId(), call.id(), lead.id());
	}

	private void createCallBackTask(Call call, TelephonyAccount account) {
		Contact contact = (call.contactId() != null)
				? this.contacts.find(call.tenantId(), call.contactId()).orElse(null) : null;
		Long assignee = (contact != null && contact.responsibleId() != null) ? contact.responsibleId()
				: defaultResponsible(account);
		this.tasks
			.createAutomatic(call.tenantId(), MissedCallTask.key(call.id()),
					MissedCallTask.task(call, contact, assignee), MissedCallTask.title(call, contact),
					MissedCallTask.titleArgs(call, contact))
			.ifPresent((task) -> {
				if (assignee == null) {
					log.warn("Missed call {}: call-back task {} has nobody assigned (no responsible agent and "
							+ "no default responsible)", call.id(), task.id());
				}
			});
	}

	private @Nullable Long defaultResponsible(TelephonyAccount account) {
		return this.agents.defaultResponsibleFor(account).map(Agent::id).orElse(null);
	}

}
