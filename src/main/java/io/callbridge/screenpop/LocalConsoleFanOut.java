package io.callbridge.screenpop;

import java.util.Set;

import io.callbridge.screenpop.CallPopListener.CallChange;

/**
 * The fan-out of a single node (the embedded H2 database cannot be shared by several):
 * changes go straight to this node's consoles.
 */
final class LocalConsoleFanOut implements ConsoleFanOut {

	private final ConsoleDelivery delivery;

	LocalConsoleFanOut(ConsoleDelivery delivery) {
		this.delivery = delivery;
	}

	@Override
	public void send(Set<Long> users, CallChange change) {
		this.delivery.deliver(users, change);
	}

}
