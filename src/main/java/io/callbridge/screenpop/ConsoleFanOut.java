package io.callbridge.screenpop;

import java.util.Set;

import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a console message reaches the consoles of the users concerned, on whichever node
 * their browsers are connected. One strategy per database: an H2 file database serves a
 * single node, so its messages stay local; on PostgreSQL every node hears every message.
 */
interface ConsoleFanOut {

	/**
	 * Sends the message to every open console of the users as part of the caller's work:
	 * on PostgreSQL the notification joins the caller's transaction, so a failure fails
	 * the caller (and the event publication registry retries it).
	 */
	void send(Set<Long> users, ConsoleMessage message);

	/**
	 * Hands the message over for delivery without waiting for it: it is queued and sent
	 * by the node's own delivery thread, so neither a slow console nor the database's
	 * round trip holds the caller. Delivered at most once; a message lost to a crash or a
	 * dropped connection is made good by the browser's reconnection, which reloads what
	 * the console shows.
	 */
	void sendLater(Set<Long> users, ConsoleMessage message);

	/**
	 * {@link #sendLater} once the caller's transaction has committed (at once outside a
	 * transaction, nothing if it rolls back): a console that fetches what changed then
	 * reads it. Used by the live notices, which need no event publication of their own.
	 */
	default void sendAfterCommit(Set<Long> users, ConsoleMessage message) {
		if (users.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			sendLater(users, message);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			// An exception here would reach the committing caller after its commit
			// (e.g. a webhook answered 500 for an event that was stored).
			@Override
			public void afterCommit() {
				try {
					sendLater(users, message);
				}
				catch (RuntimeException ex) {
					LoggerFactory.getLogger(ConsoleFanOut.class)
						.warn("Console message ({}) not handed over", message.eventName(), ex);
				}
			}
		});
	}

}
