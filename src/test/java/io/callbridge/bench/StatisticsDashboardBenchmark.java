package io.callbridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.callbridge.shared.Role;
import io.callbridge.statistics.CallStatistics;
import io.callbridge.statistics.Dashboard;
import io.callbridge.statistics.FactQueryPlans;
import io.callbridge.statistics.StatisticsFilter;
import io.callbridge.support.FakeProviderConfiguration;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.bench.Percentiles.percentile;
import static io.callbridge.bench.Percentiles.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures the statistics dashboard of a tenant with a year of 1,000,000 ended calls on
 * PostgreSQL: {@link CallStatistics#dashboard} for the last 30 days, the same for one
 * agent, and for the last 7 days, then the same over HTTP
 * ({@code GET /api/v1/statistics/dashboard}) when that API exists. The calls and their
 * facts are loaded with SQL ({@link CallFactsLoad}); the statements' plans are shown
 * before and after the table is analysed. Asserts only that every request succeeded and
 * that the 30 days counted every fact of the period.
 */
@Benchmark
@Import(FakeProviderConfiguration.class)
class StatisticsDashboardBenchmark {

	private static final int AGENTS = 40;

	private static final String API = "/api/v1/statistics/dashboard";

	private final int calls = Integer.getInteger("bench.calls", 1_000_000);

	private final int runs = Integer.getInteger("bench.dashboards", 200);

	private final int warmup = Integer.getInteger("bench.dashboard-warmup", 30);

	private final boolean keep = Boolean.getBoolean("bench.keep");

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	Tenants tenants;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallStatistics statistics;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * The times of one round.
	 *
	 * @param name what was asked
	 * @param micros each request's time, sorted
	 * @param failed requests that failed (exception or not 200)
	 * @param calls the calls the last answer counted (-1 over HTTP)
	 */
	record Round(String name, long[] micros, int failed, long calls) {

		String ms(double p) {
			return String.format(Locale.ROOT, "%.1f", percentile(this.micros, p) / 1000.0);
		}

	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.MINUTES)
	void dashboardOfAMillionCalls() throws Exception {
		assumeTrue("PostgreSQL".equals(BenchmarkReport.database()),
				"loads its calls with PostgreSQL's generate_series: run with -Dbench.db=postgres");
		Long reused = Long.getLong("bench.tenant");
		long tenantId = (reused != null) ? reused : this.data.anyTenant();
		ZoneId zone = this.tenants.get(tenantId).timeZone();
		List<Long> agents = (reused != null) ? agentsOf(tenantId) : newAgents(tenantId);
		TestUser supervisor = this.data.anyUser(tenantId, Role.SUPERVISOR);
		LocalDate today = LocalDate.now(zone);
		StatisticsFilter days30 = new StatisticsFilter(today.minusDays(29), today, null, null, null, null);
		StatisticsFilter days7 = new StatisticsFilter(today.minusDays(6), today, null, null, null, null);
		long agent = agents.get(7);

		Load load = (reused != null) ? Load.reused(tenantId) : load(tenantId, zone, today, days30, agent);
		Map<String, String> plansAnalysed = plans(tenantId, days30, agent);
		long expected30 = this.jdbc
			.sql("SELECT COUNT(*) FROM call_facts WHERE tenant_id = ? AND local_day >= ? AND local_day <= ?")
			.params(tenantId, days30.from(), days30.to())
			.query(Long.class)
			.single();

		List<Round> rounds = new ArrayList<>();
		rounds.add(service("service, 30 days", () -> this.statistics.dashboard(tenantId, days30)));
		rounds.add(service("service, 30 days, one agent",
				() -> this.statistics.dashboard(tenantId, days30.forAgent(agent))));
		rounds.add(service("service, 7 days", () -> this.statistics.dashboard(tenantId, days7)));
		int probe = status(supervisor.token(), API + "?period=30d");
		if (probe == 200) {
			rounds.add(overHttp("HTTP, 30 days", supervisor.token(), API + "?period=30d"));
			rounds.add(overHttp("HTTP, 30 days, one agent", supervisor.token(), API + "?period=30d&agentId=" + agent));
			rounds.add(overHttp("HTTP, 7 days", supervisor.token(), API + "?period=7d"));
		}
		List<SqlStatistics.Entry> statements = profiled(() -> this.statistics.dashboard(tenantId, days30));
		long deleteMillis = (this.keep || reused != null) ? -1 : delete(tenantId);

		report(load, plansAnalysed, rounds, probe, statements, deleteMillis);
		assertThat(rounds).allSatisfy((round) -> assertThat(round.failed()).as(round.name()).isZero());
		assertThat(rounds.get(0).calls()).isEqualTo(expected30);
	}

	/**
	 * How the calls got there.
	 *
	 * @param text what to report
	 * @param unanalysed the plans right after loading, before ANALYZE
	 */
	record Load(String text, Map<String, String> unanalysed) {

		static Load reused(long tenantId) {
			return new Load("reused the calls of tenant " + tenantId + " (bench.tenant)", Map.of());
		}

	}

	private Load load(long tenantId, ZoneId zone, LocalDate today, StatisticsFilter days30, long agent) {
		long[] millis = CallFactsLoad.load(this.jdbc, tenantId, zone, today, this.calls, accounts(tenantId),
				agentsOf(tenantId));
		String analysedBefore = analysed();
		Map<String, String> unanalysed = plans(tenantId, days30, agent);
		long start = System.nanoTime();
		this.jdbc.sql("ANALYZE calls").update();
		this.jdbc.sql("ANALYZE call_facts").update();
		return new Load(
				String.format(Locale.ROOT,
						"tenant %d: calls %,d ms, facts %,d ms; ANALYZE %,d ms; call_facts last analysed before: %s",
						tenantId, millis[0], millis[1], (System.nanoTime() - start) / 1_000_000, analysedBefore),
				unanalysed);
	}

	private List<Long> newAgents(long tenantId) {
		for (int i = 0; i < AGENTS; i++) {
			this.data.anyUser(tenantId, Role.AGENT);
		}
		return agentsOf(tenantId);
	}

	private List<Long> agentsOf(long tenantId) {
		return this.jdbc.sql("SELECT id FROM users WHERE tenant_id = ? AND role = 'AGENT' ORDER BY id")
			.param(tenantId)
			.query(Long.class)
			.list();
	}

	private Map<Long, String> accounts(long tenantId) {
		Map<Long, String> lines = new LinkedHashMap<>();
		TelephonyAccount sandbox = this.data.sandboxAccount(tenantId);
		lines.put(sandbox.id(), sandbox.provider());
		for (String name : List.of("Line B", "Line C")) {
			lines.put(
					this.accounts
						.create(tenantId, FakeTelephonyProvider.KEY, name, true, Map.of(),
								new Credentials(Map.of("secret", "s")))
						.id(),
					FakeTelephonyProvider.KEY);
		}
		return lines;
	}

	private Round service(String name, Supplier<Dashboard> dashboard) {
		int failed = 0;
		long counted = -1;
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i < this.warmup + this.runs; i++) {
			long start = System.nanoTime();
			try {
				counted = dashboard.get().totals().calls();
			}
			catch (RuntimeException ex) {
				failed++;
			}
			if (i >= this.warmup) {
				micros.add((System.nanoTime() - start) / 1000);
			}
		}
		return new Round(name, sorted(micros), failed, counted);
	}

	private Round overHttp(String name, String token, String path) throws Exception {
		int failed = 0;
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i < this.warmup + this.runs; i++) {
			long start = System.nanoTime();
			failed += (status(token, path) == 200) ? 0 : 1;
			if (i >= this.warmup) {
				micros.add((System.nanoTime() - start) / 1000);
			}
		}
		return new Round(name, sorted(micros), failed, -1);
	}

	private int status(String token, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
	}

	// On a 'bench-' thread, so that SqlStatistics counts the statistics' statements as
	// the application's, not as the benchmark's own.
	private List<SqlStatistics.Entry> profiled(Supplier<Dashboard> dashboard) throws Exception {
		SqlStatistics.start();
		try (ExecutorService thread = Executors.newSingleThreadExecutor((task) -> new Thread(task, "bench-stats"))) {
			thread.submit(() -> {
				for (int i = 0; i < 20; i++) {
					dashboard.get();
				}
			}).get();
		}
		return SqlStatistics.stop();
	}

	private Map<String, String> plans(long tenantId, StatisticsFilter days30, long agent) {
		Map<String, String> plans = new LinkedHashMap<>();
		FactQueryPlans.explain(this.jdbc, tenantId, days30).forEach((k, v) -> plans.put(k + ", 30 days", v));
		FactQueryPlans.explain(this.jdbc, tenantId, days30.forAgent(agent))
			.forEach((k, v) -> plans.put(k + ", 30 days, one agent", v));
		return plans;
	}

	private String analysed() {
		return this.jdbc.sql("""
				SELECT COALESCE(CAST(GREATEST(last_analyze, last_autoanalyze) AS text), 'never')
				  || ', rows changed since: ' || n_mod_since_analyze
				FROM pg_stat_user_tables WHERE relname = 'call_facts' AND schemaname = current_schema()""")
			.query(String.class)
			.single();
	}

	private long delete(long tenantId) {
		long start = System.nanoTime();
		this.jdbc.sql("DELETE FROM call_facts WHERE tenant_id = ?").param(tenantId).update();
		this.jdbc.sql("DELETE FROM calls WHERE tenant_id = ?").param(tenantId).update();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private void report(Load load, Map<String, String> analysed, List<Round> rounds, int probe,
			List<SqlStatistics.Entry> statements, long deleteMillis) {
		BenchmarkReport report = new BenchmarkReport("StatisticsDashboardBenchmark-postgres",
				"Statistics dashboard over " + String.format(Locale.ROOT, "%,d", this.calls) + " calls",
				BenchmarkReport.database());
		report.line("Load: " + load.text() + "; deleted afterwards in " + deleteMillis + " ms (-1: kept)");
		report.line("").line("Runs per round: " + this.runs + " after " + this.warmup + " warm-up; one thread.");
		report.line("").table("round", "p50 ms", "p95 ms", "p99 ms", "max ms", "failed", "calls counted");
		for (Round round : rounds) {
			report.row(round.name(), round.ms(0.50), round.ms(0.95), round.ms(0.99), round.ms(1.0), round.failed(),
					round.calls());
		}
		if (probe != 200) {
			report.line("").line("HTTP not measured: " + API + " answered " + probe + " (the API is not there).");
		}
		report.line("").line("SQL of 20 dashboards (30 days):").statements("dashboard", 20, statements);
		plans(report, "Plans right after loading (before ANALYZE)", load.unanalysed());
		plans(report, "Plans after ANALYZE", analysed);
		report.publish();
	}

	private static void plans(BenchmarkReport report, String title, Map<String, String> plans) {
		report.line("").line(title + ":");
		plans.forEach((name, plan) -> report.line("").line("`" + name + "`").line("```").line(plan).line("```"));
	}

}
