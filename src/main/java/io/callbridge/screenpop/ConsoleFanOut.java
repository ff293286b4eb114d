package io.callbridge.screenpop;

import java.util.Set;

import io.callbridge.screenpop.CallPopListener.CallChange;

/**
 * How a call change reaches the consoles of the users concerned, on whichever node their
 * browsers are connected. One strategy per database: an H2 file database serves a single
 * node, so its changes stay local; on PostgreSQL every node hears every change.
 */
interface ConsoleFanOut {

	/** Sends the change to every open console of the users. */
	void send(Set<Long> users, CallChange change);

}
