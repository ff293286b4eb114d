package io.callbridge.screenpop;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry of open console connections under concurrent opening and closing.
 */
class ConsoleConnectionsTest {

	@Test
	void aConnectionOpenedWhileTheUsersLastOneClosesIsKept() throws Exception {
		ConsoleConnections connections = new ConsoleConnections(new SimpleMeterRegistry(),
				new ConsoleProperties(Duration.ofMinutes(30)));
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
					return connections.push(user, "call", "x");
				});
				opened.get();
				pushed.get();
				assertThat(connections.connections(user)).as("open connections of user %d after round %d", user, round)
					.isEqualTo(1);
			}
		}
	}

}
