package io.callbridge.screenpop;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.callbridge.screenpop.ConsoleMessage.CallChange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Hands a console message to the consoles connected to this node and measures, for call
 * changes, the time from the provider event entering Callbridge to the SSE message
 * leaving. Messages handed over for later go through one delivery thread, in the order
 * they were handed over, so each console sees them in order and the thread that committed
 * the change never waits for a browser.
 */
@Component
class ConsoleDelivery implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ConsoleDelivery.class);

	private final ConsoleConnections connections;

	private final Timer latency;

	private final ExecutorService deliveryThread = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("console-delivery").factory());

	ConsoleDelivery(ConsoleConnections connections, MeterRegistry meters) {
		this.connections = connections;
		this.latency = Timer.builder("callbridge.screenpop.push.latency")
			.description("From a provider event entering Callbridge to its SSE message leaving")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	/** Delivers on the calling thread. */
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

	/** Delivers on this node's delivery thread, after what was handed over before. */
	void deliverLater(Set<Long> users, ConsoleMessage message) {
		try {
			this.deliveryThread.execute(() -> deliverQuietly(users, message));
		}
		catch (RejectedExecutionException ex) {
			log.debug("Console message {} not delivered: the node is stopping", message.eventName());
		}
	}

	private void deliverQuietly(Set<Long> users, ConsoleMessage message) {
		try {
			deliver(users, message);
		}
		catch (RuntimeException ex) {
			// The delivery thread serves every console of the node: one failure must not
			// stop it.
			log.warn("Delivering a console message ({}) failed", message.eventName(), ex);
		}
	}

	@Override
	public void destroy() {
		this.deliveryThread.shutdownNow();
	}

}
