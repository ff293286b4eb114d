package io.callbridge.crm.retailcrm.outbound;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted HTTP endpoint on loopback for what the retailCRM simulator does not show or
 * say: the exact request on the wire (headers, query, form body), and answers retailCRM
 * may give that the simulator does not ({@code Retry-After}, a 404 look-up, an echoed
 * key). It answers each request with the next scripted answer (the last repeats). Not a
 * simulator of retailCRM's rules.
 */
final class WireStub implements AutoCloseable {

	private final HttpServer server;

	private final Deque<Answer> answers = new ArrayDeque<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private WireStub(HttpServer server) {
		this.server = server;
	}

	static WireStub start(Answer... answers) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			WireStub stub = new WireStub(server);
			stub.answers.addAll(List.of(answers));
			server.createContext("/", stub::handle);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
			Answer answer;
			synchronized (this.answers) {
				answer = (this.answers.size() > 1) ? this.answers.poll() : this.answers.peek();
			}
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/**
	 * An answer.
	 *
	 * @param status its status
	 * @param headers its headers
	 * @param body its body
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static Answer json(int status, String body) {
			return new Answer(status, Map.of("Content-Type", "application/json"), body);
		}

	}

	/**
	 * A request as it arrived.
	 *
	 * @param method its method
	 * @param path its raw path
	 * @param query its raw query, or null
	 * @param headers its headers
	 * @param body its body
	 */
	record Received(String method, String path, String query, Headers headers, String body) {
	}

}
