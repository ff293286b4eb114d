package io.callbridge.statistics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wallboard API: only supervisors and admins read it; it lists the tenant's calls
 * ringing and in progress as they move on (with number, contact, line and agents), the
 * caller waiting longest, and the agents by what they are doing.
 */
@IntegrationTest
class WallboardApiTests {

	private static final String WALLBOARD = "/api/v1/statistics/wallboard";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Test
	void agentsAreRefusedWithAProblem() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "100");

		this.api.as(agent.token()).get(WALLBOARD).problem(403, "forbidden");
	}

	@Test
	void agentsAreRefusedThePageAndItsDataSupervisorsGetThem() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "101");
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		UiSession agentSession = UiSession.logIn(this.port, agent.username(), agent.password());
		UiSession supervisorSession = UiSession.logIn(this.port, supervisor.username(), supervisor.password());

		assertThat(agentSession.get("/statistics/wallboard").statusCode()).isEqualTo(403);
		assertThat(agentSession.get("/statistics/wallboard/data").statusCode()).isEqualTo(403);
		HttpResponse<String> page = supervisorSession.get("/statistics/wallboard");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/js/wallboard.js", "/chart.umd.min.js", "wb-agents-chart")
			.doesNotContain("class=\"topbar\"");
		HttpResponse<String> json = supervisorSession.get("/statistics/wallboard/data");
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).contains("\"agentsByState\"");
	}

	@Test
	void supervisorsAndAdminsReadTheirTenantsBoard() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);

		JsonNode bySupervisor = this.api.as(supervisor.token()).get(WALLBOARD).json(200);
		JsonNode byAdmin = this.api.as(admin.token()).get(WALLBOARD).json(200);

		assertThat(bySupervisor.path("zone").asString()).isEqualTo("Europe/Madrid");
		assertThat(bySupervisor.path("day").asString()).isIn(LocalDate.now(ZoneId.of("Europe/Madrid")).toString(),
				LocalDate.now(ZoneId.of("Europe/Madrid")).minusDays(1).toString());
		assertThat(bySupervisor.path("now").asString()).isNotBlank();
		assertThat(bySupervisor.path("ringing").isEmpty()).isTrue();
		assertThat(bySupervisor.path("inProgress").isEmpty()).isTrue();
		assertThat(bySupervisor.path("waitingLongest").isNull()).isTrue();
		assertThat(bySupervisor.path("today").path("calls").isNumber()).isTrue();
		assertThat(byAdmin.path("zone").asString()).isEqualTo("Europe/Madrid");
	}

	@Test
	void aCallShowsRingingThenInProgressThenLeavesTheBoard() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "130");
		Contact contact = this.data.anyContact(tenant, "Lucía Gómez", "+34 655 300 400");
		String line = this.data.sandboxAccount(tenant).name();

		String sandboxCall = ring(agent, "655300400", "130");
		JsonNode ringing = board(supervisor);

		assertThat(ringing.path("ringing")).hasSize(1);
		JsonNode call = ringing.path("ringing").get(0);
		assertThat(call.path("number").asString()).isEqualTo("+34 655 30 04 00");
		assertThat(call.path("contactId").asLong()).isEqualTo(contact.id());
		assertThat(call.path("contactName").asString()).isEqualTo("Lucía Gómez");
		assertThat(call.path("direction").asString()).isEqualTo("INBOUND");
		assertThat(call.path("line").asString()).isEqualTo(line);
		assertThat(texts(call.path("rungAgents"))).containsExactly(agent.agent().displayName());
		assertThat(call.path("startedAt").asString()).isNotBlank();
		assertThat(call.path("answeredAt").isNull()).isTrue();
		assertThat(ringing.path("waitingLongest").path("callId").asLong()).isEqualTo(call.path("callId").asLong());
		assertThat(ringing.path("inProgress").isEmpty()).isTrue();
		assertThat(agentOnBoard(ringing, agent).path("state").asString()).as("being rung is not being on a call")
			.isEqualTo("AVAILABLE");

		this.api.as(agent.token())
			.post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "130"), sandboxCall)
			.hasStatus(200);
		JsonNode answered = board(supervisor);

		assertThat(answered.path("ringing").isEmpty()).isTrue();
		assertThat(answered.path("waitingLongest").isNull()).isTrue();
		assertThat(answered.path("inProgress")).hasSize(1);
		JsonNode talking = answered.path("inProgress").get(0);
		assertThat(talking.path("callId").asLong()).isEqualTo(call.path("callId").asLong());
		assertThat(talking.path("agentId").asLong()).isEqualTo(agent.id());
		assertThat(talking.path("agentName").asString()).isEqualTo(agent.agent().displayName());
		assertThat(talking.path("answeredAt").asString()).isNotBlank();
		JsonNode onCall = agentOnBoard(answered, agent);
		assertThat(onCall.path("state").asString()).isEqualTo("ON_CALL");
		assertThat(onCall.path("callId").asLong()).isEqualTo(call.path("callId").asLong());
		assertThat(onCall.path("since").asString()).isEqualTo(talking.path("answeredAt").asString());
		assertThat(count(answered, "ON_CALL")).isEqualTo(1);

		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), sandboxCall).hasStatus(200);
		JsonNode ended = board(supervisor);

		assertThat(ended.path("ringing").isEmpty()).isTrue();
		assertThat(ended.path("inProgress").isEmpty()).isTrue();
		assertThat(agentOnBoard(ended, agent).path("state").asString()).isEqualTo("AVAILABLE");
	}

	@Test
	void theCallerWaitingLongestIsTheOldestInboundCallStillRinging() throws InterruptedException {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser first = this.data.anyAgentWithExtension(tenant, Role.AGENT, "141");
		TestUser second = this.data.anyAgentWithExtension(tenant, Role.AGENT, "142");

		String older = ring(first, "611000001", "141");
		// Calls start at the provider event's time: a moment apart they cannot tie.
		Thread.sleep(50);
		ring(second, "611000002", "142");
		JsonNode both = board(supervisor);

		assertThat(both.path("ringing")).hasSize(2);
		assertThat(both.path("ringing").get(0).path("number").asString()).isEqualTo("+34 611 00 00 01");
		assertThat(both.path("waitingLongest").path("number").asString()).isEqualTo("+34 611 00 00 01");

		this.api.as(first.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), older).hasStatus(200);
		JsonNode one = board(supervisor);

		assertThat(one.path("ringing")).hasSize(1);
		assertThat(one.path("waitingLongest").path("number").asString()).isEqualTo("+34 611 00 00 02");
	}

	@Test
	void agentsWithAnExtensionAreShownInTheirStatusesWithCountsPerState() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser available = this.data.anyAgentWithExtension(tenant, Role.AGENT, "151");
		TestUser onBreak = this.data.anyAgentWithExtension(tenant, Role.AGENT, "152");
		TestUser offline = this.data.anyAgentWithExtension(tenant, Role.SUPERVISOR, "153");
		TestUser withoutExtension = this.data.anyUser(tenant, Role.AGENT);
		setStatus(admin, onBreak, "BREAK");
		setStatus(offline, offline, "OFFLINE");

		JsonNode board = board(admin);

		assertThat(agentOnBoard(board, available).path("state").asString()).isEqualTo("AVAILABLE");
		assertThat(agentOnBoard(board, onBreak).path("state").asString()).isEqualTo("BREAK");
		assertThat(agentOnBoard(board, onBreak).path("since").asString()).isNotBlank();
		assertThat(agentOnBoard(board, offline).path("state").asString()).isEqualTo("OFFLINE");
		assertThat(ids(board.path("agents"), "agentId")).containsExactlyInAnyOrder(available.id(), onBreak.id(),
				offline.id());
		assertThat(ids(board.path("agents"), "agentId")).doesNotContain(withoutExtension.id(), admin.id());
		List<String> states = new ArrayList<>();
		board.path("agentsByState").forEach((state) -> states.add(state.path("state").asString()));
		assertThat(states).containsExactly("ON_CALL", "AVAILABLE", "BUSY", "BREAK", "OFFLINE");
		assertThat(count(board, "ON_CALL")).isZero();
		assertThat(count(board, "AVAILABLE")).isEqualTo(1);
		assertThat(count(board, "BUSY")).isZero();
		assertThat(count(board, "BREAK")).isEqualTo(1);
		assertThat(count(board, "OFFLINE")).isEqualTo(1);
		assertThat(board.path("agents").get(0).path("state").asString()).as("ordered by state").isEqualTo("AVAILABLE");
	}

	@Test
	void todaysFiguresCountTheCallsEndedToday() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "165");
		String answered = ring(agent, "644100200", "165");
		this.api.as(agent.token())
			.post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "165"), answered)
			.hasStatus(200);
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), answered).hasStatus(200);
		String missed = ring(agent, "644100300", "165");
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), missed).hasStatus(200);

		// The figures are read from the calls' facts, written once each end is heard.
		JsonNode today = await().atMost(Duration.ofSeconds(30))
			.until(() -> board(supervisor).path("today"), (figures) -> figures.path("calls").asLong() >= 2);

		assertThat(today.path("calls").asLong()).isEqualTo(2);
		assertThat(today.path("answered").asLong()).isEqualTo(1);
		assertThat(today.path("missed").asLong()).isEqualTo(1);
		assertThat(today.path("answerRate").asDouble()).isEqualTo(0.5);
	}

	@Test
	void anotherTenantsCallsAndAgentsAreNotShown() {
		long tenant = this.data.anyTenant();
		long other = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser stranger = this.data.anyAgentWithExtension(other, Role.AGENT, "160");

		ring(stranger, "622000111", "160");
		JsonNode board = board(supervisor);

		assertThat(board.path("ringing").isEmpty()).isTrue();
		assertThat(board.path("waitingLongest").isNull()).isTrue();
		assertThat(ids(board.path("agents"), "agentId")).doesNotContain(stranger.id());
	}

	private String ring(TestUser agent, String from, String extension) {
		return this.api.as(agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", from, "extension", extension))
			.json(201)
			.get("id")
			.asString();
	}

	private void setStatus(TestUser actor, TestUser agent, String status) {
		this.api.as(actor.token()).put("/api/v1/agents/{id}/status", Map.of("status", status), agent.id()).json(200);
	}

	private JsonNode board(TestUser user) {
		return this.api.as(user.token()).get(WALLBOARD).json(200);
	}

	private static JsonNode agentOnBoard(JsonNode board, TestUser agent) {
		for (JsonNode onBoard : board.path("agents")) {
			if (onBoard.path("agentId").asLong() == agent.id()) {
				return onBoard;
			}
		}
		throw new AssertionError("Agent " + agent.id() + " is not on the board: " + board.path("agents"));
	}

	private static long count(JsonNode board, String state) {
		for (JsonNode count : board.path("agentsByState")) {
			if (state.equals(count.path("state").asString())) {
				return count.path("agents").asLong();
			}
		}
		throw new AssertionError("No count of " + state);
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((value) -> texts.add(value.asString()));
		return texts;
	}

	private static List<Long> ids(JsonNode array, String field) {
		List<Long> ids = new ArrayList<>();
		array.forEach((value) -> ids.add(value.path(field).asLong()));
		return ids;
	}

}
