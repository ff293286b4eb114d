package io.callbridge.contacts;

import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.sandbox.SandboxCall;
import io.callbridge.sandbox.SandboxPbx;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blacklist through the API, and its effect on a starting call: the sandbox PBX
 * rejects it as busy.
 */
@IntegrationTest
class BlacklistApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	SandboxPbx pbx;

	@Test
	void supervisorBlacklistsANumberInAnyFormatOnce() {
		long tenant = this.data.anyTenant();
		ApiClient.Caller supervisor = client(this.data.anyUser(tenant, Role.SUPERVISOR));

		ApiResponse added = supervisor.post("/api/v1/blacklist",
				Map.of("number", "0034 612 999 001", "reason", "spam"));
		ApiResponse again = supervisor.post("/api/v1/blacklist", Map.of("number", "+34612999001"));
		ApiResponse invalid = supervisor.post("/api/v1/blacklist", Map.of("number", "12ab"));

		assertThat(added.status()).isEqualTo(201);
		assertThat(added.body()).contains("+34612999001").contains("spam");
		again.problem(409, "conflict");
		invalid.problem(422, "invalid-input");
		assertThat(supervisor.get("/api/v1/blacklist").body()).contains("+34612999001");
	}

	@Test
	void agentCannotChangeTheBlacklist() {
		long tenant = this.data.anyTenant();
		ApiClient.Caller agent = client(this.data.anyUser(tenant, Role.AGENT));

		agent.post("/api/v1/blacklist", Map.of("number", "+34612999002")).problem(403, "forbidden");
	}

	@Test
	void blacklistedCallerIsRejectedWhenTheCallStartsAndRecordedAsRejectedNotBusy() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.SUPERVISOR, "100");
		client(agent).post("/api/v1/blacklist", Map.of("number", "+34 612 999 003"));

		SandboxCall call = this.pbx.inbound(this.data.sandboxAccount(tenant).id(), "612999003", "+34910000000",
				java.util.List.of("100"), SandboxPbx.Scenario.MANUAL);

		assertThat(call.state()).isEqualTo("ended");
		assertThat(client(agent).get("/api/v1/calls?result=REJECTED").body()).contains("+34612999003");
		assertThat(client(agent).get("/api/v1/calls?result=BUSY").body()).doesNotContain("+34612999003");
	}

	private ApiClient.Caller client(TestUser user) {
		return this.api.as(user.token());
	}

}
