package io.callbridge.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * A Callbridge server started by a benchmark as a separate process: this JVM's classpath,
 * the profiles {@code test,pgtest} and the benchmark's own PostgreSQL database, on a
 * loopback port, its output in {@code target/benchmarks/<name>-<port>.log}. Several of
 * them on one database are the nodes of one installation.
 */
final class ServerProcess implements AutoCloseable {

	private static final long START_MINUTES = 3;

	private final Process process;

	private final int port;

	private final Path log;

	private ServerProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts a server on a free port.
	 * @param name names its log
	 * @param jdbcUrl the database, see {@link #jdbcUrl}
	 * @param arguments further {@code --property=value} arguments
	 */
	static ServerProcess start(String name, String jdbcUrl, List<String> arguments) throws IOException {
		return start(name, freePort(), jdbcUrl, arguments);
	}

	/** Starts a server on the given port (e.g. again, after it was killed). */
	static ServerProcess start(String name, int port, String jdbcUrl, List<String> arguments) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				"io.callbridge.CallbridgeApplication", "--spring.profiles.active=test,pgtest", "--server.port=" + port,
				"--spring.datasource.url=" + jdbcUrl, "--logging.level.root=WARN"));
		command.addAll(arguments);
		Path log = Path.of("target", "benchmarks", name + "-" + port + ".log");
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ServerProcess(process, port, log);
	}

	/**
	 * The URL of the benchmark's database. Its data source is wrapped (statement
	 * counting), so a connection is asked.
	 */
	static String jdbcUrl(DataSource dataSource) throws IOException {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getURL();
		}
		catch (SQLException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * Stops (or starts again) this JVM's ingestion lanes, so that only the started
	 * servers apply stored events.
	 */
	static void localIngestion(ApplicationContext context, boolean running) {
		SmartLifecycle lanes = (SmartLifecycle) context.getBean("inboxLanes");
		if (running) {
			lanes.start();
		}
		else {
			lanes.stop();
		}
	}

	/** Waits until the server answers its health check. */
	ServerProcess awaitUp() throws InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(START_MINUTES);
			while (System.nanoTime() < deadline && this.process.isAlive()) {
				try {
					HttpResponse<Void> health = http.send(
							HttpRequest.newBuilder(base().resolve("/actuator/health")).build(),
							HttpResponse.BodyHandlers.discarding());
					if (health.statusCode() == 200) {
						return this;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("The server on port " + this.port + " did not start; see " + this.log);
	}

	int port() {
		return this.port;
	}

	URI base() {
		return URI.create("http://localhost:" + this.port);
	}

	/** Kills the server with SIGKILL and waits until it is gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

	/** Stops the server (SIGTERM) and waits until it is gone. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			kill();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
