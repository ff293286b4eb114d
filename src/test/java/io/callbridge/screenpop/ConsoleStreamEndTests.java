package io.callbridge.screenpop;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.callbridge.shared.Role;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.Logged;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A console stream ending because the browser went away or because it reached its timeout
 * is ordinary: nothing is logged as a warning or an error, and the connection is
 * forgotten.
 */
@IntegrationTest
@TestPropertySource(properties = "callbridge.console.stream-timeout=2s")
class ConsoleStreamEndTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ConsoleConnections connections;

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	@BeforeEach
	void captureLogs() {
		this.logged.start();
		this.root.addAppender(this.logged);
	}

	@AfterEach
	void stopCapturing() {
		this.root.detachAppender(this.logged);
	}

	@Test
	void aClosedConsoleTabIsForgottenWithoutAWarningOrError() throws Exception {
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads);
			console.logIn(agent.username(), agent.password());
			console.openEvents();
			assertThat(this.connections.connections(agent.id())).isEqualTo(1);
			console.close();

			// The server notices a closed tab when it next writes to it (heartbeats,
			// pushes).
			await().atMost(WAIT).alias("connections left after the tab closed").until(() -> {
				this.connections.heartbeat();
				return this.connections.connections(agent.id()) == 0;
			});
			// A quiet period, not a wait: the container's error dispatch for the broken
			// connection runs after the failed write, and what it logs would be in by
			// now.
			Thread.sleep(1000);
		}
		assertThat(warningsAndErrors()).isEmpty();
	}

	@Test
	void aStreamReachingItsTimeoutEndsWithoutAWarningOrError() throws Exception {
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads)) {
			console.logIn(agent.username(), agent.password());
			console.openEvents();
			assertThat(console.awaitEnd(WAIT)).as("the stream ended at its timeout").isTrue();
			await().atMost(WAIT).until(() -> this.connections.connections(agent.id()) == 0);
			// A quiet period, not a wait: a warning or error logged as the stream ends
			// would be in by now.
			Thread.sleep(500);
		}
		assertThat(warningsAndErrors()).isEmpty();
	}

	private List<String> warningsAndErrors() {
		return Logged.events(this.logged)
			.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.map((event) -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
					+ ((event.getThrowableProxy() != null) ? " (" + event.getThrowableProxy().getClassName() + ")"
							: ""))
			.toList();
	}

}
