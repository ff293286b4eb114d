package io.callbridge.security;

import java.net.http.HttpResponse;
import java.util.Map;

import io.callbridge.CallbridgeApplication;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.LoginForm;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Callbridge nodes sharing one PostgreSQL database, each with its own HTTP sessions:
 * a user demoted through one node loses the session held on the other at its next
 * request, and failed logins counted on one node slow the username down on the other. H2
 * serves a single node, so this runs in the PostgreSQL suite.
 */
@IntegrationTest
class SecurityAcrossNodesTests {

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	ApiClient api;

	@Autowired
	Environment environment;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void forgetThisMachinesFailedLogins() {
		this.jdbc.sql("DELETE FROM login_throttles WHERE scope = 'ADDRESS' AND subject IN (?, ?)")
			.params("127.0.0.1", "0:0:0:0:0:0:0:0/64")
			.update();
	}

	@Test
	void sessionOnOneNodeEndsWhenTheUserIsDemotedThroughAnother() {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		long tenant = this.tenants.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);

		try (ConfigurableApplicationContext otherNode = startOtherNode()) {
			UiSession there = UiSession.logIn(portOf(otherNode), supervisor.username(), supervisor.password());
			assertThat(there.get("/admin/agents").statusCode()).isEqualTo(200);

			this.api.as(admin.token())
				.put("/api/v1/agents/{id}",
						Map.of("username", supervisor.username(), "displayName", "Demoted", "role", "AGENT", "enabled",
								true),
						supervisor.id())
				.hasStatus(200);

			HttpResponse<String> next = there.get("/admin/agents");
			assertThat(next.statusCode()).isEqualTo(302);
			assertThat(next.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login?expired"));
		}
	}

	@Test
	void failuresCountedOnOneNodeSlowTheUsernameDownOnAnother() {
		assumeTrue("postgres".equals(System.getProperty("callbridge.test.database")),
				"H2 serves one node; the PostgreSQL suite runs this");
		TestUser user = this.data.anyUser(this.tenants.anyTenant(), Role.AGENT);
		LoginForm here = LoginForm.direct(this.environment.getRequiredProperty("local.server.port", Integer.class));

		// The other node slows down from the first failure, so after five its pause (16
		// s)
		// outlasts any slowness of this machine.
		try (ConfigurableApplicationContext otherNode = startOtherNode("callbridge.login.user.slow-after=1")) {
			for (int i = 0; i < 5; i++) {
				assertThat(here.submit(user.organisation(), user.username(), "wrong-password"))
					.startsWith("/login?error");
			}
			String there = LoginForm.direct(portOf(otherNode))
				.submit(user.organisation(), user.username(), user.password());

			assertThat(there).startsWith("/login?retry=");
		}
	}

	private ConfigurableApplicationContext startOtherNode(String... properties) {
		return new SpringApplicationBuilder(CallbridgeApplication.class).profiles(this.environment.getActiveProfiles())
			.properties("server.port=0",
					"spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"),
					// The other node must not take over this node's outstanding events.
					"spring.modulith.events.republish-outstanding-events-on-restart=false")
			.properties(properties)
			.run();
	}

	private static int portOf(ConfigurableApplicationContext node) {
		return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
