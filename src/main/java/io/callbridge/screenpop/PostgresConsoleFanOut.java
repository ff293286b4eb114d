package io.callbridge.screenpop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 */
final class PostgresConsoleFanOut implements ConsoleFanOut, SmartLifecycle {

	static final String CHANNEL = "callbridge_console";

	static final long RETRY_SECONDS = 2;

	private static final Logger log = LoggerFactory.getLogger(PostgresConsoleFanOut.class);

	private static final int WAIT_MILLIS = 1000;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final ConsoleDelivery delivery;

	private volatile boolean running;

	private volatile CountDownLatch listening = new CountDownLatch(1);

	private @Nullable Thread listener;

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
	 */
	record Notice(Set<Long> users, ConsoleMessage change) {
	}

	@Override
	public void send(Set<Long> users, ConsoleMessage message) {
		if (users.isEmpty()) {
			return;
		}
		String payload = JsonMapper.shared().writeValueAsString(new Notice(users, message));
		this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload).query((rs, n) -> n).list();
	}

	/** Waits until this node listens, for tests and start-up checks. */
	boolean awaitListening(Duration timeout) throws InterruptedException {
		return this.listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void start() {
		this.running = true;
		this.listener = Thread.ofPlatform().daemon().name("console-fan-out").start(this::listenWhileRunning);
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.listener;
		if (thread != null) {
			thread.interrupt();
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

	private void deliver(String payload) {
		try {
			Notice notice = JsonMapper.shared().readValue(payload, Notice.class);
			this.delivery.deliver(notice.users(), notice.change());
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
