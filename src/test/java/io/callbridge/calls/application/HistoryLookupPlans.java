package io.callbridge.calls.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.shared.Jdbc;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The plans ({@code EXPLAIN}) of the lookups the call history sync makes once per page —
 * which calls are known ({@code CallRecords.known}), contacts by number
 * ({@code Contacts.idsByNumbers}), pending click-to-call requests
 * ({@code Originations.pending}) — with parameters bound as the application binds them,
 * for the CDR sync benchmark to show on H2 and PostgreSQL, analysed or not. The
 * statements are copies of the application's: keep them in step.
 */
public final class HistoryLookupPlans {

	private HistoryLookupPlans() {
	}

	/**
	 * The plans by lookup.
	 * @param jdbc the application's JDBC client
	 * @param postgres whether the database is PostgreSQL (its EXPLAIN runs the statement
	 * and shows actual rows)
	 * @param tenantId tenant
	 * @param accountId account
	 * @param providerCallIds a page's provider call ids
	 * @param numbers a page's numbers in E.164
	 * @param from the page's earliest event
	 * @param to its latest
	 * @return each lookup's plan
	 */
	public static Map<String, String> explain(JdbcClient jdbc, boolean postgres, long tenantId, long accountId,
			List<String> providerCallIds, List<String> numbers, Instant from, Instant to) {
		String explain = postgres ? "EXPLAIN (ANALYZE, COSTS, TIMING OFF, SUMMARY ON) " : "EXPLAIN ";
		Map<String, String> plans = new LinkedHashMap<>();
		List<Object> known = new ArrayList<>(providerCallIds);
		known.add(accountId);
		plans.put("known calls (CallRecords.known)", plan(jdbc, explain + """
				SELECT c.provider_call_id, c.state, CASE WHEN EXISTS (SELECT 1 FROM call_events e
				  WHERE e.call_id = c.id AND e.type = 'ENDED' AND e.source NOT IN ('POLL', 'SWEEPER')) THEN 1 ELSE 0 END
				  AS reported_end
				FROM (VALUES\s""" + values(providerCallIds.size()) + ") AS ids (provider_call_id) "
				+ "JOIN calls c ON c.provider_call_id = ids.provider_call_id AND c.account_id = ?", known));
		List<Object> contacts = new ArrayList<>(numbers);
		contacts.add(tenantId);
		plans.put("contacts by number (Contacts.idsByNumbers)",
				plan(jdbc,
						explain + "SELECT p.e164, p.contact_id FROM (VALUES " + values(numbers.size())
								+ ") AS n (e164) JOIN contact_phones p ON p.e164 = n.e164 AND p.tenant_id = ? "
								+ "ORDER BY p.contact_id",
						contacts));
		plans.put("pending requests by provider id (Originations.pending)",
				plan(jdbc, explain + "SELECT o.provider_call_id FROM (VALUES " + values(providerCallIds.size())
						+ ") AS ids (provider_call_id) "
						+ "JOIN originations o ON o.provider_call_id = ids.provider_call_id AND o.account_id = ? "
						+ "AND o.call_id IS NULL", known));
		plans.put("pending requests by period (Originations.pending)", plan(jdbc, explain + """
				SELECT number_e164, requested_at FROM originations
				WHERE account_id = ? AND requested_at BETWEEN ? AND ? AND call_id IS NULL AND status <> 'REFUSED'""",
				List.of(accountId, Jdbc.ts(from.minus(Originations.MATCH_WINDOW)), Jdbc.ts(to.plusSeconds(5)))));
		return plans;
	}

	private static String values(int count) {
		return String.join(", ", Collections.nCopies(count, "(?)"));
	}

	private static String plan(JdbcClient jdbc, String sql, List<Object> params) {
		return jdbc.sql(sql)
			.params(params)
			.query((rs, n) -> rs.getString(1))
			.list()
			.stream()
			.collect(Collectors.joining("\n"));
	}

}
