package io.callbridge.screenpop;

import java.util.Set;

/**
 * The fan-out of a single node (the embedded H2 database cannot be shared by several):
 * messages go straight to this node's consoles.
 */
final class LocalConsoleFanOut implements ConsoleFanOut {

	private final ConsoleDelivery delivery;

	LocalConsoleFanOut(ConsoleDelivery delivery) {
		this.delivery = delivery;
	}

	@Override
	public void send(Set<Long> users, ConsoleMessage message) {
		this.delivery.deliver(users, message);
	}

	@Override
	public void sendLater(Set<Long> users, ConsoleMessage message) {
		this.delivery.deliverLater(users, message);
	}

}
