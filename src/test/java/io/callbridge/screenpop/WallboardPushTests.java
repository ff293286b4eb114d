package io.callbridge.screenpop;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.agents.AgentStatusChanged;
import io.callbridge.agents.AgentStatuses;
import io.callbridge.agents.CurrentStatus;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallboard's live push through the console stream: the tenant's supervisors and
 * admins are told when a call rings, is answered or ends and when an agent's status
 * changes; agents and other tenants are not; and a supervisor opening the stream from the
 * wallboard changes nothing about their own status. On PostgreSQL the messages go through
 * the database's notifications, as between nodes.
 */
@IntegrationTest
class WallboardPushTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	/**
	 * How long a console that should hear nothing is listened to once the message that
	 * travels with the unwanted one has arrived: it would have been right behind.
	 */
	private static final Duration QUIET = Duration.ofMillis(500);

	/**
	 * How long a console is listened to when nothing at all should arrive, with no
	 * message to time it by.
	 */
	private static final Duration SILENCE = Duration.ofSeconds(2);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	AgentStatuses statuses;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void supervisorsAndAdminsHearEveryChangeOfACallAndAgentsDoNot() throws Exception {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser colleague = this.data.anyAgentWithExtension(tenant, Role.AGENT, "171");
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "170");
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient supervisorConsole = open(supervisor, threads);
				ConsoleClient adminConsole = open(admin, threads);
				ConsoleClient colleagueConsole = open(colleague, threads)) {

			String call = this.api.as(agent.token())
				.post("/api/v1/sandbox/calls", Map.of("from", "633444555", "extension", "170"))
				.json(201)
				.get("id")
				.asString();
			assertWallboardChange(supervisorConsole, "rang");
			assertWallboardChange(adminConsole, "rang");

			this.api.as(agent.token())
				.post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "170"), call)
				.hasStatus(200);
			assertWallboardChange(supervisorConsole, "answered");

			this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call).hasStatus(200);
			// Ended at once, and counted once its statistics fact is written (today's
			// counters): in either order.
			assertThat(List.of(nextWallboardChange(supervisorConsole), nextWallboardChange(supervisorConsole)))
				.containsExactlyInAnyOrder("ended", "counted");

			assertThat(colleagueConsole.nextOther(QUIET)).as("an agent's console hears nothing of the wallboard")
				.isNull();
		}
	}

	@Test
	void anAgentsStatusChangeReachesTheWallboardsOfTheirTenantOnly() throws Exception {
		long tenant = this.data.anyTenant();
		long other = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser stranger = this.data.anyUser(other, Role.SUPERVISOR);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "172");
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = open(supervisor, threads);
				ConsoleClient strangerConsole = open(stranger, threads)) {

			this.api.as(agent.token()).put("/api/v1/me/status", Map.of("status", "BREAK")).json(200);

			assertWallboardChange(console, "status");
			assertThat(strangerConsole.nextOther(QUIET)).as("another tenant's supervisor hears nothing").isNull();
		}
	}

	@Test
	void aSupervisorOpeningTheStreamKeepsTheirStatus() throws Exception {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyAgentWithExtension(tenant, Role.SUPERVISOR, "173");
		this.api.as(supervisor.token()).put("/api/v1/me/status", Map.of("status", "OFFLINE")).json(200);
		CurrentStatus before = this.statuses.of(tenant, supervisor.id());
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = open(supervisor, threads)) {

			assertThat(console.nextOther(SILENCE)).as("no status change is announced").isNull();
			assertThat(this.statuses.of(tenant, supervisor.id())).isEqualTo(before);
			assertThat(this.api.as(supervisor.token()).get("/api/v1/statistics/wallboard").json(200).path("agents"))
				.anySatisfy((agent) -> {
					assertThat(agent.path("agentId").asLong()).isEqualTo(supervisor.id());
					assertThat(agent.path("state").asString()).isEqualTo("OFFLINE");
				});
		}
		assertThat(this.statuses.of(tenant, supervisor.id())).isEqualTo(before);
	}

	@Test
	void aTransactionWithManyChangesTellsEachWallboardOfEachKindOnce() throws Exception {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser first = this.data.anyAgentWithExtension(tenant, Role.AGENT, "174");
		TestUser second = this.data.anyAgentWithExtension(tenant, Role.AGENT, "175");
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = open(supervisor, threads)) {

			// As an ingestion lane applies a batch of many calls' events in one
			// transaction.
			this.transactions.executeWithoutResult((status) -> {
				for (TestUser agent : List.of(first, second, first)) {
					this.events.publishEvent(new AgentStatusChanged(tenant, agent.id(), AgentStatus.AVAILABLE,
							AgentStatus.BREAK, Instant.now(), null, 1));
				}
			});

			assertWallboardChange(console, "status");
			assertThat(console.nextOther(QUIET)).as("the same change told once per transaction").isNull();
		}
	}

	@Test
	void aSupervisorMadeAnAgentHearsNothingMoreOfTheWallboardOnceTheirConsoleReopens() throws Exception {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser demoted = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "176");
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient adminConsole = open(admin, threads);
				ConsoleClient asSupervisor = open(demoted, threads)) {
			this.api.as(agent.token())
				.post("/api/v1/sandbox/calls", Map.of("from", "633444557", "extension", "176"))
				.json(201);
			assertWallboardChange(adminConsole, "rang");
			assertWallboardChange(asSupervisor, "rang");

			this.api.as(admin.token())
				.put("/api/v1/agents/{id}",
						Map.of("username", demoted.username(), "displayName", "Demoted", "role", "AGENT"), demoted.id())
				.json(200);
			assertThat(asSupervisor.awaitEnd(WAIT)).as("the console opened as a supervisor is closed").isTrue();

			try (ConsoleClient asAgent = open(demoted, threads)) {
				this.api.as(agent.token())
					.post("/api/v1/sandbox/calls", Map.of("from", "633444556", "extension", "176"))
					.json(201);

				assertWallboardChange(adminConsole, "rang");
				assertThat(asAgent.nextOther(QUIET)).as("the wallboard is no longer the demoted user's").isNull();
			}
		}
	}

	@Test
	void aSupervisorAddedHearsTheNextChange() throws Exception {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "177");
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient adminConsole = open(admin, threads)) {
			this.api.as(agent.token()).put("/api/v1/me/status", Map.of("status", "BREAK")).json(200);
			assertWallboardChange(adminConsole, "status");

			TestUser added = this.data.anyUser(tenant, Role.SUPERVISOR);
			try (ConsoleClient addedConsole = open(added, threads)) {
				this.api.as(agent.token()).put("/api/v1/me/status", Map.of("status", "AVAILABLE")).json(200);

				assertWallboardChange(adminConsole, "status");
				assertWallboardChange(addedConsole, "status");
			}
		}
	}

	private ConsoleClient open(TestUser user, ExecutorService threads) throws Exception {
		ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads);
		console.logIn(user.username(), user.password());
		console.openEvents();
		return console;
	}

	private static String nextWallboardChange(ConsoleClient console) throws InterruptedException {
		ConsoleClient.Event event = console.nextOther(WAIT);
		assertThat(event).as("a wallboard message").isNotNull();
		assertThat(event.name()).isEqualTo("wallboard");
		Matcher change = Pattern.compile("\"change\":\"([a-z]+)\"").matcher(event.data());
		assertThat(change.find()).as("a change in %s", event.data()).isTrue();
		return change.group(1);
	}

	private static void assertWallboardChange(ConsoleClient console, String change) throws InterruptedException {
		ConsoleClient.Event event = console.nextOther(WAIT);
		assertThat(event).as("a wallboard message (%s)", change).isNotNull();
		assertThat(event.name()).isEqualTo("wallboard");
		assertThat(event.data()).contains("\"change\":\"" + change + "\"");
	}

}
