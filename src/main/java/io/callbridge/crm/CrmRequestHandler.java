package io.callbridge.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.AgentStatusService;
import io.callbridge.agents.Agents;
import io.callbridge.calls.application.ClickToCall;
import io.callbridge.calls.application.ClickToCall.ClickToCallCommand;
import io.callbridge.calls.application.ClickToCall.Originated;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What a CRM asks of Callbridge, acted on as the agent behind the CRM's user: the CRM is
 * known by the connection's client id (compared in constant time), the agent by the
 * managers' mapping, and a call or status change then goes through the same checks as the
 * agent's own (an extension, a valid number, no call in progress). Every refusal is an
 * answer with the HTTP status it deserves and a text for the CRM's user.
 */
@Component
class CrmRequestHandler implements CrmRequests {

	private final Connections connections;

	private final Managers managers;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final ClickToCall clickToCall;

	private final AgentStatusService statuses;

	CrmRequestHandler(Connections connections, Managers managers, Agents agents, TelephonyAccounts accounts,
			ClickToCall clickToCall, AgentStatusService statuses) {
		this.connections = connections;
		this.managers = managers;
		this.agents = agents;
		this.accounts = accounts;
		this.clickToCall = clickToCall;
		this.statuses = statuses;
	}

	@Override
	public Optional<CrmConnection> authenticate(String connector, String clientId) {
		if (connector == null || clientId == null || clientId.isBlank()) {
			return Optional.empty();
		}
		// Found by the id, then compared in constant time: equality in SQL alone would
		// tell a prober how much of a guess was right.
		return this.connections.findEnabledByClientId(connector, clientId)
			.filter((stored) -> MessageDigest.isEqual(stored.connection().clientId().getBytes(StandardCharsets.UTF_8),
					clientId.getBytes(StandardCharsets.UTF_8)))
			.map(StoredConnection::connection);
	}

	@Override
	public CrmRequestOutcome makeCall(CrmConnection connection, CrmUserRef manager, String phone,
			@Nullable String externalPhone) {
		Optional<Agent> agent = agent(connection, manager);
		if (agent.isEmpty()) {
			return unknown(manager);
		}
		Optional<TelephonyAccount> account = accountOf(connection, agent.get().id());
		if (account.isEmpty()) {
			return new CrmRequestOutcome.Refused(422, null,
					Text.of("crm.request.noExtension", agent.get().displayName(), connection.name()));
		}
		CurrentUser user = new CurrentUser(agent.get().id(), connection.tenantId(), agent.get().username(),
				agent.get().displayName(), agent.get().role());
		try {
			Originated call = this.clickToCall.call(user, new ClickToCallCommand((phone != null) ? phone : "", null,
					account.get().id(), agent.get().id(), callerId(account.get(), externalPhone)));
			return new CrmRequestOutcome.Accepted(
					Text.of("crm.request.calling", call.number(), agent.get().displayName()), agent.get().id(),
					call.originationId());
		}
		catch (Problems.Problem problem) {
			return refused(problem);
		}
	}

	@Override
	public CrmRequestOutcome changeStatus(CrmConnection connection, CrmUserRef manager, AgentStatus status) {
		Optional<Agent> agent = agent(connection, manager);
		if (agent.isEmpty()) {
			return unknown(manager);
		}
		try {
			this.statuses.change(connection.tenantId(), agent.get().id(), status, null);
		}
		catch (Problems.Problem problem) {
			return refused(problem);
		}
		return new CrmRequestOutcome.Accepted(
				Text.of("crm.request.statusChanged", agent.get().displayName(), statusText(status)), agent.get().id(),
				null);
	}

	private static Text statusText(AgentStatus status) {
		return switch (status) {
			case AVAILABLE -> Text.of("agentStatus.AVAILABLE");
			case BUSY -> Text.of("agentStatus.BUSY");
			case BREAK -> Text.of("agentStatus.BREAK");
			case OFFLINE -> Text.of("agentStatus.OFFLINE");
		};
	}

	private Optional<Agent> agent(CrmConnection connection, CrmUserRef manager) {
		// A disabled agent may not log in, so not act through their CRM user either.
		return this.managers.agentOf(connection, manager)
			.flatMap((id) -> this.agents.find(connection.tenantId(), id))
			.filter(Agent::enabled);
	}

	// The first of the connection's accounts where the agent has an extension, an
	// enabled one if there is (click-to-call refuses a disabled account with its reason).
	private Optional<TelephonyAccount> accountOf(CrmConnection connection, long agentId) {
		List<AgentExtension> extensions = this.agents.extensionsOf(agentId);
		List<TelephonyAccount> candidates = connection.accountIds()
			.stream()
			.filter((id) -> extensions.stream().anyMatch((e) -> e.accountId() == id))
			.map((id) -> this.accounts.find(id))
			.flatMap(Optional::stream)
			.toList();
		return candidates.stream()
			.filter(TelephonyAccount::enabled)
			.findFirst()
			.or(() -> candidates.stream().findFirst());
	}

	/**
	 * The CRM's outgoing number as the caller identity, when the account declares it as
	 * one (compared by digits, as CRMs write numbers their own way); otherwise none, and
	 * the call goes out as the account's default rather than being refused.
	 */
	static @Nullable String callerId(TelephonyAccount account, @Nullable String externalPhone) {
		String wanted = digits(externalPhone);
		if (wanted.isEmpty()) {
			return null;
		}
		return CommonSettings.of(account)
			.callerIdentities()
			.stream()
			.filter((identity) -> digits(identity).equals(wanted))
			.findFirst()
			.orElse(null);
	}

	private static String digits(@Nullable String value) {
		return (value == null) ? "" : value.replaceAll("\\D", "");
	}

	private static CrmRequestOutcome unknown(CrmUserRef manager) {
		return new CrmRequestOutcome.Refused(404, (manager.crmUserId() != null) ? "userId" : "code",
				Text.of("crm.request.unknownUser", describe(manager)));
	}

	static Text describe(CrmUserRef manager) {
		String userId = Managers.blankToNull(manager.crmUserId());
		String code = Managers.blankToNull(manager.code());
		if (userId != null && code != null) {
			return Text.of("crm.user.idAndCode", String.valueOf(userId), code);
		}
		if (userId != null) {
			return Text.of("crm.user.id", String.valueOf(userId));
		}
		return (code != null) ? Text.of("crm.user.code", code) : Text.of("crm.user.none");
	}

	// A problem click-to-call or the status change raised, with its status (409 a call in
	// progress, 422 a bad number, 502 the provider refused) and text; the number's field
	// is the CRM's phone.
	private static CrmRequestOutcome refused(Problems.Problem problem) {
		String field = null;
		if (problem instanceof Problems.InvalidInput invalid && !invalid.errors().isEmpty()) {
			field = "number".equals(invalid.errors().get(0).field()) ? "phone" : null;
		}
		return new CrmRequestOutcome.Refused(problem.status(), field, problem.text());
	}

}
