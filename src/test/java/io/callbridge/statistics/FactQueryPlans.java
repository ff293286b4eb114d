package io.callbridge.statistics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PostgreSQL plans ({@code EXPLAIN}, without running) of the statistics' four
 * statements for a tenant and filter, with the parameters bound as the application binds
 * them, for the benchmark to show and check (an index scan on the period, never a
 * sequential scan of all tenants' facts).
 */
public final class FactQueryPlans {

	private FactQueryPlans() {
	}

	/**
	 * The plans by statement name ({@code grid}, {@code waits}, {@code talks},
	 * {@code ledger}).
	 * @param jdbc the application's JDBC client
	 * @param tenantId tenant
	 * @param filter filter
	 * @return each statement's plan, one line per plan node
	 */
	public static Map<String, String> explain(JdbcClient jdbc, long tenantId, StatisticsFilter filter) {
		FactFilter facts = FactFilter.of(tenantId, filter);
		Map<String, String> plans = new LinkedHashMap<>();
		plans.put("grid", explain(jdbc, CallFactQueries.GRID.formatted(facts.where()), facts));
		plans.put("waits", explain(jdbc, CallFactQueries.WAITS.formatted(facts.where()), facts));
		plans.put("talks", explain(jdbc, CallFactQueries.TALKS.formatted(facts.where()), facts));
		plans.put("ledger", explain(jdbc, CallFactQueries.LEDGER.formatted(facts.where()), facts));
		return plans;
	}

	private static String explain(JdbcClient jdbc, String sql, FactFilter facts) {
		return jdbc.sql("EXPLAIN (COSTS TRUE) " + sql)
			.params(facts.params())
			.query((rs, n) -> rs.getString(1))
			.list()
			.stream()
			.collect(Collectors.joining("\n"));
	}

}
