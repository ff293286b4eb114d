package io.callbridge.agents;

import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.FakeTelephonyProvider;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extensions page of an account: the provider's extensions assigned to one agent
 * each, and the account's own default responsible agent, which the rules then use.
 */
@IntegrationTest
class AccountExtensionsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	Agents agents;

	private long tenant;

	private TelephonyAccount account;

	private TestUser ana;

	private TestUser luis;

	private UiSession ui;

	@BeforeEach
	void fakeAccountAndTwoAgents() {
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, FakeTelephonyProvider.KEY, "Fake", true, Map.of(),
				new Credentials(Map.of("secret", "s")));
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.ui = UiSession.logIn(this.port, supervisor.username(), supervisor.password());
	}

	@Test
	void extensionsListedByTheProviderAreAssignedToOneAgentEach() {
		String path = "/admin/telephony/" + this.account.id() + "/endpoints";
		assertThat(this.ui.get(path).body()).contains("data-extension=\"100\"")
			.contains("data-extension=\"101\"")
			.contains("Fake 100");

		this.ui.postForm(path + "/assign", Map.of("extension", "100", "agentId", String.valueOf(this.ana.id())));
		assertThat(this.ui.get(path).body()).contains("Extension 100 saved.");
		this.ui.postForm(path + "/assign", Map.of("extension", "100", "agentId", String.valueOf(this.luis.id())));
		String page = this.ui.get(path).body();

		assertThat(this.agents.onExtension(this.account.id(), "100")).get()
			.extracting(Agent::id)
			.isEqualTo(this.ana.id());
		assertThat(page).contains("id=\"assign-error\"")
			.contains("already assigned to " + this.ana.agent().displayName());

		this.ui.postForm(path + "/assign", Map.of("extension", "100", "agentId", ""));
		assertThat(this.agents.onExtension(this.account.id(), "100")).isEmpty();
	}

	@Test
	void accountDefaultResponsibleOverridesTheTenantsAndFallsBackToIt() {
		this.data.agentService().setDefaultResponsible(this.tenant, this.ana.id());

		this.ui.postForm("/admin/telephony/" + this.account.id() + "/default-responsible",
				Map.of("agentId", String.valueOf(this.luis.id())));
		TelephonyAccount withOwn = this.accounts.get(this.tenant, this.account.id());
		this.ui.postForm("/admin/telephony/" + this.account.id() + "/default-responsible", Map.of("agentId", ""));
		TelephonyAccount withoutOwn = this.accounts.get(this.tenant, this.account.id());

		assertThat(this.agents.defaultResponsibleFor(withOwn)).get().extracting(Agent::id).isEqualTo(this.luis.id());
		assertThat(this.agents.defaultResponsibleFor(withoutOwn)).get().extracting(Agent::id).isEqualTo(this.ana.id());
		assertThat(withOwn.settings()).containsEntry("defaultResponsibleId", String.valueOf(this.luis.id()));
	}

}
