package io.callbridge.screenpop;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent's own call in progress: it blocks a new click-to-call while it lasts, the
 * console hangs it up where the provider allows it and says to use the phone where not,
 * and a call whose end was never reported never blocks the agent for good (it stops
 * blocking when quiet for too long, and the agent can close it).
 */
@IntegrationTest
class AgentActiveCallTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TestUser agent;

	private TelephonyAccount fakeAccount;

	@BeforeEach
	void agentWithAnExtensionOnAProviderWithoutHangUp() {
		this.tenant = this.data.anyTenant();
		this.fakeAccount = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, this.agent.id(), this.fakeAccount.id(), "7001");
	}

	@Test
	void anAnsweredCallBlocksClickToCallUntilItHasBeenQuietForHours() {
		long callId = answeredCall(this.fakeAccount, "fake-" + UUID.randomUUID());
		assertThat(clickToCall().problem(409).toString()).contains("call " + callId);

		age(callId, Duration.ofMinutes(90));
		clickToCall().problem(409);

		age(callId, Duration.ofHours(3));
		clickToCall().json(202);
	}

	@Test
	void aCallStillRingingStopsBlockingSoonerThanAConversation() {
		String providerCallId = "fake-" + UUID.randomUUID();
		ingest(this.fakeAccount, providerCallId, CallEventType.RINGING);
		long callId = callId(providerCallId);
		clickToCall().problem(409);

		age(callId, Duration.ofMinutes(20));
		clickToCall().json(202);
	}

	@Test
	void theAgentClosesACallWhoseEndWasNeverReportedAndCanCallAgain() {
		long callId = answeredCall(this.fakeAccount, "fake-" + UUID.randomUUID());
		clickToCall().problem(409);
		UiSession console = UiSession.logIn(this.port, this.agent.username(), this.agent.password());
		assertThat(console.get("/console/panels/active-call").body()).contains("data-call-id=\"" + callId + "\"")
			.contains("End the call on your phone: Fake provider does not let Callbridge end calls.")
			.doesNotContain("class=\"danger hang-up\"");

		HttpResponse<String> closed = console.postForm("/console/calls/" + callId + "/close", Map.of());

		assertThat(closed.statusCode()).isEqualTo(200);
		assertThat(closed.body()).contains("no longer counts as your call in progress")
			.doesNotContain("data-call-id=\"" + callId + "\"");
		clickToCall().json(202);
		// The call record stays as the provider reported it.
		assertThat(this.api.as(this.agent.token()).get("/api/v1/calls/{id}", callId).json(200).get("state").asString())
			.isEqualTo("ANSWERED");
	}

	@Test
	void hangingUpThroughAProviderWithoutCallControlSaysToEndTheCallOnThePhone() {
		long callId = answeredCall(this.fakeAccount, "fake-" + UUID.randomUUID());
		UiSession console = UiSession.logIn(this.port, this.agent.username(), this.agent.password());

		HttpResponse<String> refused = console.postForm("/console/calls/" + callId + "/hang-up", Map.of());

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body())
			.contains("Fake provider does not let Callbridge end calls: end the call on your phone.");
	}

	@Test
	void onlyTheAgentOnTheCallCanHangItUpOrCloseIt() {
		long callId = answeredCall(this.fakeAccount, "fake-" + UUID.randomUUID());
		TestUser colleague = this.data.anyUser(this.tenant, Role.AGENT);
		UiSession console = UiSession.logIn(this.port, colleague.username(), colleague.password());

		assertThat(console.postForm("/console/calls/" + callId + "/hang-up", Map.of()).statusCode()).isEqualTo(403);
		assertThat(console.postForm("/console/calls/" + callId + "/close", Map.of()).statusCode()).isEqualTo(403);
		clickToCall().problem(409);
	}

	@Test
	void theSandboxHangsUpTheAgentsClickToCallAndTheAgentCanCallAgain() {
		TestUser caller = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "150");
		this.api.as(caller.token()).post("/api/v1/click-to-call", Map.of("number", "+34600111333")).json(202);
		long callId = awaitCall(caller, "ANSWERED");
		this.api.as(caller.token()).post("/api/v1/click-to-call", Map.of("number", "+34600111444")).problem(409);
		UiSession console = UiSession.logIn(this.port, caller.username(), caller.password());
		assertThat(console.get("/console/panels/active-call").body()).contains("class=\"danger hang-up\"");

		HttpResponse<String> hungUp = console.postForm("/console/calls/" + callId + "/hang-up", Map.of());

		assertThat(hungUp.statusCode()).isEqualTo(200);
		assertThat(awaitCall(caller, "ENDED")).isEqualTo(callId);
		this.api.as(caller.token()).post("/api/v1/click-to-call", Map.of("number", "+34600111444")).json(202);
	}

	@Test
	void hangingUpACallTheSandboxNoLongerHasClosesIt() {
		TestUser onSandbox = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "151");
		long callId = answeredCall(this.data.sandboxAccount(this.tenant), "sbx-forgotten-" + UUID.randomUUID(), "151");
		this.api.as(onSandbox.token()).post("/api/v1/click-to-call", Map.of("number", "+34600111555")).problem(409);
		UiSession console = UiSession.logIn(this.port, onSandbox.username(), onSandbox.password());

		HttpResponse<String> hungUp = console.postForm("/console/calls/" + callId + "/hang-up", Map.of());

		assertThat(hungUp.statusCode()).isEqualTo(200);
		assertThat(hungUp.body()).contains("Sandbox PBX (simulated) no longer has this call in progress");
		this.api.as(onSandbox.token()).post("/api/v1/click-to-call", Map.of("number", "+34600111555")).json(202);
	}

	private io.callbridge.support.ApiResponse clickToCall() {
		return this.api.as(this.agent.token()).post("/api/v1/click-to-call", Map.of("number", "+34600222333"));
	}

	private long answeredCall(TelephonyAccount account, String providerCallId) {
		return answeredCall(account, providerCallId, "7001");
	}

	private long answeredCall(TelephonyAccount account, String providerCallId, String extension) {
		ingest(account, providerCallId, CallEventType.RINGING, extension);
		ingest(account, providerCallId, CallEventType.ANSWERED, extension);
		return callId(providerCallId);
	}

	private void ingest(TelephonyAccount account, String providerCallId, CallEventType type) {
		ingest(account, providerCallId, type, "7001");
	}

	private void ingest(TelephonyAccount account, String providerCallId, CallEventType type, String extension) {
		this.sink.accept(ProviderCallEvent.of(account.id(), providerCallId, type, Instant.now())
			.direction(CallDirection.INBOUND)
			.externalNumber("+34612000999")
			.extension(extension)
			.rawPayload("{\"call\":\"" + providerCallId + "\",\"type\":\"" + type + "\"}")
			.build());
	}

	private long callId(String providerCallId) {
		return this.jdbc.sql("SELECT id FROM calls WHERE provider_call_id = ?")
			.param(providerCallId)
			.query(Long.class)
			.single();
	}

	// As if the call's events had arrived this long ago.
	private void age(long callId, Duration age) {
		this.jdbc.sql("UPDATE call_events SET received_at = ? WHERE call_id = ?")
			.params(Jdbc.ts(Instant.now().minus(age)), callId)
			.update();
	}

	private long awaitCall(TestUser agent, String state) {
		JsonNode items = await().atMost(WAIT)
			.alias("a call of " + agent.username() + " in state " + state)
			.until(() -> this.api.as(agent.token())
				.get("/api/v1/calls?agentId={id}", agent.id())
				.json(200)
				.get("items"), (calls) -> calls.size() > 0 && state.equals(calls.get(0).get("state").asString()));
		return items.get(0).get("id").asLong();
	}

}
