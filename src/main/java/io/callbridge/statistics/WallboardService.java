package io.callbridge.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.calls.model.CallState;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.callbridge.statistics.Wallboard.LiveCall;
import io.callbridge.telephony.CallDirection;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a tenant's wallboard for supervisors and admins: the calls in progress from the
 * calls module, the agents' states from their statuses and calls, and today's figures
 * from {@link CallStatistics}. Reads only; an open wallboard is told to read it again by
 * the consoles' live push.
 */
@Service
public class WallboardService {

	/** The board lists at most this many calls in progress (the oldest). */
	public static final int MAX_CALLS = 200;

	private final Calls calls;

	private final Agents agents;

	private final WallboardCalls liveCalls;

	private final WallboardAgents agentStates;

	private final Tenants tenants;

	private final CallStatistics statistics;

	private final DatabaseClock clock;

	WallboardService(Calls calls, Agents agents, WallboardCalls liveCalls, WallboardAgents agentStates, Tenants tenants,
			CallStatistics statistics, DatabaseClock clock) {
		this.calls = calls;
		this.agents = agents;
		this.liveCalls = liveCalls;
		this.agentStates = agentStates;
		this.tenants = tenants;
		this.statistics = statistics;
		this.clock = clock;
	}

	/**
	 * The wallboard of the user's tenant; only supervisors and admins may read it (403
	 * problem otherwise).
	 */
	@Transactional(readOnly = true)
	public Wallboard of(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		long tenantId = user.tenantId();
		Instant now = this.clock.now();
		ZoneId zone = this.tenants.get(tenantId).timeZone();
		LocalDate today = LocalDate.ofInstant(now, zone);
		// One more than listed tells whether the board is complete.
		List<Call> active = this.calls.activeOfTenant(tenantId, MAX_CALLS + 1);
		boolean more = active.size() > MAX_CALLS;
		List<Call> listed = more ? active.subList(0, MAX_CALLS) : active;
		Map<Long, Agent> users = this.agents.list(tenantId)
			.stream()
			.collect(Collectors.toMap(Agent::id, Function.identity()));
		List<LiveCall> ringing = this.liveCalls.of(tenantId,
				listed.stream().filter((call) -> call.state() == CallState.RINGING).toList(), users);
		List<LiveCall> inProgress = this.liveCalls.of(tenantId,
				listed.stream().filter((call) -> call.state() == CallState.ANSWERED).toList(), users);
		WallboardAgents.Board board = this.agentStates.of(tenantId, listed, users);
		return new Wallboard(now, zone.getId(), today, ringing, inProgress, waitingLongest(ringing), more,
				board.byState(), board.agents(),
				this.statistics.totals(tenantId, new StatisticsFilter(today, today, null, null, null, null)));
	}

	private static @Nullable LiveCall waitingLongest(List<LiveCall> ringing) {
		return ringing.stream()
			.filter((call) -> call.direction() == CallDirection.INBOUND)
			.min(Comparator.comparing(LiveCall::startedAt).thenComparing(LiveCall::callId))
			.orElse(null);
	}

}
