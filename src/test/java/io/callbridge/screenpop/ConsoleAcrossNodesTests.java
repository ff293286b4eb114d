package io.callbridge.screenpop;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.callbridge.CallbridgeApplication;
import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Callbridge nodes sharing one PostgreSQL database: a call that rings through one
 * node (a webhook or a poll landing there) pops up on the agent's console connected to
 * the other, and its end reaches that console too; so does a task created through one
 * node for an agent connected to the other. H2 serves a single node, so this runs in the
 * PostgreSQL suite.
 */
@IntegrationTest
class ConsoleAcrossNodesTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** Long enough for a duplicate, which would travel right behind the original. */
	private static final Duration QUIET = Duration.ofMillis(500);

	@LocalServerPort
	int port;

	@Autowired
	ConsoleFanOut fanOut;

	@Autowired
	TestData data;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Autowired
	ApiClient api;

	@Test
	void aCallRungOnOneNodePopsUpOnAConsoleConnectedToAnother() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "2101");
		long account = this.data.sandboxAccount(tenant).id();
		String providerCallId = "across-" + UUID.randomUUID();

		try (ConfigurableApplicationContext otherNode = startOtherNode();
				ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + portOf(otherNode)),
						virtual)) {
			assertThat(((PostgresConsoleFanOut) otherNode.getBean(ConsoleFanOut.class)).awaitListening(WAIT)).isTrue();
			console.logIn(agent.username(), agent.password());
			console.openEvents();

			this.sink.accept(event(account, providerCallId, CallEventType.RINGING));
			ConsoleClient.Message rang = console.next(WAIT);

			long callId = this.jdbc.sql("SELECT id FROM calls WHERE provider_call_id = ?")
				.param(providerCallId)
				.query(Long.class)
				.single();
			assertThat(rang).as("the ring reached the other node's console").isNotNull();
			assertThat(rang.callId()).isEqualTo(callId);

			this.sink.accept(event(account, providerCallId, CallEventType.ENDED));
			ConsoleClient.Message ended = console.next(WAIT);
			assertThat(ended).as("the end reached the other node's console").isNotNull();
			assertThat(ended.callId()).isEqualTo(callId);
		}
	}

	@Test
	void aCallRungOnOneNodeReachesTheWallboardOfASupervisorConnectedToAnotherOnly() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		long tenant = this.data.anyTenant();
		this.data.anyAgentWithExtension(tenant, Role.AGENT, "2101");
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser colleague = this.data.anyUser(tenant, Role.AGENT);
		TestUser stranger = this.data.anyUser(this.data.anyTenant(), Role.SUPERVISOR);
		long account = this.data.sandboxAccount(tenant).id();

		try (ConfigurableApplicationContext otherNode = startOtherNode();
				ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient watcher = new ConsoleClient(URI.create("http://localhost:" + portOf(otherNode)), virtual);
				ConsoleClient agentThere = new ConsoleClient(URI.create("http://localhost:" + portOf(otherNode)),
						virtual);
				ConsoleClient strangerThere = new ConsoleClient(URI.create("http://localhost:" + portOf(otherNode)),
						virtual)) {
			assertThat(((PostgresConsoleFanOut) otherNode.getBean(ConsoleFanOut.class)).awaitListening(WAIT)).isTrue();
			watcher.logIn(supervisor.username(), supervisor.password());
			watcher.openEvents();
			agentThere.logIn(colleague.username(), colleague.password());
			agentThere.openEvents();
			strangerThere.logIn(stranger.username(), stranger.password());
			strangerThere.openEvents();

			this.sink.accept(event(account, "wallboard-" + UUID.randomUUID(), CallEventType.RINGING));

			ConsoleClient.Event rang = watcher.nextOther(WAIT);
			assertThat(rang).as("the ring reached the wallboard on the other node").isNotNull();
			assertThat(rang.name()).isEqualTo("wallboard");
			assertThat(rang.data()).contains("\"change\":\"rang\"");
			assertThat(watcher.nextOther(QUIET)).as("told once").isNull();
			assertThat(agentThere.nextOther(Duration.ZERO)).as("an agent of the tenant").isNull();
			assertThat(strangerThere.nextOther(Duration.ZERO)).as("another tenant's supervisor").isNull();
		}
	}

	@Test
	void aTaskCreatedThroughOneNodeReachesTheAssigneesConsoleOnAnother() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		Contact contact = this.data.anyContact(tenant, "Nodo Otro", "+34 612 000 333");

		try (ConfigurableApplicationContext otherNode = startOtherNode();
				ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + portOf(otherNode)),
						virtual)) {
			assertThat(((PostgresConsoleFanOut) otherNode.getBean(ConsoleFanOut.class)).awaitListening(WAIT)).isTrue();
			console.logIn(agent.username(), agent.password());
			console.openEvents();

			this.api.as(agent.token())
				.post("/api/v1/tasks",
						Map.of("title", "Call back", "assigneeId", agent.id(), "contactId", contact.id()))
				.json(201);

			ConsoleClient.Event tasks = console.nextOther(WAIT);
			assertThat(tasks).as("the task change reached the other node's console").isNotNull();
			assertThat(tasks.name()).isEqualTo("tasks");
			assertThat(tasks.data()).contains("\"contactId\":" + contact.id());
		}
	}

	@Test
	void messagesHandedOverOnOneNodeReachEachConsoleOnceOnEitherNode() throws Exception {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);

		try (ConfigurableApplicationContext otherNode = startOtherNode();
				ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient here = new ConsoleClient(URI.create("http://localhost:" + this.port), virtual);
				ConsoleClient there = new ConsoleClient(URI.create("http://localhost:" + portOf(otherNode)), virtual)) {
			assertThat(((PostgresConsoleFanOut) otherNode.getBean(ConsoleFanOut.class)).awaitListening(WAIT)).isTrue();
			for (ConsoleClient console : List.of(here, there)) {
				console.logIn(agent.username(), agent.password());
				console.openEvents();
			}

			// Equal messages: the other node hears them as notifications of one
			// statement, which PostgreSQL folds into one unless they differ.
			for (int i = 0; i < 50; i++) {
				this.fanOut.sendLater(Set.of(agent.id()), new ConsoleMessage.TasksChanged(8L));
			}

			for (ConsoleClient console : List.of(here, there)) {
				for (int i = 0; i < 50; i++) {
					ConsoleClient.Event event = console.nextOther(WAIT);
					assertThat(event).as("message %d of 50 on %s", i + 1, (console == here) ? "this node" : "the other")
						.isNotNull();
					assertThat(event.name()).isEqualTo("tasks");
				}
			}
			// This node also hears the notifications it sent: its console got them
			// once, directly.
			Thread.sleep(QUIET);
			assertThat(here.nextOther(Duration.ZERO)).as("a 51st message on this node").isNull();
			assertThat(there.nextOther(Duration.ZERO)).as("a 51st message on the other node").isNull();
		}
	}

	private ConfigurableApplicationContext startOtherNode() {
		return new SpringApplicationBuilder(CallbridgeApplication.class).profiles(this.environment.getActiveProfiles())
			.properties("server.port=0",
					"spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"),
					// The other node must not take over this node's outstanding events.
					"spring.modulith.events.republish-outstanding-events-on-restart=false")
			.run();
	}

	private static int portOf(ConfigurableApplicationContext node) {
		return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static ProviderCallEvent event(long account, String providerCallId, CallEventType type) {
		return ProviderCallEvent.of(account, providerCallId, type, Instant.now())
			.direction(CallDirection.INBOUND)
			.externalNumber("+34612000111")
			.extension("2101")
			.rawPayload("{\"call\":\"" + providerCallId + "\"}")
			.build();
	}

}
