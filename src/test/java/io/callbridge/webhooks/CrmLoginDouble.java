package io.callbridge.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CRM's login endpoint on loopback, for the tests: {@code POST /login} with the JSON
 * {@code {"username","password"}} it was told gets {@code 200} and a JSON answer with the
 * token in {@code access} and its validity in seconds in {@code ttl}; wrong credentials
 * get 401. It counts the logins it accepted.
 */
final class CrmLoginDouble implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final String username;

	private final String password;

	private final String token;

	private final AtomicInteger logins = new AtomicInteger();

	CrmLoginDouble(String username, String password, String token) throws IOException {
		this.username = username;
		this.password = password;
		this.token = token;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/login", this::login);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/login";
	}

	int logins() {
		return this.logins.get();
	}

	private void login(HttpExchange exchange) throws IOException {
		try (exchange) {
			JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
			boolean json = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
				.startsWith("application/json");
			if (!json || !"POST".equals(exchange.getRequestMethod())
					|| !this.username.equals(body.path("username").asString())
					|| !this.password.equals(body.path("password").asString())) {
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			this.logins.incrementAndGet();
			byte[] answer = ("{\"access\":\"" + this.token + "\",\"ttl\":\"120\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
