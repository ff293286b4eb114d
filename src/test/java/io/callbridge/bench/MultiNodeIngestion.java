package io.callbridge.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.zadarma.ZadarmaWebhookSender;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.bench.ZadarmaTraffic.EVENTS_PER_CALL;

/**
 * The webhook load of {@link MultiNodeBenchmark}: whole Zadarma calls posted by a fixed
 * number of client threads, each request to the next node (round-robin, no stickiness);
 * measured until every event left the inbox, then checked in the database: each
 * acknowledged event stored once, each call ended and completed once (one
 * {@code call.completed} outbox message per {@code CallEnded}) with its call fact.
 */
final class MultiNodeIngestion {

	private static final Logger log = LoggerFactory.getLogger(MultiNodeIngestion.class);

	private static final Duration DRAIN = Duration.ofMinutes(5);

	private static final Duration FOLLOW_UPS = Duration.ofMinutes(2);

	private static final AtomicInteger REFUSALS_LOGGED = new AtomicInteger();

	private final JdbcClient jdbc;

	private final long tenantId;

	private final TelephonyAccount account;

	private final int threads;

	MultiNodeIngestion(JdbcClient jdbc, long tenantId, TelephonyAccount account, int threads) {
		this.jdbc = jdbc;
		this.tenantId = tenantId;
		this.account = account;
		this.threads = threads;
	}

	/**
	 * One run's figures and checks.
	 *
	 * @param sent events posted
	 * @param acknowledged events answered 200
	 * @param ackNanos first send to last answer
	 * @param appliedNanos first send to the inbox holding none of the account's events
	 * @param notStored acknowledged events not stored
	 * @param storedTwice events stored more than once (same call and type)
	 * @param notEnded calls not in state ENDED
	 * @param notCompleted calls without {@code call.completed} outbox message
	 * @param completedTwice calls with more than one
	 * @param noFact calls without call fact
	 * @param inboxLeft the account's events still in the inbox after the wait
	 * @param followUpsLeft the tenant's event publications still incomplete after the
	 * wait
	 * @param roundTrips each request's send to its answer read, in microseconds, sorted
	 * @param rejections starts answered with the rejection (their calls checked for it)
	 */
	record Ingestion(int sent, long acknowledged, long ackNanos, long appliedNanos, long notStored, long storedTwice,
			long notEnded, long notCompleted, long completedTwice, long noFact, long inboxLeft, long followUpsLeft,
			long[] roundTrips, long rejections) {

		/** Answers that took at least this long (e.g. the nodes' apply-wait). */
		long slowerThan(Duration limit) {
			long micros = limit.toNanos() / 1_000;
			return Arrays.stream(this.roundTrips).filter((trip) -> trip >= micros).count();
		}

		double acknowledgedPerSecond() {
			return this.acknowledged / (this.ackNanos / 1e9);
		}

		double appliedPerSecond() {
			return this.acknowledged / (this.appliedNanos / 1e9);
		}

		long duplicates() {
			return this.storedTwice + this.completedTwice;
		}

		/** Refused events count too: Zadarma does not send an event again. */
		long missing() {
			return (this.sent - this.acknowledged) + this.notStored + this.notEnded + this.notCompleted + this.noFact
					+ this.inboxLeft + this.followUpsLeft;
		}

	}

	Ingestion run(List<ServerProcess> nodes, String batch, int events) throws Exception {
		int calls = events / EVENTS_PER_CALL;
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		Set<String> rejected = ConcurrentHashMap.newKeySet();
		Queue<Long> roundTrips = new ConcurrentLinkedQueue<>();
		AtomicLong turn = new AtomicLong();
		AtomicInteger next = new AtomicInteger();
		Instant since = Instant.now();
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(this.threads)) {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < this.threads; t++) {
				List<ZadarmaWebhookSender> senders = nodes.stream().map(this::sender).toList();
				workers.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < calls; n = next.getAndIncrement()) {
						String call = batch + "-" + n;
						for (Map<String, String> event : ZadarmaTraffic.answeredCall(call, n)) {
							int node = (int) (turn.getAndIncrement() % senders.size());
							long sent = System.nanoTime();
							String body = answer(senders.get(node), event);
							if (body != null) {
								acknowledged.add(call + "|" + type(event));
							}
							if (StoredRejections.ANSWER.equals(body)) {
								rejected.add(call);
							}
							roundTrips.add((System.nanoTime() - sent) / 1_000);
						}
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		long ackNanos = System.nanoTime() - start;
		awaitApplied();
		long appliedNanos = System.nanoTime() - start;
		long followUpsLeft = awaitFollowUps(since);
		return check(batch, calls, acknowledged, rejected, ackNanos, appliedNanos, followUpsLeft,
				Percentiles.sorted(new ArrayList<>(roundTrips)));
	}

	ZadarmaWebhookSender sender(ServerProcess node) {
		return new ZadarmaWebhookSender(node.base() + "/webhooks/zadarma/" + this.account.webhookToken(),
				MultiNodeBenchmark.SECRET);
	}

	/** Posts one event; whether it was acknowledged (the first refusals are logged). */
	static boolean post(ZadarmaWebhookSender sender, Map<String, String> event) {
		return answer(sender, event) != null;
	}

	/** The body of the event's 200 answer; null when refused or not answered (logged). */
	static @Nullable String answer(ZadarmaWebhookSender sender, Map<String, String> event) {
		try {
			HttpResponse<String> response = sender.post(event);
			if (response.statusCode() == 200) {
				return response.body();
			}
			if (REFUSALS_LOGGED.getAndIncrement() < 10) {
				log.warn("{} of {} answered {}: {}", event.get("event"), event.get("pbx_call_id"),
						response.statusCode(), response.body());
			}
		}
		catch (IllegalStateException ex) {
			if (REFUSALS_LOGGED.getAndIncrement() < 10) {
				log.warn("{} of {} not answered: {}", event.get("event"), event.get("pbx_call_id"), ex.toString());
			}
		}
		return null;
	}

	/** Waits until none of the account's events is left in the inbox. */
	void awaitApplied() throws InterruptedException {
		long deadline = System.nanoTime() + DRAIN.toNanos();
		while (inbox() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	/**
	 * Waits until the tenant's event publications since then are complete; returns how
	 * many are not.
	 */
	long awaitFollowUps(Instant since) throws InterruptedException {
		long deadline = System.nanoTime() + FOLLOW_UPS.toNanos();
		long left = EventPublications.incomplete(this.jdbc, this.tenantId, since, false);
		while (left > 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			left = EventPublications.incomplete(this.jdbc, this.tenantId, since, false);
		}
		return left;
	}

	private Ingestion check(String batch, int calls, Set<String> acknowledged, Set<String> rejected, long ackNanos,
			long appliedNanos, long followUpsLeft, long[] roundTrips) {
		Map<String, Long> stored = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT c.provider_call_id, e.type, COUNT(*) AS copies FROM call_events e JOIN calls c ON c.id = e.call_id
					WHERE c.account_id = ? AND c.provider_call_id LIKE ? AND e.source <> 'DECISION'
					GROUP BY c.provider_call_id, e.type""")
			.params(this.account.id(), batch + "-%")
			.query((rs) -> {
				stored.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
			});
		StoredRejections rejections = StoredRejections.check(this.jdbc, this.account.id(), batch, rejected, Set.of());
		long notStored = acknowledged.stream().filter((key) -> !stored.containsKey(key)).count() + rejections.missing();
		long storedTwice = stored.values().stream().filter((copies) -> copies > 1).count() + rejections.wrong();
		List<Long> completions = this.jdbc.sql("""
				SELECT COUNT(m.id) FROM calls c
				LEFT JOIN webhook_messages m ON m.tenant_id = ? AND m.event_type = 'call.completed'
				  AND m.order_key = 'call:' || c.id
				WHERE c.account_id = ? AND c.provider_call_id LIKE ? GROUP BY c.id""")
			.params(this.tenantId, this.account.id(), batch + "-%")
			.query(Long.class)
			.list();
		long completed = completions.stream().filter((n) -> n > 0).count();
		long completedTwice = completions.stream().filter((n) -> n > 1).count();
		return new Ingestion(calls * EVENTS_PER_CALL, acknowledged.size(), ackNanos, appliedNanos, notStored,
				storedTwice, calls - count(batch, "SELECT COUNT(*) FROM calls c", " AND c.state = 'ENDED'"),
				calls - completed, completedTwice,
				calls - count(batch, "SELECT COUNT(*) FROM call_facts f JOIN calls c ON c.id = f.call_id", ""), inbox(),
				followUpsLeft, roundTrips, rejected.size());
	}

	private long count(String batch, String select, String condition) {
		return this.jdbc.sql(select + " WHERE c.account_id = ? AND c.provider_call_id LIKE ?" + condition)
			.params(this.account.id(), batch + "-%")
			.query(Long.class)
			.single();
	}

	private long inbox() {
		return this.jdbc.sql("SELECT COUNT(*) FROM call_event_inbox WHERE account_id = ?")
			.param(this.account.id())
			.query(Long.class)
			.single();
	}

	// NOTIFY_START → STARTED, INTERNAL → RINGING, ANSWER → ANSWERED, END → ENDED.
	private static String type(Map<String, String> event) {
		return switch (event.get("event")) {
			case "NOTIFY_START" -> "STARTED";
			case "NOTIFY_INTERNAL" -> "RINGING";
			case "NOTIFY_ANSWER" -> "ANSWERED";
			default -> "ENDED";
		};
	}

}
