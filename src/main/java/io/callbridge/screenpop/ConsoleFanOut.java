package io.callbridge.screenpop;

import java.util.Set;

/**
 * How a console message reaches the consoles of the users concerned, on whichever node
 * their browsers are connected. One strategy per database: an H2 file database serves a
 * single node, so its messages stay local; on PostgreSQL every node hears every message.
 */
interface ConsoleFanOut {

	/** Sends the message to every open console of the users. */
	void send(Set<Long> users, ConsoleMessage message);

}
