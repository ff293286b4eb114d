package io.callbridge.zadarma;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal webhook receiver for tests without the application: answers Zadarma's
 * {@code zd_echo} check, records each posted notification with its {@code Signature}
 * header, and answers NOTIFY_START with a configurable call-control JSON.
 */
public final class WebhookCatcher implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Caught> caught = new CopyOnWriteArrayList<>();

	private volatile String startReply = "{}";

	private WebhookCatcher() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public static WebhookCatcher start() {
		try {
			return new WebhookCatcher();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/webhooks/zadarma/test-token");
	}

	/** The JSON body answered to NOTIFY_START. */
	public void replyToStart(String json) {
		this.startReply = json;
	}

	public List<Caught> caught() {
		return List.copyOf(this.caught);
	}

	public List<String> events() {
		return this.caught.stream().map((c) -> c.fields().get("event")).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String query = exchange.getRequestURI().getRawQuery();
			if (query != null && query.startsWith("zd_echo=")) {
				send(exchange, URLDecoder.decode(query.substring(8), StandardCharsets.UTF_8));
				return;
			}
			Map<String, String> fields = new LinkedHashMap<>();
			try (InputStream in = exchange.getRequestBody()) {
				for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
					String[] parts = pair.split("=", 2);
					fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
							(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
				}
			}
			this.caught.add(new Caught(fields, exchange.getRequestHeaders().getFirst("Signature")));
			send(exchange, "NOTIFY_START".equals(fields.get("event")) ? this.startReply : "{}");
		}
	}

	private static void send(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * One notification received.
	 *
	 * @param fields the posted form fields
	 * @param signature the {@code Signature} header
	 */
	public record Caught(Map<String, String> fields, String signature) {
	}

}
