package io.callbridge.uis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal receiver of UIS notifications for tests without the application: records each
 * request's method, path, query, {@code Content-Type} and body, and answers a
 * configurable status.
 */
public final class UisNotificationCatcher implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Caught> caught = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private UisNotificationCatcher() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public static UisNotificationCatcher start() {
		try {
			return new UisNotificationCatcher();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** The status answered from now on. */
	public void answer(int status) {
		this.status = status;
	}

	public List<Caught> caught() {
		return List.copyOf(this.caught);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			this.caught.add(new Caught(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
					body));
			exchange.sendResponseHeaders(this.status, -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.flush();
			}
		}
	}

	/**
	 * One notification received.
	 *
	 * @param method GET or POST
	 * @param path the path
	 * @param query the raw query
	 * @param contentType the {@code Content-Type} header
	 * @param body the body
	 */
	public record Caught(String method, String path, String query, String contentType, String body) {
	}

}
