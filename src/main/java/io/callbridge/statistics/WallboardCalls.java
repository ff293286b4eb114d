package io.callbridge.statistics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.contacts.Contacts;
import io.callbridge.contacts.PhoneNumbers;
import io.callbridge.statistics.Wallboard.LiveCall;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The wallboard's view of calls in progress: each with its number for display, its
 * contact's name, its line's name, who has it and where it rang, read in a few queries
 * for all the calls at once.
 */
@Component
class WallboardCalls {

	private final Calls calls;

	private final Contacts contacts;

	private final TelephonyAccounts accounts;

	WallboardCalls(Calls calls, Contacts contacts, TelephonyAccounts accounts) {
		this.calls = calls;
		this.contacts = contacts;
		this.accounts = accounts;
	}

	/**
	 * The calls as the wallboard shows them, in the same order.
	 * @param tenantId tenant
	 * @param calls the calls
	 * @param users the tenant's users by id, for names
	 * @return the calls for the board
	 */
	List<LiveCall> of(long tenantId, List<Call> calls, Map<Long, Agent> users) {
		if (calls.isEmpty()) {
			return List.of();
		}
		Map<Long, String> contactNames = this.contacts.namesOf(tenantId,
				calls.stream().map(Call::contactId).filter(Objects::nonNull).distinct().toList());
		Map<Long, String> lines = this.accounts.list(tenantId)
			.stream()
			.collect(Collectors.toMap(TelephonyAccount::id, TelephonyAccount::name));
		Map<Long, List<Long>> rang = this.calls.rangAgents(tenantId, calls.stream().map(Call::id).toList());
		return calls.stream().map((call) -> {
			@Nullable Long agentId = (call.agentId() != null) ? call.agentId() : call.originatedBy();
			List<String> rung = rang.getOrDefault(call.id(), List.of())
				.stream()
				.map((id) -> name(users, id))
				.filter(Objects::nonNull)
				.toList();
			return new LiveCall(call.id(), call.direction(),
					(call.externalNumber() != null) ? PhoneNumbers.display(call.externalNumber()) : null,
					call.contactId(), (call.contactId() != null) ? contactNames.get(call.contactId()) : null,
					call.accountId(), lines.getOrDefault(call.accountId(), ""), call.ourLine(), agentId,
					name(users, agentId), rung, call.startedAt(), call.answeredAt());
		}).toList();
	}

	private static @Nullable String name(Map<Long, Agent> users, @Nullable Long id) {
		Agent agent = (id != null) ? users.get(id) : null;
		return (agent != null) ? agent.displayName() : null;
	}

}
