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
 * which calls are known ({@code CallRecords.known}, its own statement), contacts by
 * number ({@code Contacts.soleContactIds}), pending click-to-call requests
 * ({@code Originations.pending}) — with parameters bound as the application binds them,
 * for the CDR sync benchmark to show on H2 and PostgreSQL, analysed or not. The other
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
		List<Object> knownParams = new ArrayList<>(List.of(accountId, accountId));
		knownParams.addAll(providerCallIds);
		plans.put("known calls (CallRecords.known)", plan(jdbc,
				explain + CallRecords.KNOWN + values(providerCallIds.size()) + CallRecords.KNOWN_END, knownParams));
		List<Object> contacts = new ArrayList<>(List.of(tenantId, tenantId));
		contacts.addAll(numbers);
		plans.put("contacts by number (Contacts.soleContactIds)",
				plan(jdbc,
						explain + """
								SELECT n.e164,
								  (SELECT COUNT(*) FROM contact_phones p WHERE p.tenant_id = ? AND p.e164 = n.e164) AS contacts,
								  (SELECT MIN(p.contact_id) FROM contact_phones p WHERE p.tenant_id = ? AND p.e164 = n.e164) AS contact_id
								FROM (VALUES\s"""
								+ values(numbers.size()) + ") AS n (e164)",
						contacts));
		List<Object> pending = new ArrayList<>(List.of(accountId));
		pending.addAll(providerCallIds);
		plans.put("pending requests by provider id (Originations.pending)", plan(jdbc,
				explain + Originations.PENDING_BY_ID + values(providerCallIds.size()) + ") AS ids (provider_call_id)",
				pending));
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
