package io.callbridge.screenpop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fan-out of several nodes sharing one PostgreSQL database: a change is sent with
 * {@code pg_notify} on the channel {@value #CHANNEL}, and every node — this one included
 * — listens on that channel with one dedicated connection and hands what it hears to its
 * own consoles. The notification leaves when the sending transaction commits, so a change
 * is never announced for a call that was rolled back.
 * <p>
 * A node whose listening connection drops reconnects after {@value #RETRY_SECONDS} s;
 * changes sent in between do not reach its consoles (the cards on screen are refreshed
 * when a browser's own stream reconnects, and a reloaded console shows the agent's active
 * call). The listening connection is taken from the pool for the node's lifetime.
 * <p>
 * Messages handed over for later ({@link #sendLater}) go to this node's own consoles at
 * once, through its delivery thread, and to the other nodes by notification: they are
 * queued and sent by one sender thread on a connection of its own, also held for the
 * node's lifetime, and this node skips the notices it sent itself (each names its node).
 * So a pop-up for a console on the node that ingested the call does not wait for a round
 * trip to the database, nor for this node's listening connection. Everything queued while
 * the previous round trip ran leaves in the next single statement, so a burst of pop-ups
 * costs a few round trips and no pool checkout at all. Each notice carries a sequence
 * number because PostgreSQL folds identical notifications sent in one transaction into
 * one.
 */
final class PostgresConsoleFanOut implements ConsoleFanOut, SmartLifecycle {

	static final String CHANNEL = "callbridge_console";

	static final long RETRY_SECONDS = 2;

	private static final Logger log = LoggerFactory.getLogger(PostgresConsoleFanOut.class);

	private static final int WAIT_MILLIS = 1000;

	/** Notices sent in one statement at most. */
	static final int BATCH = 500;

	/**
	 * Notices waiting to be sent at most; beyond it (the database unreachable) new ones
	 * are dropped.
	 */
	static final int OUTBOX_CAPACITY = 20_000;

	private static final String NOTIFY_ALL = "SELECT pg_notify(?, notice) FROM unnest(?::text[]) AS notice";

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final ConsoleDelivery delivery;

	private volatile boolean running;

	private volatile CountDownLatch listening = new CountDownLatch(1);

	private @Nullable Thread listener;

	private @Nullable Thread sender;

	private final BlockingQueue<Notice> outbox = new LinkedBlockingQueue<>(OUTBOX_CAPACITY);

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Names this node in the notices it sends, so that it skips them when it hears them.
	 */
	private final String node = UUID.randomUUID().toString();

	/**
	 * How this node's name appears in the notices it sends: found in a notice's text, it
	 * is one this node delivered already, skipped without reading its JSON (every node
	 * hears its own notices; reading each cost a lane's burst of pop-ups more of the
	 * processors than sending it, docs/benchmarks.md). Quotes inside a JSON string are
	 * escaped, so these quoted tokens can only be a notice's own property and value; no
	 * message has a property of that name.
	 */
	private final String sentHere = "\"origin\":\"" + this.node + "\"";

	PostgresConsoleFanOut(DataSource dataSource, JdbcClient jdbc, ConsoleDelivery delivery) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.delivery = delivery;
	}

	/**
	 * A message as it travels between nodes.
	 *
	 * @param users who should see it
	 * @param change the message (named as when only call changes travelled)
	 * @param sequence numbers the sender's notices, so that equal messages sent in one
	 * statement stay apart (absent from nodes that sent one notice per statement)
	 * @param origin the node that sent it and delivered it to its own consoles already;
	 * absent when every node, the sender included, delivers it (a notice sent inside the
	 * caller's transaction, or one from a node that did not deliver its own)
	 */
	record Notice(Set<Long> users, ConsoleMessage change, @Nullable Long sequence, @Nullable String origin) {

		Notice(Set<Long> users, ConsoleMessage change) {
			this(users, change, null, null);
		}

	}

	@Override
	public void send(Set<Long> users, ConsoleMessage message) {
		if (users.isEmpty()) {
			return;
		}
		String payload = JsonMapper.shared().writeValueAsString(new Notice(users, message));
		this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload).query((rs, n) -> n).list();
	}

	@Override
	public void sendLater(Set<Long> users, ConsoleMessage message) {
		if (users.isEmpty()) {
			return;
		}
		this.delivery.deliverLater(users, message);
		// Written as JSON by the sender thread, off the caller's (a lane's) way.
		if (!this.outbox.offer(new Notice(users, message, this.sequence.incrementAndGet(), this.node))) {
			log.warn("Console message ({}) not sent to the other nodes: {} are waiting to be sent", message.eventName(),
					OUTBOX_CAPACITY);
		}
	}

	/** The name this node gives itself in the notices it sends. */
	String node() {
		return this.node;
	}

	/** Waits until this node listens, for tests and start-up checks. */
	boolean awaitListening(Duration timeout) throws InterruptedException {
		return this.listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void start() {
		this.running = true;
		this.listener = Thread.ofPlatform().daemon().name("console-fan-out").start(this::listenWhileRunning);
		this.sender = Thread.ofPlatform().daemon().name("console-fan-out-sender").start(this::sendWhileRunning);
	}

	@Override
	public void stop() {
		this.running = false;
		for (Thread thread : new Thread[] { this.listener, this.sender }) {
			if (thread != null) {
				thread.interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listenWhileRunning() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				listen(connection);
			}
			catch (SQLException | RuntimeException ex) {
				// Never let the thread die: without it this node's consoles get no
				// pop-ups.
				if (this.running) {
					log.error("Listening for console changes failed; retrying in {} s", RETRY_SECONDS, ex);
					this.listening = new CountDownLatch(1);
					pause();
				}
			}
		}
	}

	private void listen(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			statement.execute("LISTEN " + CHANNEL);
		}
		PGConnection pg = connection.unwrap(PGConnection.class);
		this.listening.countDown();
		while (this.running) {
			PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					deliver(notification.getParameter());
				}
			}
		}
	}

	private void sendWhileRunning() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				sendFrom(connection);
			}
			catch (SQLException | RuntimeException ex) {
				// The notices of the failed statement are dropped (at most once): the
				// consoles catch up when their streams reconnect.
				if (this.running) {
					log.error("Sending console changes failed; retrying in {} s", RETRY_SECONDS, ex);
					pause();
				}
			}
		}
	}

	private void sendFrom(Connection connection) throws SQLException {
		List<Notice> batch = new ArrayList<>(BATCH);
		try (PreparedStatement notify = connection.prepareStatement(NOTIFY_ALL)) {
			while (this.running) {
				Notice first = this.outbox.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.outbox.drainTo(batch, BATCH - 1);
				notify.setString(1, CHANNEL);
				notify.setArray(2, connection.createArrayOf("text", payloads(batch)));
				notify.executeQuery().close();
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private static String[] payloads(List<Notice> notices) {
		String[] payloads = new String[notices.size()];
		for (int i = 0; i < payloads.length; i++) {
			payloads[i] = JsonMapper.shared().writeValueAsString(notices.get(i));
		}
		return payloads;
	}

	/** Hands a notice heard on the channel to this node's consoles, unless sent here. */
	void deliver(String payload) {
		if (payload.contains(this.sentHere)) {
			return;
		}
		try {
			Notice notice = JsonMapper.shared().readValue(payload, Notice.class);
			if (!this.node.equals(notice.origin())) {
				this.delivery.deliver(notice.users(), notice.change());
			}
		}
		catch (JacksonException ex) {
			// Another version of Callbridge may share the channel during a rolling
			// update.
			log.warn("Ignoring an unreadable console change: {}", ex.getOriginalMessage());
		}
	}

	private void pause() {
		try {
			Thread.sleep(Duration.ofSeconds(RETRY_SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
