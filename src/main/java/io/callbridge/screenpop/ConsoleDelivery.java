package io.callbridge.screenpop;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.callbridge.screenpop.ConsoleMessage.CallChange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Hands a console message to the consoles connected to this node and measures, for call
 * changes, the time from the provider event entering Callbridge to the SSE message
 * leaving.
 */
@Component
class ConsoleDelivery {

	private final ConsoleConnections connections;

	private final Timer latency;

	ConsoleDelivery(ConsoleConnections connections, MeterRegistry meters) {
		this.connections = connections;
		this.latency = Timer.builder("callbridge.screenpop.push.latency")
			.description("From a provider event entering Callbridge to its SSE message leaving")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	void deliver(Set<Long> users, ConsoleMessage message) {
		if (message instanceof ConsoleMessage.AccessEnded) {
			users.forEach(this.connections::closeAll);
			return;
		}
		for (Long user : users) {
			if (this.connections.push(user, message.eventName(), message) > 0 && message instanceof CallChange change) {
				this.latency.record(Duration.between(change.receivedAt(), Instant.now()));
			}
		}
	}

}
