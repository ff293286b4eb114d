package io.callbridge.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.callbridge.contacts.Blacklist;
import io.callbridge.shared.Role;
import io.callbridge.support.TestData;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.zadarma.ZadarmaWebhookSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Kills a Callbridge server with {@code kill -9} while signed Zadarma webhooks pour in,
 * starts it again, and checks that every event it had acknowledged (answered 200) is
 * applied, once. The server is a separate process (this JVM's classpath, the tests'
 * PostgreSQL database) that answers as soon as an event is stored
 * ({@code apply-wait=0s}), so many acknowledged events are still in the inbox when it
 * dies. This JVM's own appliers are stopped, so it is the restarted server that applies
 * them. One call in twenty comes from a blacklisted number: a start answered with the
 * rejection must have it stored once after the restart, its call {@code REJECTED}.
 * PostgreSQL only (an H2 file would do too, but the suite's H2 is in memory).
 */
@Benchmark
class IngestionCrashBenchmark {

	private static final String SECRET = "crash-bench-secret";

	private static final List<String> APPLY_AT_ONCE = List.of("--callbridge.ingestion.apply-wait=0s");

	private final int clients = Integer.getInteger("bench.crash-clients", 16);

	private final long loadMillis = Long.getLong("bench.crash-after-ms", 4_000);

	// Arguments of the killed server only, e.g. fewer and smaller lanes, so that many
	// acknowledged events wait in the inbox at the kill (the restarted one has the
	// defaults, so it also changes the lanes' count over them).
	private final List<String> killedServerArgs = Arrays
		.stream(System.getProperty("bench.crash-server-args", "").split(","))
		.map(String::strip)
		.filter((arg) -> !arg.isEmpty())
		.toList();

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	ApplicationContext context;

	@Autowired
	Blacklist blacklist;

	@Test
	@Timeout(value = 15, unit = TimeUnit.MINUTES)
	void acknowledgedEventsSurviveAKillDuringTheLoad() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"needs a database two processes share: run with -Dbench.db=postgres");
		ServerProcess.localIngestion(this.context, false);
		long tenantId = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenantId, "zadarma", "Zadarma crash bench", true, Map.of(),
				new Credentials(Map.of("key", "crash-key", "secret", SECRET)));
		StoredRejections.blacklistTraffic(this.blacklist, tenantId, this.data.anyUser(tenantId, Role.ADMIN).id());
		String jdbcUrl = ServerProcess.jdbcUrl(this.dataSource);
		String batch = "crash_" + UUID.randomUUID().toString().substring(0, 8);
		Starts starts = new Starts(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger refused = new AtomicInteger();

		List<String> killedArgs = new ArrayList<>(APPLY_AT_ONCE);
		killedArgs.addAll(this.killedServerArgs);
		ServerProcess server = ServerProcess.start("crash-server", jdbcUrl, killedArgs).awaitUp();
		int port = server.port();
		AtomicBoolean sending = new AtomicBoolean(true);
		ExecutorService load = Executors.newFixedThreadPool(this.clients);
		AtomicInteger next = new AtomicInteger();
		String url = "http://localhost:" + port + "/webhooks/zadarma/" + account.webhookToken();
		for (int c = 0; c < this.clients; c++) {
			ZadarmaWebhookSender sender = new ZadarmaWebhookSender(url, SECRET);
			load.submit(() -> send(sender, batch, next, sending, acknowledged, starts, refused));
		}
		Thread.sleep(this.loadMillis);
		server.kill();
		long killedAt = System.nanoTime();
		sending.set(false);
		load.shutdown();
		load.awaitTermination(1, TimeUnit.MINUTES);
		long inboxAtKill = inbox(account);
		long rejectionsAtKill = rejectionsInInbox(account, starts.rejected());
		long appliedAtKill = storedEvents(account, batch);

		try (ServerProcess restarted = ServerProcess.start("crash-server", port, jdbcUrl, APPLY_AT_ONCE)) {
			restarted.awaitUp();
			long upAt = System.nanoTime();
			while (inbox(account) > 0 && System.nanoTime() - upAt < TimeUnit.MINUTES.toNanos(5)) {
				Thread.sleep(50);
			}
			long drainedMillis = (System.nanoTime() - upAt) / 1_000_000;
			long missing = acknowledged.stream().filter((key) -> !stored(account, key)).count();
			long duplicates = duplicates(account, batch);
			StoredRejections rejections = StoredRejections.check(this.jdbc, account.id(), batch, starts.rejected(),
					starts.unanswered());
			report(new Outcome(acknowledged.size(), refused.get(), inboxAtKill, appliedAtKill, drainedMillis,
					(upAt - killedAt) / 1_000_000, missing, duplicates, starts.rejected().size(), rejectionsAtKill,
					rejections));
			assertThat(missing).as("acknowledged events not stored after the restart").isZero();
			assertThat(duplicates).as("events stored twice").isZero();
			assertThat(rejections.missing()).as("starts answered with the rejection, rejection not stored").isZero();
			assertThat(rejections.wrong()).as("rejections stored twice or without the answer").isZero();
		}
		finally {
			ServerProcess.localIngestion(this.context, true);
		}
	}

	// Calls of four events each, in order; an event counts as acknowledged once answered
	// 200. Errors (the server gone) end nothing: the thread goes on until told to stop.
	private static void send(ZadarmaWebhookSender sender, String batch, AtomicInteger next, AtomicBoolean sending,
			Set<String> acknowledged, Starts starts, AtomicInteger refused) {
		while (sending.get()) {
			int n = next.getAndIncrement();
			String call = batch + "-" + n;
			for (Map<String, String> event : ZadarmaTraffic.answeredCall(call, n)) {
				try {
					HttpResponse<String> response = sender.post(event);
					if (response.statusCode() == 200) {
						acknowledged.add(call + "|" + event.get("event"));
						if (StoredRejections.ANSWER.equals(response.body())) {
							starts.rejected().add(call);
						}
					}
					else {
						refused.incrementAndGet();
					}
				}
				catch (RuntimeException ex) {
					if ("NOTIFY_START".equals(event.get("event"))) {
						starts.unanswered().add(call);
					}
					refused.incrementAndGet();
					break;
				}
			}
		}
	}

	private long inbox(TelephonyAccount account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_event_inbox WHERE account_id = ?")
			.param(account.id())
			.query(Long.class)
			.single();
	}

	// The decisions' events (a rejection) waiting in the inbox, of the calls whose start
	// was answered with the rejection: their payload is the stored event's JSON, with its
	// source.
	private long rejectionsInInbox(TelephonyAccount account, Set<String> rejected) {
		return this.jdbc.sql("SELECT provider_call_id FROM call_event_inbox WHERE account_id = ? AND event LIKE ?")
			.params(account.id(), "%\"DECISION\"%")
			.query(String.class)
			.stream()
			.filter(rejected::contains)
			.count();
	}

	private long storedEvents(TelephonyAccount account, String batch) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id LIKE ?""")
			.params(account.id(), batch + "-%")
			.query(Long.class)
			.single();
	}

	// NOTIFY_START → STARTED, INTERNAL → RINGING, ANSWER → ANSWERED, END → ENDED.
	private boolean stored(TelephonyAccount account, String key) {
		String[] parts = key.split("\\|");
		String type = switch (parts[1]) {
			case "NOTIFY_START" -> "STARTED";
			case "NOTIFY_INTERNAL" -> "RINGING";
			case "NOTIFY_ANSWER" -> "ANSWERED";
			default -> "ENDED";
		};
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id = ? AND e.type = ?""")
			.params(account.id(), parts[0], type)
			.query(Long.class)
			.single() > 0;
	}

	private long duplicates(TelephonyAccount account, String batch) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM (SELECT e.call_id, e.type FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id LIKE ? AND e.source <> 'DECISION'
				GROUP BY e.call_id, e.type HAVING COUNT(*) > 1) d""")
			.params(account.id(), batch + "-%")
			.query(Long.class)
			.single();
	}

	private void report(Outcome outcome) {
		new BenchmarkReport("ingestion-crash-postgres", "kill -9 during signed Zadarma webhook load, then restart",
				BenchmarkReport.database())
			.line("A separate server process (apply-wait 0 s: answered once stored"
					+ (this.killedServerArgs.isEmpty() ? "" : ", " + String.join(" ", this.killedServerArgs))
					+ ") took signed Zadarma webhooks from " + this.clients + " clients for " + this.loadMillis
					+ " ms and was killed with SIGKILL (Process.destroyForcibly); then started again on the same "
					+ "database with the defaults. One call in twenty comes from a blacklisted number: a start "
					+ "answered with the rejection must have it stored once, its call REJECTED.")
			.line("")
			.table("acknowledged (200)", "failed or cut off", "in the inbox at the kill", "applied at the kill",
					"restart until up (ms)", "inbox drained after up (ms)", "acknowledged but missing", "stored twice",
					"starts rejected", "of them in the inbox at the kill", "rejections missing / wrong")
			.row(outcome.acknowledged(), outcome.refused(), outcome.inboxAtKill(), outcome.appliedAtKill(),
					outcome.downMillis(), outcome.drainedMillis(), outcome.missing(), outcome.duplicates(),
					outcome.rejected(), outcome.rejectionsAtKill(),
					outcome.rejections().missing() + " / " + outcome.rejections().wrong())
			.publish();
	}

	/**
	 * The calls whose start was answered with the rejection, and those whose start got no
	 * answer (the server killed).
	 */
	private record Starts(Set<String> rejected, Set<String> unanswered) {
	}

	/** What the run found, as reported. */
	private record Outcome(int acknowledged, int refused, long inboxAtKill, long appliedAtKill, long drainedMillis,
			long downMillis, long missing, long duplicates, int rejected, long rejectionsAtKill,
			StoredRejections rejections) {
	}

}
