package io.callbridge.calls;

import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Choosing the identity a click-to-call goes out as: the agent's own extension or one of
 * the account's further identities (e.g. a private endpoint), never anything else.
 */
@IntegrationTest
class CallerIdentityTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	FakeTelephonyProvider fake;

	@Autowired
	ApiClient api;

	private TelephonyAccount account;

	private TestUser agent;

	@BeforeEach
	void agentOnAnAccountWithAPrivateIdentity() {
		long tenant = this.data.anyTenant();
		this.account = this.accounts.create(tenant, FakeTelephonyProvider.KEY, "Fake", true,
				Map.of("callerIdentities", "8000001, 8000002"), new Credentials(Map.of("secret", "s")));
		this.agent = this.data.anyUser(tenant, Role.AGENT);
		this.data.assignExtension(tenant, this.agent.id(), this.account.id(), "8373456");
	}

	@Test
	void callGoesOutAsTheChosenIdentityOfTheAccount() {
		this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111222", "callerId", "8000002"))
			.json(202);

		assertThat(this.fake.originated(this.account.id()))
			.containsExactly(new OriginateRequest("8373456", "+34600111222", "8000002"));
	}

	@Test
	void anIdentityTheAccountDoesNotHaveIsRefusedListingTheAllowedOnes() {
		String detail = this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111222", "callerId", "9999999"))
			.problem(422)
			.toString();

		assertThat(detail).contains("9999999").contains("8373456, 8000001, 8000002");
		assertThat(this.fake.originated(this.account.id())).isEmpty();
	}

	@Test
	void consoleOffersTheIdentitiesToCallFrom() {
		String console = UiSession.logIn(this.port, this.agent.username(), this.agent.password())
			.get("/console")
			.body();

		assertThat(console).contains("id=\"caller-identity\"")
			.contains("<option value=\"8373456\">")
			.contains("<option value=\"8000001\">")
			.contains("<option value=\"8000002\">");
	}

}
