package io.callbridge.screenpop;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A user whose access changes loses their open console streams at once, not only their
 * next page: the live stream belongs to the session that ended.
 */
@IntegrationTest
class ConsoleAccessTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Test
	void aDemotedSupervisorsOpenConsoleIsClosedAndCannotReconnect() throws Exception {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads)) {
			console.logIn(supervisor.username(), supervisor.password());
			console.openEvents();

			this.api.as(admin.token())
				.put("/api/v1/agents/{id}",
						Map.of("username", supervisor.username(), "displayName", "Demoted", "role", "AGENT", "enabled",
								true),
						supervisor.id())
				.json(200);

			assertThat(console.awaitEnd(WAIT)).as("the open stream ends").isTrue();
			assertThatIllegalStateException().isThrownBy(console::openEvents).withMessageContaining("refused");
		}
	}

	@Test
	void aDeletedAgentsOpenConsoleIsClosed() throws Exception {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads)) {
			console.logIn(agent.username(), agent.password());
			console.openEvents();

			this.api.as(admin.token()).delete("/api/v1/agents/{id}", agent.id());

			assertThat(console.awaitEnd(WAIT)).as("the open stream ends").isTrue();
		}
	}

}
