package io.callbridge.screenpop;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.callbridge.shared.Role;
import io.callbridge.support.ConsoleClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's stream is answered so that whatever sits between it and the browser
 * passes each message on at once: an event stream, not cached, and not buffered by a
 * reverse proxy such as nginx (which otherwise holds answers until its buffer fills, so
 * pop-ups would arrive late and in clumps).
 */
@IntegrationTest
class ConsoleStreamHeadersTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Test
	void theConsoleStreamIsNeitherCachedNorBufferedByAProxy() throws Exception {
		TestUser agent = this.data.anyUser(this.data.anyTenant(), Role.AGENT);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ConsoleClient console = new ConsoleClient(URI.create("http://localhost:" + this.port), threads)) {
			console.logIn(agent.username(), agent.password());
			console.openEvents();

			assertThat(console.streamHeaders().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(console.streamHeaders().firstValue("X-Accel-Buffering")).hasValue("no");
			assertThat(console.streamHeaders().allValues("Cache-Control"))
				.anySatisfy((value) -> assertThat(value).contains("no-store"));
		}
	}

}
