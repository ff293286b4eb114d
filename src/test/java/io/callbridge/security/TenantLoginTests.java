package io.callbridge.security;

import java.util.UUID;

import io.callbridge.agents.AgentCommand;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.LoginForm;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.UiSession;
import io.callbridge.tenants.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over HTTP: usernames are unique per tenant, so the login names the organisation (the
 * tenant's short name); users of the default tenant, like the first-start admin, leave it
 * empty.
 */
@IntegrationTest
class TenantLoginTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	Tenants tenantStore;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void forgetThisMachinesFailedLogins() {
		this.jdbc.sql("DELETE FROM login_throttles WHERE scope = 'ADDRESS' AND subject IN (?, ?)")
			.params("127.0.0.1", "0:0:0:0:0:0:0:0/64")
			.update();
	}

	@Test
	void usersWithTheSameUsernameInTwoTenantsEachLogInToTheirOwn() {
		long tenantA = this.tenants.anyTenant();
		long tenantB = this.tenants.anyTenant();
		String username = "jo-" + UUID.randomUUID().toString().substring(0, 8);
		this.data.agentService()
			.create(tenantA, new AgentCommand(username, "Jo of A", null, Role.AGENT, "password-of-a", true, null));
		this.data.agentService()
			.create(tenantB, new AgentCommand(username, "Jo of B", null, Role.AGENT, "password-of-b", true, null));
		this.data.anyContact(tenantA, "Customer Of A", "+34 612 000 501");
		String slugA = this.tenantStore.get(tenantA).slug();
		String slugB = this.tenantStore.get(tenantB).slug();

		UiSession a = UiSession.logIn(this.port, slugA, username, "password-of-a");
		UiSession b = UiSession.logIn(this.port, slugB, username, "password-of-b");

		assertThat(a.get("/contacts").body()).contains("Customer Of A");
		assertThat(b.get("/contacts").body()).doesNotContain("Customer Of A");
		assertThat(LoginForm.direct(this.port).submit(slugB, username, "password-of-a")).startsWith("/login?error");
		assertThat(LoginForm.direct(this.port).submit("", username, "password-of-a")).startsWith("/login?error");
	}

	@Test
	void organisationIsReadWhateverItsCaseAndSpaces() {
		long tenant = this.tenants.anyTenant();
		TestData.TestUser user = this.data.anyUser(tenant, Role.AGENT);

		assertThat(LoginForm.direct(this.port)
			.submit("  " + user.organisation().toUpperCase() + " ", user.username(), user.password()))
			.isEqualTo("/console");
	}

	@Test
	void firstStartAdminOfTheDefaultTenantLogsInWithoutOrganisation() {
		assertThat(LoginForm.direct(this.port).submit("", "admin", "admin-test-pass")).isEqualTo("/console");
		assertThat(LoginForm.direct(this.port).submit("default", "admin", "admin-test-pass")).isEqualTo("/console");
	}

	@Test
	void loginPageAsksForTheOrganisationInBothLanguagesAndKeepsTheOneInTheLink() {
		String page = this.api.anonymous().accepting("text/html").get("/login?org=acme").body();
		String spanish = this.api.anonymous().accepting("text/html").get("/login?lang=es").body();

		assertThat(page).contains("name=\"organisation\"").contains("value=\"acme\"").contains("Organisation");
		assertThat(spanish).contains("Organización");
	}

	@Test
	void failedLoginKeepsTheOrganisationTyped() {
		assertThat(LoginForm.direct(this.port).submit("acme", "nobody", "nothing-at-all"))
			.isEqualTo("/login?error&org=acme");
	}

}
