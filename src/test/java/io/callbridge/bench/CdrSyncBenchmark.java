package io.callbridge.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.calls.application.HistoryLookupPlans;
import io.callbridge.calls.application.ReconciliationReport;
import io.callbridge.shared.Role;
import io.callbridge.support.FakeProviderConfiguration;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.TestData;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures how fast a provider's call history (CDRs) is synced into Callbridge through
 * {@link CallHistoryReconciliation}: a first sync of a 30-day period that adds every
 * call, then a second sync of the same period that must add nothing. The history comes
 * from the in-memory fake provider, so only Callbridge's own side is measured; a real
 * provider's paging and rate limits come on top (see the report).
 */
@Benchmark
@Import(FakeProviderConfiguration.class)
class CdrSyncBenchmark {

	private static final int AGENTS = 20;

	private static final int CONTACTS = 200;

	private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);

	// CallMyWay: getCdrs pages of 500 (CallMyWayCallHistory.PAGE_SIZE) after one
	// getEndpoints, one request per 4.2 s per account (callmyway.request-spacing).
	private static final int CALLMYWAY_PAGE = 500;

	private static final double CALLMYWAY_SPACING_SECONDS = 4.2;

	private static final String[] ROUTES = { "SPAIN MOBILE", "SPAIN FIXED", "SPAIN MOBILE MOVISTAR",
			"SPAIN MOBILE VODAFONE" };

	// 20,000: with 2,000 the JIT compiler was still at work during the measured sync (the
	// JVM's CPU per CDR 121–135 µs against 104–114 after 20,000, 2026-12-07).
	private final int warmupCdrs = Integer.getInteger("bench.warmup-cdrs", 20_000);

	private final int measuredCdrs = Integer.getInteger("bench.cdrs", 100_000);

	// PostgreSQL: autovacuum off on the sync's tables while measuring, so that a database
	// never analysed stays so (the lookups must not depend on statistics).
	private final boolean unanalysed = Boolean.getBoolean("bench.unanalysed");

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	CallHistoryReconciliation reconciliation;

	@Autowired
	JdbcClient jdbc;

	private long tenantId;

	/**
	 * One sync of an account's period.
	 *
	 * @param report what the reconciliation reported
	 * @param syncNanos until reconcile() returned
	 * @param drainedNanos until, in addition, no event publication of the tenant was left
	 * incomplete (the listeners of CallEnded have run)
	 * @param storedCalls calls of the account in the database afterwards
	 * @param failed publications left failed
	 * @param statements the SQL statements counted during the sync and drain
	 * @param syncCpu CPU of this JVM and of PostgreSQL until reconcile() returned
	 * @param drainedCpu the same until drained
	 * @param walBytes PostgreSQL's log written from the sync's start until drained (the
	 * whole server's; -1 on H2)
	 */
	record Sync(ReconciliationReport report, long syncNanos, long listingNanos, long drainedNanos, long storedCalls,
			long failed, List<SqlStatistics.Entry> statements, CpuUse syncCpu, CpuUse drainedCpu, long walBytes) {

		double cdrsPerSecond() {
			return this.report.checked() / (this.syncNanos / 1e9);
		}

		// Callbridge's own work: the sync without the provider's listing (here the
		// fake's,
		// timed on its own just before).
		double ownCdrsPerSecond() {
			return this.report.checked() / (Math.max(1, this.syncNanos - this.listingNanos) / 1e9);
		}

		long executed(String thread) {
			return this.statements.stream()
				.filter((e) -> e.key().startsWith(thread + ": ") && !e.key().contains(": ("))
				.mapToLong(SqlStatistics.Entry::count)
				.sum();
		}

		double jdbcMillis(String thread) {
			return this.statements.stream()
				.filter((e) -> e.key().startsWith(thread + ": "))
				.mapToLong(SqlStatistics.Entry::nanos)
				.sum() / 1e6;
		}

	}

	@Test
	@Timeout(value = 90, unit = TimeUnit.MINUTES)
	void cdrSyncWithDedup() throws Exception {
		this.tenantId = this.data.anyTenant();
		Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant from = to.minus(Duration.ofDays(30));

		boolean unanalysed = this.unanalysed && postgres();
		if (unanalysed) {
			autovacuum(false);
		}
		try {
			measure(from, to, unanalysed);
		}
		finally {
			if (unanalysed) {
				autovacuum(true);
			}
		}
	}

	private void measure(Instant from, Instant to, boolean unanalysed) throws Exception {
		long warmupAccount = account("Warm-up");
		this.fake.history(warmupAccount, history(this.warmupCdrs, from, to, new Random(7)));
		sync(warmupAccount, from, to);
		sync(warmupAccount, from, to);

		long accountId = account("Measured");
		List<HistoricCall> history = history(this.measuredCdrs, from, to, new Random(42));
		this.fake.history(accountId, history);
		Sync first = sync(accountId, from, to);
		Map<String, String> plans = plans(accountId, history, from, to);
		String statistics = postgres() ? tableStatistics() : "";
		String indexes = postgres() ? indexSizes() : "";
		long copyNanos = copyLimit(accountId);
		Sync second = sync(accountId, from, to);
		this.fake.history(accountId, List.of());
		report(first, second, copyNanos, plans, statistics, indexes, unanalysed);
		assertThat(first.report().checked()).isEqualTo(this.measuredCdrs);
		assertThat(first.report().added()).isEqualTo(this.measuredCdrs);
		assertThat(first.storedCalls()).isEqualTo(this.measuredCdrs);
		assertThat(second.report().added()).isZero();
		assertThat(second.report().completed()).isZero();
		assertThat(second.report().alreadyKnown()).isEqualTo(this.measuredCdrs);
		assertThat(second.storedCalls()).isEqualTo(this.measuredCdrs);
		assertThat(first.failed() + second.failed()).isZero();
	}

	private static boolean postgres() {
		return "postgres".equals(System.getProperty("callbridge.test.database"));
	}

	// The tables the sync reads and writes: with autovacuum off they keep no statistics
	// (on a database never analysed) while the benchmark runs.
	private static final List<String> TABLES = List.of("calls", "call_events", "contacts", "contact_phones",
			"originations", "agent_extensions", "event_publication");

	private void autovacuum(boolean on) {
		for (String table : TABLES) {
			this.jdbc
				.sql("ALTER TABLE " + table
						+ (on ? " RESET (autovacuum_enabled)" : " SET (autovacuum_enabled = false)"))
				.update();
		}
	}

	// Whether and when PostgreSQL last analysed the tables, and what it believes their
	// size is.
	// The sizes of the indexes the sync writes, with their definitions (a partial index
	// holds only the rows its condition admits).
	private String indexSizes() {
		return this.jdbc.sql("""
				SELECT s.relname, s.indexrelname, pg_relation_size(s.indexrelid), i.indexdef
				FROM pg_stat_user_indexes s JOIN pg_indexes i ON i.indexname = s.indexrelname
				WHERE s.relname IN ('calls', 'call_events', 'call_facts') ORDER BY s.relname, s.indexrelname""")
			.query((rs, n) -> String.format(Locale.ROOT, "| %s | %s | %,.1f | `%s` |", rs.getString(1), rs.getString(2),
					rs.getLong(3) / 1024.0, rs.getString(4)))
			.list()
			.stream()
			.collect(Collectors.joining("\n"));
	}

	private String tableStatistics() {
		return this.jdbc.sql("""
				SELECT s.relname, s.n_live_tup, c.reltuples, s.last_analyze, s.last_autoanalyze
				FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
				WHERE s.relname IN ('calls', 'call_events', 'contacts', 'contact_phones', 'originations',
				  'agent_extensions', 'event_publication') ORDER BY s.relname""")
			.query((rs, n) -> String.format(Locale.ROOT, "| %s | %,d | %,.0f | %s | %s |", rs.getString(1),
					rs.getLong(2), rs.getDouble(3), rs.getString(4), rs.getString(5)))
			.list()
			.stream()
			.collect(Collectors.joining("\n"));
	}

	// The page lookups' plans, for the first page of the history, once its calls are
	// stored.
	private Map<String, String> plans(long accountId, List<HistoricCall> history, Instant from, Instant to) {
		List<HistoricCall> page = history.subList(0, Math.min(CALLMYWAY_PAGE, history.size()));
		List<String> ids = page.stream().map(HistoricCall::providerCallId).distinct().toList();
		List<String> numbers = page.stream().map((call) -> "+34" + call.externalNumber()).distinct().toList();
		return HistoryLookupPlans.explain(this.jdbc, postgres(), this.tenantId, accountId, ids, numbers, from, to);
	}

	/**
	 * The database's own limit for the same rows: the account's calls and their events
	 * copied by the database itself (INSERT … SELECT into tables of the same columns
	 * without indexes), in one transaction, timed.
	 */
	private long copyLimit(long accountId) {
		this.jdbc.sql("CREATE TABLE bench_cdr_calls AS SELECT * FROM calls WHERE 1 = 0").update();
		this.jdbc.sql("CREATE TABLE bench_cdr_events AS SELECT * FROM call_events WHERE 1 = 0").update();
		try {
			long start = System.nanoTime();
			this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql("INSERT INTO bench_cdr_calls SELECT * FROM calls WHERE account_id = ?")
					.param(accountId)
					.update();
				this.jdbc.sql("""
						INSERT INTO bench_cdr_events SELECT e.* FROM call_events e
						WHERE e.call_id IN (SELECT id FROM calls WHERE account_id = ?)""").param(accountId).update();
			});
			return System.nanoTime() - start;
		}
		finally {
			this.jdbc.sql("DROP TABLE bench_cdr_calls").update();
			this.jdbc.sql("DROP TABLE bench_cdr_events").update();
		}
	}

	/** A fake-provider account of the tenant with {@link #AGENTS} agents on it. */
	private long account(String name) {
		long accountId = this.accounts
			.create(this.tenantId, FakeTelephonyProvider.KEY, name, true, Map.of(),
					new Credentials(Map.of("secret", "s")))
			.id();
		for (int i = 0; i < AGENTS; i++) {
			this.data.assignExtension(this.tenantId, this.data.anyUser(this.tenantId, Role.AGENT).id(), accountId,
					extension(i));
		}
		if (this.jdbc.sql("SELECT COUNT(*) FROM contacts WHERE tenant_id = ?")
			.param(this.tenantId)
			.query(Long.class)
			.single() == 0) {
			for (int i = 0; i < CONTACTS; i++) {
				this.data.anyContact(this.tenantId, "Contact " + i, "+34" + number(i));
			}
		}
		return accountId;
	}

	// The reconciliation runs on a 'bench-' thread so that SqlStatistics tells its
	// statements from the listeners'.
	private Sync sync(long accountId, Instant from, Instant to) throws Exception {
		TelephonyAccount account = this.accounts.get(this.tenantId, accountId);
		Credentials credentials = this.accounts.credentials(account);
		long listing = System.nanoTime();
		this.fake.callsBetween(account, credentials, from, to);
		listing = System.nanoTime() - listing;
		Instant since = Instant.now();
		String walStart = postgres() ? walPosition() : null;
		SqlStatistics.start();
		CpuUse cpu = CpuUse.now();
		long start = System.nanoTime();
		ReconciliationReport report;
		try (ExecutorService thread = Executors.newSingleThreadExecutor((task) -> new Thread(task, "bench-sync"))) {
			report = thread.submit(() -> this.reconciliation.reconcile(this.tenantId, accountId, from, to))
				.get(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		long synced = System.nanoTime() - start;
		CpuUse syncCpu = CpuUse.now().since(cpu);
		long deadline = start + DRAIN_TIMEOUT.toNanos();
		while (incomplete(since, false) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		long drained = System.nanoTime() - start;
		CpuUse drainedCpu = CpuUse.now().since(cpu);
		long walBytes = (walStart != null) ? walBytesSince(walStart) : -1;
		List<SqlStatistics.Entry> statements = SqlStatistics.stop();
		long stored = this.jdbc.sql("SELECT COUNT(*) FROM calls WHERE account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
		return new Sync(report, synced, listing, drained, stored, incomplete(since, true), statements, syncCpu,
				drainedCpu, walBytes);
	}

	private String walPosition() {
		return this.jdbc.sql("SELECT CAST(pg_current_wal_lsn() AS VARCHAR(40))").query(String.class).single();
	}

	private long walBytesSince(String start) {
		return this.jdbc.sql("SELECT CAST(pg_wal_lsn_diff(pg_current_wal_lsn(), CAST(? AS pg_lsn)) AS BIGINT)")
			.param(start)
			.query(Long.class)
			.single();
	}

	// With completion-mode 'delete' a completed publication is deleted; what is left is
	// incomplete, either still to run or failed (status FAILED; Modulith 2.1 schema).
	private long incomplete(Instant since, boolean failedOnly) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL AND publication_date >= ?
				  AND serialized_event LIKE ?""" + (failedOnly ? " AND status = 'FAILED'" : ""))
			.params(since.minusSeconds(1).atOffset(ZoneOffset.UTC), "%\"tenantId\":" + this.tenantId + ",%")
			.query(Long.class)
			.single();
	}

	/**
	 * {@code count} CDRs spread over the period, shaped like CallMyWay's: unique numeric
	 * call ids, 55% inbound, about 60% answered with 0–600 s of talk, a per-minute rate
	 * and cost, the route of outbound calls, Spanish national numbers, {@link #AGENTS}
	 * extensions.
	 */
	private static List<HistoricCall> history(int count, Instant from, Instant to, Random random) {
		long span = Duration.between(from, to).toSeconds() - 1;
		List<HistoricCall> calls = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			boolean inbound = random.nextInt(100) < 55;
			boolean answered = random.nextInt(100) < 60;
			int talk = answered ? random.nextInt(601) : 0;
			String extension = extension(random.nextInt(AGENTS));
			BigDecimal rate = inbound ? BigDecimal.ZERO : new BigDecimal("0.0" + (150 + random.nextInt(300)));
			BigDecimal cost = rate.multiply(BigDecimal.valueOf(talk))
				.divide(BigDecimal.valueOf(60), 5, RoundingMode.HALF_UP);
			Map<String, String> extras = new LinkedHashMap<>();
			extras.put("access_fee", "0");
			extras.put("rate", rate.toPlainString());
			if (!inbound) {
				extras.put("route_pattern", "346");
				extras.put("route_name", ROUTES[random.nextInt(ROUTES.length)]);
				extras.put("access_endpoint_id", String.valueOf(7000 + Integer.parseInt(extension)));
			}
			else {
				extras.put("dst_endpoint_id", String.valueOf(7000 + Integer.parseInt(extension)));
			}
			// Two in three calls from or to a known contact's number, the rest anyone.
			String external = (random.nextInt(3) < 2) ? number(random.nextInt(CONTACTS))
					: number(CONTACTS + random.nextInt(50_000));
			calls.add(new HistoricCall(String.valueOf(880_000_000L + i),
					inbound ? CallDirection.INBOUND : CallDirection.OUTBOUND,
					from.plusSeconds(Math.floorMod(random.nextLong(), span)), null, external, null, extension,
					answered ? CallResult.ANSWERED : CallResult.MISSED, talk, null, cost, null, extras));
		}
		return calls;
	}

	private void report(Sync first, Sync second, long copyNanos, Map<String, String> plans, String statistics,
			String indexes, boolean unanalysed) {
		BenchmarkReport report = new BenchmarkReport("cdr-sync-" + System.getProperty("callbridge.test.database", "h2"),
				"CDR sync through CallHistoryReconciliation", BenchmarkReport.database());
		int pages = (this.measuredCdrs + CALLMYWAY_PAGE - 1) / CALLMYWAY_PAGE;
		double providerSeconds = (1 + pages) * CALLMYWAY_SPACING_SECONDS;
		double copyPerSecond = this.measuredCdrs / (copyNanos / 1e9);
		report
			.line(String.format(Locale.ROOT,
					"%,d CDRs of one account over 30 days (55%% inbound, ~60%% answered with 0–600 s of talk, cost "
							+ "and CallMyWay-like extras, %d agents' extensions, %d contacts) listed by the in-memory "
							+ "fake provider, synced by CallHistoryReconciliation.reconcile on one thread; warm-up "
							+ "%,d CDRs (two syncs) on another account. 'Own work' = the sync's time minus the fake "
							+ "provider's listing (timed alone just before). 'Drained' = in addition no event "
							+ "publication of the run left incomplete (the CallEnded listeners have run).%s",
					this.measuredCdrs, AGENTS, CONTACTS, this.warmupCdrs,
					unanalysed ? " Autovacuum was off on the sync's tables during the run (statistics below)." : ""))
			.line("")
			.table("sync", "CDRs", "added", "completed", "already known", "calls stored", "synced in (ms)",
					"listing (ms)", "CDRs/s (own work)", "÷ copy limit", "drained in (ms)", "SQL per CDR (sync)",
					"SQL per CDR (listeners)", "JDBC ms per CDR (sync)",
					"CPU µs per CDR until synced, JVM / PostgreSQL", "the same until drained",
					"PostgreSQL's log per CDR until drained (bytes)", "failed publications");
		row(report, "first", first, copyPerSecond);
		row(report, "second (same period)", second, copyPerSecond);
		report.line("")
			.line(String.format(Locale.ROOT,
					"Limit measured in the same run: the database copying the same %,d calls and their events "
							+ "itself (INSERT … SELECT into tables of the same columns, without indexes, one "
							+ "transaction): %,d ms, %,.0f CDRs/s.",
					this.measuredCdrs, copyNanos / 1_000_000, copyPerSecond))
			.line("")
			.line(String.format(Locale.ROOT,
					"Provider-bound time, computed, not measured: CallMyWay lists %,d CDRs in %,d getCdrs pages of "
							+ "%d after one getEndpoints, at one request per %.1f s per account: %,.0f s (%.1f min) "
							+ "for every sync, first or second, however fast Callbridge is. Callbridge's own share "
							+ "above is %.1f%% (first) and %.1f%% (second) of that.",
					this.measuredCdrs, pages, CALLMYWAY_PAGE, CALLMYWAY_SPACING_SECONDS, providerSeconds,
					providerSeconds / 60, 100 * first.syncNanos() / 1e9 / providerSeconds,
					100 * second.syncNanos() / 1e9 / providerSeconds));
		if (!statistics.isEmpty()) {
			report.line("")
				.line("PostgreSQL's statistics of the tables when the plans below were taken (after the first sync):")
				.line("")
				.table("table", "live rows", "reltuples (planner's belief)", "last analyze", "last autoanalyze");
			statistics.lines().forEach(report::line);
		}
		if (!indexes.isEmpty()) {
			report.line("")
				.line("The indexes of the tables the sync writes, after the first sync (KiB):")
				.line("")
				.table("table", "index", "size (KiB)", "definition");
			indexes.lines().forEach(report::line);
		}
		plans.forEach((name, plan) -> report.line("")
			.line("Plan of the page lookup '" + name + "' (first page of 500, after the first sync):")
			.line("")
			.line("```")
			.line(plan)
			.line("```"));
		statements(report, "first sync", first);
		statements(report, "second sync", second);
		report.publish();
	}

	private void row(BenchmarkReport report, String name, Sync sync, double copyPerSecond) {
		long cdrs = Math.max(1, sync.report().checked());
		report.row(name, sync.report().checked(), sync.report().added(), sync.report().completed(),
				sync.report().alreadyKnown(), sync.storedCalls(), sync.syncNanos() / 1_000_000,
				sync.listingNanos() / 1_000_000, sync.ownCdrsPerSecond(),
				String.format(Locale.ROOT, "%.3f", sync.ownCdrsPerSecond() / copyPerSecond),
				sync.drainedNanos() / 1_000_000,
				String.format(Locale.ROOT, "%.2f", (double) sync.executed("ingest") / cdrs),
				String.format(Locale.ROOT, "%.2f", (double) sync.executed("listener") / cdrs),
				String.format(Locale.ROOT, "%.3f", sync.jdbcMillis("ingest") / cdrs), cpu(sync.syncCpu(), cdrs),
				cpu(sync.drainedCpu(), cdrs),
				(sync.walBytes() >= 0) ? String.format(Locale.ROOT, "%,d", sync.walBytes() / cdrs) : "–",
				sync.failed());
	}

	private static String cpu(CpuUse cpu, long cdrs) {
		return String.format(Locale.ROOT, "%.0f / %.0f", cpu.jvmMicrosPer(cdrs), cpu.postgresMicrosPer(cdrs));
	}

	private void statements(BenchmarkReport report, String name, Sync sync) {
		long cdrs = Math.max(1, sync.report().checked());
		report.line("")
			.line("Where the time of the " + name + " goes ('ingest' = the reconciliation's thread, counted while "
					+ "measured: the JDBC wrapper's own overhead is in the figures above):")
			.line("")
			.table("thread: statement", "count", "per CDR", "total ms", "mean µs");
		for (SqlStatistics.Entry entry : sync.statements()) {
			report.row("`" + entry.key() + "`", entry.count(),
					String.format(Locale.ROOT, "%.2f", (double) entry.count() / cdrs), entry.nanos() / 1_000_000,
					(double) entry.nanos() / 1_000 / Math.max(1, entry.count()));
		}
	}

	private static String extension(int i) {
		return String.valueOf(201 + i);
	}

	/**
	 * A Spanish national number: mobile 6xxxxxxxx or, one in four, landline 9xxxxxxxx.
	 */
	private static String number(int i) {
		return String.format(Locale.ROOT, "%d%08d", (i % 4 == 3) ? 9 : 6, 10_000_000 + i * 37);
	}

}
