package io.callbridge.statistics;

import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.tenants.Tenants;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The statistics computed from the call facts: four grouped reads of the period's facts
 * ({@link CallFactQueries}) folded into the dashboard, the agents' names from the agents
 * module and the outcomes' labels from the calls module. The reads share one snapshot
 * (repeatable read), so the charts add up to the totals even while calls end.
 */
@Service
class CallFactStatistics implements CallStatistics {

	private final CallFactQueries queries;

	private final Tenants tenants;

	private final Agents agents;

	private final DispositionService dispositions;

	CallFactStatistics(CallFactQueries queries, Tenants tenants, Agents agents, DispositionService dispositions) {
		this.queries = queries;
		this.tenants = tenants;
		this.agents = agents;
		this.dispositions = dispositions;
	}

	@Override
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Dashboard dashboard(long tenantId, StatisticsFilter filter) {
		FactFilter facts = FactFilter.of(tenantId, filter);
		Activity activity = new Activity(this.queries.grid(facts), this.queries.histograms(facts));
		Ledger ledger = new Ledger(this.queries.ledger(facts));
		return new Dashboard(filter, this.tenants.get(tenantId).timeZone().getId(), activity.totals(),
				activity.byDay(filter.from(), filter.to()), activity.byHour(), activity.heatmap(),
				ledger.agents(names(tenantId, ledger)), ledger.outcomes(this.dispositions.outcomeLabels(tenantId)),
				ledger.costs());
	}

	@Override
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Dashboard.Totals totals(long tenantId, StatisticsFilter filter) {
		FactFilter facts = FactFilter.of(tenantId, filter);
		return new Activity(this.queries.grid(facts), this.queries.histograms(facts)).totals();
	}

	private Map<Long, String> names(long tenantId, Ledger ledger) {
		return this.agents.byIds(tenantId, ledger.agentIds())
			.values()
			.stream()
			.collect(Collectors.toMap(Agent::id, Agent::displayName));
	}

}
