package io.callbridge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.callbridge.support.ConsoleClient;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.zadarma.ZadarmaWebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.bench.Percentiles.sorted;

/**
 * The pop-up burst of {@link MultiNodeBenchmark}: every agent's console connected to one
 * of the nodes (console i to node i mod N), one call per agent started, then all their
 * NOTIFY_INTERNAL (ringing at the agent's extension) released at once, each to a random
 * node; each console must read its own call's pop-up, once. Afterwards the consoles are
 * closed and the calls ended.
 */
final class MultiNodePopUps {

	private static final Logger log = LoggerFactory.getLogger(MultiNodePopUps.class);

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Long enough for a duplicate, which would travel right behind the original. */
	private static final Duration QUIET = Duration.ofSeconds(1);

	private final JdbcClient jdbc;

	private final MultiNodeIngestion ingestion;

	private final List<TestUser> agents;

	private final Random random = new Random(16);

	MultiNodePopUps(JdbcClient jdbc, MultiNodeIngestion ingestion, List<TestUser> agents) {
		this.jdbc = jdbc;
		this.ingestion = ingestion;
		this.agents = agents;
	}

	/**
	 * One burst's latencies (webhook sent → SSE message read, microseconds, sorted).
	 *
	 * @param all every pop-up received
	 * @param sameNode those whose webhook went to the console's own node
	 * @param otherNode those whose webhook went to another node
	 * @param missing consoles without their call's pop-up (or whose ringing event was not
	 * acknowledged)
	 * @param extra messages beyond one per console
	 */
	record Burst(long[] all, long[] sameNode, long[] otherNode, int missing, int extra) {
	}

	Burst burst(List<ServerProcess> nodes, String batch) throws Exception {
		int n = this.agents.size();
		List<ZadarmaWebhookSender> senders = nodes.stream().map(this.ingestion::sender).toList();
		List<List<Map<String, String>>> calls = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			calls.add(ZadarmaTraffic.rungCall(batch + "-" + i, i, ZadarmaTraffic.extension(i)));
		}
		Instant since = Instant.now();
		try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
			List<ConsoleClient> consoles = connect(nodes, virtual);
			Burst burst;
			try {
				postAll(virtual, n, (i) -> senders.get(i % senders.size()), (i) -> calls.get(i).get(0));
				this.ingestion.awaitApplied();
				burst = ring(consoles, senders, calls, batch, virtual);
			}
			finally {
				for (ConsoleClient console : consoles) {
					console.close();
				}
			}
			postAll(virtual, n, (i) -> senders.get(i % senders.size()), (i) -> calls.get(i).get(2));
			this.ingestion.awaitApplied();
			this.ingestion.awaitFollowUps(since);
			return burst;
		}
	}

	private List<ConsoleClient> connect(List<ServerProcess> nodes, ExecutorService virtual) throws Exception {
		// A login checks a BCrypt hash: a few at a time keep the 2 cores from thrashing.
		Semaphore logins = new Semaphore(8);
		List<ConsoleClient> consoles = new ArrayList<>();
		List<Future<?>> opened = new ArrayList<>();
		for (int i = 0; i < this.agents.size(); i++) {
			TestUser agent = this.agents.get(i);
			ConsoleClient console = new ConsoleClient(nodes.get(i % nodes.size()).base(), virtual);
			consoles.add(console);
			opened.add(virtual.submit(() -> {
				logins.acquire();
				try {
					console.logIn(agent.username(), agent.password());
				}
				finally {
					logins.release();
				}
				console.openEvents();
				return null;
			}));
		}
		for (Future<?> future : opened) {
			future.get(10, TimeUnit.MINUTES);
		}
		return consoles;
	}

	private Burst ring(List<ConsoleClient> consoles, List<ZadarmaWebhookSender> senders,
			List<List<Map<String, String>>> calls, String batch, ExecutorService virtual) throws Exception {
		int n = consoles.size();
		int[] target = new int[n];
		long[] sent = new long[n];
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Boolean>> answers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int index = i;
			target[i] = this.random.nextInt(senders.size());
			answers.add(virtual.submit(() -> {
				go.await();
				sent[index] = System.nanoTime();
				return MultiNodeIngestion.post(senders.get(target[index]), calls.get(index).get(1));
			}));
		}
		go.countDown();
		int missing = 0;
		for (Future<Boolean> answer : answers) {
			missing += answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) ? 0 : 1;
		}
		Map<String, Long> callIds = callIds(batch);
		List<Long> all = new ArrayList<>();
		List<Long> sameNode = new ArrayList<>();
		List<Long> otherNode = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			ConsoleClient.Message message = consoles.get(i).next(WAIT);
			Long expected = callIds.get(batch + "-" + i);
			if (message == null || expected == null || message.callId() != expected) {
				log.warn("Console {}: message {}, expected call {}", i, message, expected);
				missing++;
				continue;
			}
			long micros = (message.readNanos() - sent[i]) / 1_000;
			all.add(micros);
			((target[i] == i % senders.size()) ? sameNode : otherNode).add(micros);
		}
		Thread.sleep(QUIET);
		int extra = 0;
		for (ConsoleClient console : consoles) {
			while (console.next(Duration.ZERO) != null) {
				extra++;
			}
		}
		return new Burst(sorted(all), sorted(sameNode), sorted(otherNode), missing, extra);
	}

	private static void postAll(ExecutorService virtual, int count, IntFunction<ZadarmaWebhookSender> sender,
			IntFunction<Map<String, String>> event) throws Exception {
		List<Future<Boolean>> answers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			answers.add(virtual.submit(() -> MultiNodeIngestion.post(sender.apply(index), event.apply(index))));
		}
		for (Future<Boolean> answer : answers) {
			answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private Map<String, Long> callIds(String batch) {
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("SELECT provider_call_id, id FROM calls WHERE provider_call_id LIKE ?")
			.param(batch + "-%")
			.query((rs) -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		return ids;
	}

}
