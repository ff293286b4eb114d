package io.callbridge.screenpop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.callbridge.shared.AgentStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpOutputMessage;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry of open console connections under concurrent opening and closing, and the
 * text of its messages.
 */
class ConsoleConnectionsTest {

	/**
	 * A message's data is written once per push with the application's mapper; the
	 * browser must read the very text Spring MVC's JSON converter wrote for it before
	 * (the type's name included, which the browser and other nodes read).
	 */
	@Test
	void eachMessageIsTheTextSpringsJsonConverterWrites() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		List<ConsoleMessage> messages = List.of(
				new ConsoleMessage.CallChange(42, "rang", Instant.parse("2026-12-07T04:40:00.123456Z")),
				new ConsoleMessage.TasksChanged(7L), new ConsoleMessage.TasksChanged(null),
				new ConsoleMessage.AccessEnded(), new ConsoleMessage.StatusChanged(AgentStatus.values()[0]),
				new ConsoleMessage.WallboardChanged("calls"));
		for (ConsoleMessage message : messages) {
			MockHttpOutputMessage converted = new MockHttpOutputMessage();
			new JacksonJsonHttpMessageConverter(mapper).write(message, MediaType.APPLICATION_JSON, converted);
			assertThat(ConsoleConnections.textOf(mapper.writer(), message)).as("%s", message)
				.isEqualTo(converted.getBodyAsString(StandardCharsets.UTF_8))
				.contains("\"type\":");
		}
	}

	@Test
	void aConnectionOpenedWhileTheUsersLastOneClosesIsKept() throws Exception {
		ConsoleConnections connections = new ConsoleConnections(new SimpleMeterRegistry(),
				new ConsoleProperties(Duration.ofMinutes(30)), JsonMapper.shared());
		CyclicBarrier start = new CyclicBarrier(2);
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			for (int round = 0; round < 20_000; round++) {
				long user = round;
				SseEmitter closing = connections.open(user);
				// A completed emitter refuses to send: the next push finds it gone and
				// removes it, emptying the user's set while the new tab opens.
				closing.complete();
				Future<SseEmitter> opened = threads.submit(() -> {
					start.await();
					return connections.open(user);
				});
				Future<Integer> pushed = threads.submit(() -> {
					start.await();
					return connections.push(user, "tasks", new ConsoleMessage.TasksChanged(null));
				});
				opened.get();
				pushed.get();
				assertThat(connections.connections(user)).as("open connections of user %d after round %d", user, round)
					.isEqualTo(1);
			}
		}
	}

}
