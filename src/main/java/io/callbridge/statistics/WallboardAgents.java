package io.callbridge.statistics;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentStatuses;
import io.callbridge.agents.Agents;
import io.callbridge.agents.CurrentStatus;
import io.callbridge.calls.Call;
import io.callbridge.calls.model.CallState;
import io.callbridge.statistics.Wallboard.AgentOnBoard;
import io.callbridge.statistics.Wallboard.AgentState;
import io.callbridge.statistics.Wallboard.StateCount;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * What the agents of a tenant are doing, for the wallboard: an agent in an answered call
 * or making an outbound call is on a call whatever their status says; every other agent
 * is in their stored status (available when none is stored). The board shows the enabled
 * users who have an extension (who can take calls) and anyone on a call.
 */
@Component
class WallboardAgents {

	private final Agents agents;

	private final AgentStatuses statuses;

	private final TelephonyAccounts accounts;

	WallboardAgents(Agents agents, AgentStatuses statuses, TelephonyAccounts accounts) {
		this.agents = agents;
		this.statuses = statuses;
		this.accounts = accounts;
	}

	/**
	 * The agents on the board and their counts per state.
	 *
	 * @param byState agents per state, every state in order
	 * @param agents the agents, by state and then name
	 */
	record Board(List<StateCount> byState, List<AgentOnBoard> agents) {
	}

	/**
	 * The board of the tenant's agents.
	 * @param tenantId tenant
	 * @param active the tenant's calls in progress, oldest first
	 * @param users the tenant's users by id
	 * @return the board
	 */
	Board of(long tenantId, List<Call> active, Map<Long, Agent> users) {
		Map<Long, Call> onCall = onCall(active);
		Set<Long> withExtension = withExtension(tenantId);
		Map<Long, CurrentStatus> stored = this.statuses.ofTenant(tenantId);
		List<AgentOnBoard> board = users.values()
			.stream()
			.filter((agent) -> onCall.containsKey(agent.id())
					|| (agent.enabled() && withExtension.contains(agent.id())))
			.map((agent) -> onBoard(agent, onCall.get(agent.id()), stored.get(agent.id())))
			.sorted(Comparator.comparing(AgentOnBoard::state)
				.thenComparing((agent) -> agent.name().toLowerCase(Locale.ROOT))
				.thenComparing(AgentOnBoard::agentId))
			.toList();
		return new Board(Arrays.stream(AgentState.values())
			.map((state) -> new StateCount(state, board.stream().filter((agent) -> agent.state() == state).count()))
			.toList(), board);
	}

	private static AgentOnBoard onBoard(Agent agent, @Nullable Call call, @Nullable CurrentStatus status) {
		if (call != null) {
			Instant since = (call.answeredAt() != null) ? call.answeredAt() : call.startedAt();
			return new AgentOnBoard(agent.id(), agent.displayName(), AgentState.ON_CALL, since, call.id());
		}
		if (status == null) {
			return new AgentOnBoard(agent.id(), agent.displayName(), AgentState.AVAILABLE, null, null);
		}
		return new AgentOnBoard(agent.id(), agent.displayName(), AgentState.of(status.status()), status.changedAt(),
				null);
	}

	/**
	 * The call each agent is on: the oldest answered call they have, or an outbound call
	 * they make (ringing at the other end counts: they are on the phone). Being rung is
	 * not being on a call.
	 */
	private static Map<Long, Call> onCall(List<Call> active) {
		Map<Long, Call> onCall = new LinkedHashMap<>();
		for (Call call : active) {
			boolean talking = call.state() == CallState.ANSWERED || call.direction() == CallDirection.OUTBOUND;
			if (talking && call.agentId() != null) {
				onCall.putIfAbsent(call.agentId(), call);
			}
			if (call.originatedBy() != null) {
				onCall.putIfAbsent(call.originatedBy(), call);
			}
		}
		return onCall;
	}

	private Set<Long> withExtension(long tenantId) {
		Set<Long> agentIds = new HashSet<>();
		for (TelephonyAccount account : this.accounts.list(tenantId)) {
			this.agents.extensionsOfAccount(account.id()).forEach((extension) -> agentIds.add(extension.agentId()));
		}
		return agentIds;
	}

}
