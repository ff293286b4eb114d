package io.callbridge.bench;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads a year of ended calls into one tenant with two PostgreSQL statements (INSERT …
 * SELECT over {@code generate_series}): the {@code calls} rows, then the
 * {@code call_facts} rows derived from them as the facts listener would (local day, hour
 * and weekday in the tenant's zone, missed, the account's provider). The spread is fixed
 * by hashes of the row number, so every run loads the same calls: ids grow with time (as
 * when calls arrive), 92 % of calls in office hours (08–20 local), 55 % inbound, results
 * 65/15/5/8/2/3/2 % answered/missed/busy/cancelled/failed/rejected/not allowed inbound
 * and 55/25/10/5/5 % answered/missed/busy/failed/cancelled outbound, the agents evenly
 * (no agent for refused calls and half the unanswered inbound ones), 60/25/15 % over
 * three accounts, a provider cost on answered outbound calls (EUR, USD on the third
 * account), an outcome on 45 % of the answered calls, a charge on payment promises (EUR,
 * 10 % USD), 40 % of the missed calls called back within a day, callers from 50,000
 * numbers.
 */
final class CallFactsLoad {

	private static final String CALLS = """
			INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, external_number, state, result,
			  started_at, answered_at, ended_at, ring_seconds, talk_seconds, total_seconds, agent_id, cost, currency,
			  version, updated_at)
			SELECT :tenant, account, 'bench-stats-' || :tenant || '-' || g, direction, '+3460' || lpad(CAST(h9 %% 50000 AS text), 7, '0'),
			  'ENDED', result, started,
			  CASE WHEN result = 'ANSWERED' THEN started + make_interval(secs => ring) END,
			  started + make_interval(secs => COALESCE(ring, 0) + talk),
			  ring, CASE WHEN result = 'ANSWERED' THEN talk END, COALESCE(ring, 0) + talk,
			  CASE WHEN result IN ('REJECTED', 'NOT_ALLOWED') THEN NULL
			       WHEN direction = 'INBOUND' AND result <> 'ANSWERED' AND h6 %% 2 = 0 THEN NULL
			       ELSE (%2$s)[1 + h6 %% %3$d] END,
			  CASE WHEN direction = 'OUTBOUND' AND result = 'ANSWERED' THEN round(talk * 0.0021, 4) END,
			  CASE WHEN direction = 'OUTBOUND' AND result = 'ANSWERED' THEN CASE WHEN account = (%1$s)[3] THEN 'USD' ELSE 'EUR' END END,
			  0, started + make_interval(secs => COALESCE(ring, 0) + talk)
			FROM (
			  SELECT g, h6, h9, direction, result, account,
			    (CAST(:first AS date) + CAST((g - 1) * 365 / :calls AS int)
			      + make_interval(secs => CASE WHEN h1 %% 100 < 92 THEN 28800 + h2 %% 43200 ELSE h2 %% 86400 END))
			      AT TIME ZONE :zone AS started,
			    CASE WHEN result IN ('REJECTED', 'NOT_ALLOWED') THEN NULL ELSE CAST(h7 %% 45 AS int) END AS ring,
			    CASE WHEN result = 'ANSWERED' THEN CAST(5 + h8 %% 900 AS int) ELSE 0 END AS talk
			  FROM (
			    SELECT g, h1, h2, h6, h7, h8, h9,
			      CASE WHEN h3 %% 100 < 60 THEN (%1$s)[1] WHEN h3 %% 100 < 85 THEN (%1$s)[2] ELSE (%1$s)[3] END AS account,
			      CASE WHEN h4 %% 100 < 55 THEN 'INBOUND' ELSE 'OUTBOUND' END AS direction,
			      CASE WHEN h4 %% 100 < 55 THEN
			        CASE WHEN h5 %% 100 < 65 THEN 'ANSWERED' WHEN h5 %% 100 < 80 THEN 'MISSED' WHEN h5 %% 100 < 85 THEN 'BUSY'
			             WHEN h5 %% 100 < 93 THEN 'CANCELLED' WHEN h5 %% 100 < 95 THEN 'FAILED' WHEN h5 %% 100 < 98 THEN 'REJECTED'
			             ELSE 'NOT_ALLOWED' END
			      ELSE
			        CASE WHEN h5 %% 100 < 55 THEN 'ANSWERED' WHEN h5 %% 100 < 80 THEN 'MISSED' WHEN h5 %% 100 < 90 THEN 'BUSY'
			             WHEN h5 %% 100 < 95 THEN 'FAILED' ELSE 'CANCELLED' END
			      END AS result
			    FROM (
			      SELECT g, abs(hashint8extended(g, 1)) AS h1, abs(hashint8extended(g, 2)) AS h2,
			        abs(hashint8extended(g, 3)) AS h3, abs(hashint8extended(g, 4)) AS h4, abs(hashint8extended(g, 5)) AS h5,
			        abs(hashint8extended(g, 6)) AS h6, abs(hashint8extended(g, 7)) AS h7, abs(hashint8extended(g, 8)) AS h8,
			        abs(hashint8extended(g, 9)) AS h9
			      FROM generate_series(1, CAST(:calls AS bigint)) g
			    ) hashes
			  ) shaped
			) spread""";

	private static final String FACTS = """
			INSERT INTO call_facts (call_id, tenant_id, call_version, zone, started_at, ended_at, local_day, local_hour,
			  weekday, account_id, provider, agent_id, campaign_id, direction, result, missed, ring_seconds, talk_seconds,
			  cost, currency, outcome, charge_amount, charge_currency, external_number, callback_seconds, updated_at)
			SELECT c.id, c.tenant_id, c.version, :zone, c.started_at, c.ended_at,
			  CAST(c.started_at AT TIME ZONE :zone AS date), EXTRACT(HOUR FROM c.started_at AT TIME ZONE :zone),
			  EXTRACT(ISODOW FROM c.started_at AT TIME ZONE :zone), c.account_id, %1$s, c.agent_id, c.campaign_id,
			  c.direction, c.result, c.missed, c.ring_seconds, c.talk_seconds, c.cost, c.currency, c.outcome,
			  CASE WHEN c.outcome = 'payment-promise' THEN CAST(10 + c.k2 %% 490 AS DECIMAL(14, 2)) END,
			  CASE WHEN c.outcome = 'payment-promise' THEN CASE WHEN c.k1 %% 10 = 0 THEN 'USD' ELSE 'EUR' END END,
			  c.external_number, CASE WHEN c.missed AND c.k3 %% 10 < 4 THEN CAST(30 + c.k2 %% 86370 AS int) END, c.ended_at
			FROM (
			  SELECT c.*, k.*,
			    c.direction = 'INBOUND' AND c.result IN ('MISSED', 'BUSY', 'CANCELLED', 'FAILED') AS missed,
			    CASE WHEN c.result = 'ANSWERED' AND k.k1 %% 100 < 45
			      THEN (ARRAY['interested', 'not-interested', 'call-back', 'payment-promise', 'wrong-number'])[1 + k.k2 %% 5]
			    END AS outcome
			  FROM calls c
			  CROSS JOIN LATERAL (SELECT abs(hashint8extended(c.id, 11)) AS k1, abs(hashint8extended(c.id, 12)) AS k2,
			    abs(hashint8extended(c.id, 13)) AS k3) k
			  WHERE c.tenant_id = :tenant
			) c""";

	private CallFactsLoad() {
	}

	/**
	 * Loads the calls and their facts.
	 * @param jdbc the application's JDBC client (PostgreSQL)
	 * @param tenantId the tenant
	 * @param zone its time zone
	 * @param today the last local day with calls (the first is 364 days before)
	 * @param calls how many calls
	 * @param accounts three account ids with their provider keys, in order of traffic
	 * @param agents the agents' ids
	 * @return the time of each statement, in ms: calls, facts
	 */
	static long[] load(JdbcClient jdbc, long tenantId, ZoneId zone, LocalDate today, int calls,
			Map<Long, String> accounts, List<Long> agents) {
		List<Long> accountIds = List.copyOf(accounts.keySet());
		Map<String, Object> params = Map.of("tenant", tenantId, "zone", zone.getId(), "first", today.minusDays(364),
				"calls", calls);
		long start = System.nanoTime();
		jdbc.sql(CALLS.formatted(array(accountIds), array(agents), agents.size())).params(params).update();
		long callsDone = System.nanoTime();
		String providers = accounts.entrySet()
			.stream()
			.map((e) -> "WHEN " + e.getKey() + " THEN '" + e.getValue() + "'")
			.collect(Collectors.joining(" ", "CASE c.account_id ", " END"));
		jdbc.sql(FACTS.formatted(providers)).params(params).update();
		long factsDone = System.nanoTime();
		return new long[] { (callsDone - start) / 1_000_000, (factsDone - callsDone) / 1_000_000 };
	}

	private static String array(List<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(", ", "ARRAY[", "]"));
	}

}
