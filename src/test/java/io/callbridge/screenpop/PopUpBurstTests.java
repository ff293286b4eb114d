package io.callbridge.screenpop;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.callbridge.shared.Role;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pop-ups under a burst: many calls ringing at once, each for another agent, are each
 * delivered exactly once, to the right console only, and so are their ends; equal
 * messages handed over together all arrive. On PostgreSQL a node's own consoles get its
 * messages directly and skip the notifications it sends for the other nodes, so a
 * duplicate would show here; {@link ConsoleAcrossNodesTests} checks what another node
 * hears (PostgreSQL folds identical notifications of one statement unless they differ).
 */
@IntegrationTest
class PopUpBurstTests {

	private static final int AGENTS = 30;

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Long enough for a duplicate, which would travel right behind the original. */
	private static final Duration QUIET = Duration.ofMillis(500);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConsoleFanOut fanOut;

	@Test
	void everyCallOfABurstPopsUpExactlyOnceOnItsAgentsConsole() throws Exception {
		long tenant = this.data.anyTenant();
		long account = this.data.sandboxAccount(tenant).id();
		List<TestUser> agents = new ArrayList<>();
		for (int i = 0; i < AGENTS; i++) {
			agents.add(this.data.anyAgentWithExtension(tenant, Role.AGENT, String.valueOf(4001 + i)));
		}
		String batch = UUID.randomUUID().toString().substring(0, 8);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<ConsoleClient> consoles = open(agents, threads);
			try {
				burst(threads, account, batch, CallEventType.RINGING);
				Map<Integer, Long> callIds = callIds(account, batch);
				assertEachConsoleGetsOnlyItsCall(consoles, callIds);

				burst(threads, account, batch, CallEventType.ENDED);
				assertEachConsoleGetsOnlyItsCall(consoles, callIds);
			}
			finally {
				for (ConsoleClient console : consoles) {
					console.close();
				}
			}
		}
	}

	@Test
	void equalMessagesHandedOverTogetherAllArrive() throws Exception {
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads)) {
			console.logIn(agent.username(), agent.password());
			console.openEvents();

			for (int i = 0; i < 50; i++) {
				this.fanOut.sendLater(Set.of(agent.id()), new ConsoleMessage.TasksChanged(7L));
			}

			for (int i = 0; i < 50; i++) {
				ConsoleClient.Event event = console.nextOther(WAIT);
				assertThat(event).as("message %d of 50", i + 1).isNotNull();
				assertThat(event.name()).isEqualTo("tasks");
			}
			assertThat(console.nextOther(QUIET)).as("no 51st message").isNull();
		}
	}

	private List<ConsoleClient> open(List<TestUser> agents, ExecutorService threads) throws Exception {
		List<ConsoleClient> consoles = new ArrayList<>();
		for (TestUser agent : agents) {
			ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads);
			consoles.add(console);
			console.logIn(agent.username(), agent.password());
			console.openEvents();
		}
		return consoles;
	}

	// All events released at once, one virtual thread each, as concurrent webhooks
	// arrive.
	private void burst(ExecutorService threads, long account, String batch, CallEventType type) throws Exception {
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> accepted = new ArrayList<>();
		for (int i = 0; i < AGENTS; i++) {
			ProviderCallEvent event = ProviderCallEvent.of(account, batch + "-" + i, type, Instant.now())
				.direction(CallDirection.INBOUND)
				.externalNumber(String.format(Locale.ROOT, "+3463%07d", i))
				.extension(String.valueOf(4001 + i))
				.rawPayload("{\"call\":\"" + batch + "-" + i + "\",\"type\":\"" + type + "\"}")
				.build();
			accepted.add(threads.submit(() -> {
				go.await();
				return this.sink.accept(event);
			}));
		}
		go.countDown();
		for (Future<?> future : accepted) {
			future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private Map<Integer, Long> callIds(long account, String batch) {
		Map<Integer, Long> ids = new HashMap<>();
		for (int i = 0; i < AGENTS; i++) {
			ids.put(i,
					this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
						.params(account, batch + "-" + i)
						.query(Long.class)
						.single());
		}
		return ids;
	}

	private static void assertEachConsoleGetsOnlyItsCall(List<ConsoleClient> consoles, Map<Integer, Long> callIds)
			throws InterruptedException {
		for (int i = 0; i < consoles.size(); i++) {
			ConsoleClient.Message message = consoles.get(i).next(WAIT);
			assertThat(message).as("console %d's pop-up", i).isNotNull();
			assertThat(message.callId()).as("the call on console %d", i).isEqualTo(callIds.get(i));
		}
		// One quiet period for all consoles: a duplicate would have arrived on any of
		// them
		// by its end.
		Thread.sleep(QUIET);
		for (int i = 0; i < consoles.size(); i++) {
			assertThat(consoles.get(i).next(Duration.ZERO)).as("a second message on console %d", i).isNull();
		}
	}

}
