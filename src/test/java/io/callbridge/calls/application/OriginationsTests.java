package io.callbridge.calls.application;

import java.time.Instant;

import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matching a click-to-call request to the call it produced when the provider returned no
 * call id: by number and time, from the requesting agent's extension or from an endpoint
 * that is no agent's extension (a shared caller identity), never from a colleague's.
 */
@IntegrationTest
class OriginationsTests {

	private static final String NUMBER = "+34612345678";

	@Autowired
	TestData data;

	@Autowired
	Originations originations;

	private long tenant;

	private TelephonyAccount account;

	private TestUser agent;

	@BeforeEach
	void requestFromExtension101() {
		this.tenant = this.data.anyTenant();
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "102");
		this.account = this.data.sandboxAccount(this.tenant);
		this.originations.record(this.tenant, this.account.id(), this.agent.id(), "101", NUMBER, null);
	}

	@Test
	void aCallFromAColleaguesExtensionLeavesTheRequestForTheAgentsOwnCall() {
		assertThat(claimFrom("102", 1L)).isFalse();

		assertThat(claimFrom("101", 2L)).isTrue();
	}

	@Test
	void aCallFromAnEndpointThatIsNoAgentsExtensionClaimsTheRequest() {
		assertThat(claimFrom("identity-ep", 3L)).isTrue();

		assertThat(claimFrom("101", 4L)).as("claimed once").isFalse();
	}

	private boolean claimFrom(String extension, long callId) {
		return this.originations.claim(this.account.id(), callId, "no-such-id", extension, NUMBER, Instant.now())
			.filter((origination) -> origination.agentId() == this.agent.id())
			.isPresent();
	}

}
