package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyFailure;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.TelephonyProviders;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Click-to-call: checks that the agent can call (an extension, a valid number, no call in
 * progress), records the request so the provider's events can be matched to it, and asks
 * the provider to originate the call. Acceptance only means the provider took the
 * request; the call itself shows up through its events.
 * <p>
 * A call in progress whose end was never reported must not block an agent for good: it
 * stops blocking once it has had no event for longer than a ringing or a conversation can
 * plausibly last, and the agent may close it as over from the console at any time.
 */
@Service
public class ClickToCall {

	/** How long a request blocks another one while its call has not shown up yet. */
	private static final Duration PENDING = Duration.ofSeconds(30);

	/**
	 * A call not answered yet that has had no event for this long no longer blocks: no
	 * provider lets a phone ring this long.
	 */
	static final Duration QUIET_WHILE_RINGING = Duration.ofMinutes(10);

	/**
	 * An answered call that has had no event for this long no longer blocks
	 * (conversations send no events while they last).
	 */
	static final Duration QUIET_IN_CONVERSATION = Duration.ofHours(2);

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	private final ContactService contactService;

	private final Contacts contacts;

	private final Calls calls;

	private final Originations originations;

	private final JdbcClient jdbc;

	ClickToCall(Agents agents, TelephonyAccounts accounts, TelephonyProviders providers, ContactService contactService,
			Contacts contacts, Calls calls, Originations originations, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.accounts = accounts;
		this.providers = providers;
		this.contactService = contactService;
		this.contacts = contacts;
		this.calls = calls;
		this.originations = originations;
	}

	/**
	 * A click-to-call request.
	 *
	 * @param number the number to call, any format
	 * @param contactId the contact being called, if started from a contact
	 * @param accountId the telephony account to call through (default: the agent's first
	 * enabled one)
	 * @param agentId the agent to call for (supervisors and admins only; default: the
	 * caller)
	 * @param callerId the identity to call from: the agent's extension (default) or one
	 * of the account's further caller identities
	 * @param campaignId the campaign the call is made for; whoever sends it has checked
	 * that the agent belongs to it (the calls module only keeps it on the call)
	 */
	public record ClickToCallCommand(String number, @Nullable Long contactId, @Nullable Long accountId,
			@Nullable Long agentId, @Nullable String callerId, @Nullable Long campaignId) {

		public ClickToCallCommand(String number, @Nullable Long contactId, @Nullable Long accountId,
				@Nullable Long agentId, @Nullable String callerId) {
			this(number, contactId, accountId, agentId, callerId, null);
		}

		public ClickToCallCommand(String number, @Nullable Long contactId, @Nullable Long accountId,
				@Nullable Long agentId) {
			this(number, contactId, accountId, agentId, null);
		}

	}

	/**
	 * An accepted request.
	 *
	 * @param originationId the request's id
	 * @param accountId account used
	 * @param extension the agent's extension, rung first
	 * @param number the number called, E.164
	 * @param providerCallId the provider's call id, when it returns one
	 */
	public record Originated(long originationId, long accountId, String extension, String number,
			@Nullable String providerCallId) {
	}

	/**
	 * An agent's call in progress as click-to-call sees it.
	 *
	 * @param call the call
	 * @param lastEventAt when its last event arrived
	 * @param blocking whether it keeps the agent from starting another call; a call quiet
	 * for too long does not
	 */
	public record ActiveCall(Call call, Instant lastEventAt, boolean blocking) {
	}

	/**
	 * The agent's call in progress, if any: the newest one that blocks a new call, else
	 * the newest one that no longer does.
	 * @param tenantId tenant
	 * @param agentId agent
	 * @return the call
	 */
	public Optional<ActiveCall> activeCall(long tenantId, long agentId) {
		Instant now = Instant.now();
		List<ActiveCall> active = this.calls.activeCallsOf(tenantId, agentId).stream().map((call) -> {
			Instant last = this.calls.lastEventAt(tenantId, call.id()).orElse(call.startedAt());
			Duration quietLimit = (call.answeredAt() != null) ? QUIET_IN_CONVERSATION : QUIET_WHILE_RINGING;
			return new ActiveCall(call, last, last.plus(quietLimit).isAfter(now));
		}).toList();
		return active.stream().filter(ActiveCall::blocking).findFirst().or(() -> active.stream().findFirst());
	}

	/**
	 * The agent says a call is over although its end was never reported (a lost webhook,
	 * a restarted PBX): it no longer counts as their call in progress. The call itself
	 * stays as the provider reported it.
	 * @param user the agent
	 * @param callId the call
	 */
	public void close(CurrentUser user, long callId) {
		this.calls.get(user.tenantId(), callId);
		if (!this.calls.participants(callId).contains(user.userId())) {
			throw new Problems.Forbidden(Text.of("problem.callClose.notYours", String.valueOf(callId)));
		}
		try {
			this.jdbc.sql("""
					INSERT INTO agent_closed_calls (call_id, agent_id, tenant_id, closed_at)
					VALUES (?, ?, ?, CURRENT_TIMESTAMP)""").params(callId, user.userId(), user.tenantId()).update();
		}
		catch (DuplicateKeyException ex) {
			// Closed already (a double click, another tab): once is what was asked.
		}
	}

	public Originated call(CurrentUser user, ClickToCallCommand command) {
		long agentId = agentFor(user, command.agentId());
		String e164 = this.contactService.requireValid(user.tenantId(), command.number(), "number");
		if (command.contactId() != null) {
			this.contacts.get(user.tenantId(), command.contactId());
		}
		AgentExtension extension = extensionFor(user.tenantId(), agentId, command.accountId());
		TelephonyAccount account = this.accounts.get(user.tenantId(), extension.accountId());
		requireIdle(user.tenantId(), agentId);
		String callerId = callerIdentity(account, extension.extension(), command.callerId());
		TelephonyProvider provider = this.providers.get(account.provider());
		long originationId = this.originations.record(user.tenantId(), account.id(), agentId, extension.extension(),
				e164, command.contactId(), command.campaignId());
		OriginateResult result;
		try {
			result = provider.originate(account, this.accounts.credentials(account),
					new OriginateRequest(extension.extension(), e164, callerId));
		}
		catch (RuntimeException ex) {
			result = OriginateResult.Refused.of(TelephonyFailure.textOf(ex));
		}
		return switch (result) {
			case OriginateResult.Accepted accepted -> {
				this.originations.accepted(originationId, accepted.providerCallId());
				yield new Originated(originationId, account.id(), extension.extension(), e164,
						accepted.providerCallId());
			}
			case OriginateResult.Refused refused -> {
				this.originations.refused(originationId, refused.reason());
				throw new Problems.ProviderFailure(
						Text.of("clickToCall.providerRefused", provider.label(), refused.text()));
			}
		};
	}

	// Only the agent's own extension or one of the account's declared identities may be
	// used, so an agent cannot call out as a colleague.
	private static @Nullable String callerIdentity(TelephonyAccount account, String extension,
			@Nullable String requested) {
		if (requested == null || requested.isBlank() || requested.strip().equals(extension)) {
			return null;
		}
		List<String> allowed = CommonSettings.of(account).callerIdentities();
		if (!allowed.contains(requested.strip())) {
			throw new Problems.InvalidInput("callerId", Text.of("clickToCall.notCallerIdentity", requested.strip(),
					account.name(), allowed.isEmpty() ? extension : extension + ", " + String.join(", ", allowed)));
		}
		return requested.strip();
	}

	private long agentFor(CurrentUser user, @Nullable Long requested) {
		if (requested == null || requested == user.userId()) {
			return user.userId();
		}
		user.require(io.callbridge.shared.Role.SUPERVISOR);
		return this.agents.get(user.tenantId(), requested).id();
	}

	private AgentExtension extensionFor(long tenantId, long agentId, @Nullable Long accountId) {
		List<AgentExtension> extensions = this.agents.extensionsOf(agentId)
			.stream()
			.filter((e) -> accountId == null || e.accountId() == accountId)
			.filter((e) -> this.accounts.get(tenantId, e.accountId()).enabled())
			.toList();
		if (extensions.isEmpty()) {
			throw new Problems.InvalidInput("extension", (accountId == null) ? Text.of("clickToCall.noExtension")
					: Text.of("clickToCall.noExtensionOnAccount", String.valueOf(accountId)));
		}
		return extensions.get(0);
	}

	private void requireIdle(long tenantId, long agentId) {
		Optional<ActiveCall> active = activeCall(tenantId, agentId).filter(ActiveCall::blocking);
		if (active.isPresent()) {
			throw new Problems.Conflict(Text.of("problem.clickToCall.busy", String.valueOf(active.get().call().id())));
		}
		if (this.originations.hasPending(agentId, PENDING)) {
			throw new Problems.Conflict(Text.of("clickToCall.stillConnecting"));
		}
	}

}
