package io.callbridge.statistics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code WHERE} condition on {@code call_facts} for one tenant and filter, with its
 * named parameters. Only the filters that are set become conditions (no
 * {@code :x IS NULL OR …}), so each combination is its own statement whose plan uses the
 * index on {@code (tenant_id, local_day)}, or {@code (tenant_id, agent_id, local_day)}
 * with an agent.
 *
 * @param where the condition, without {@code WHERE}
 * @param params its parameters by name
 */
record FactFilter(String where, Map<String, Object> params) {

	static FactFilter of(long tenantId, StatisticsFilter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = new StringBuilder("tenant_id = :tenant AND local_day >= :from AND local_day <= :to");
		params.put("tenant", tenantId);
		params.put("from", filter.from());
		params.put("to", filter.to());
		if (filter.accountId() != null) {
			where.append(" AND account_id = :account");
			params.put("account", filter.accountId());
		}
		if (filter.agentId() != null) {
			where.append(" AND agent_id = :agent");
			params.put("agent", filter.agentId());
		}
		if (filter.campaignId() != null) {
			where.append(" AND campaign_id = :campaign");
			params.put("campaign", filter.campaignId());
		}
		if (filter.direction() != null) {
			where.append(" AND direction = :direction");
			params.put("direction", filter.direction().name());
		}
		return new FactFilter(where.toString(), Map.copyOf(params));
	}

}
