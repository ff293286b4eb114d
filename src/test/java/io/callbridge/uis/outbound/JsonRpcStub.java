package io.callbridge.uis.outbound;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small scripted JSON-RPC endpoint on loopback for transport-level tests of the UIS
 * client (the faithful double is the UIS simulator): it records every request and answers
 * each method with the next scripted answer (the last one repeats), built from the
 * request. Not a simulator of UIS's rules.
 */
final class JsonRpcStub implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new ArrayList<>();

	private final Map<String, Deque<Function<JsonNode, Answer>>> answers = new HashMap<>();

	private JsonRpcStub(HttpServer server) {
		this.server = server;
	}

	static JsonRpcStub start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			JsonRpcStub stub = new JsonRpcStub(server);
			server.createContext("/", stub::handle);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The endpoint, e.g. {@code http://127.0.0.1:1234/v2.0}. */
	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/** Answers the method with these answers in turn (the last repeats). */
	@SafeVarargs
	final JsonRpcStub on(String method, Function<JsonNode, Answer>... answers) {
		synchronized (this.answers) {
			this.answers.put(method, new ArrayDeque<>(List.of(answers)));
		}
		return this;
	}

	/** A JSON-RPC success with {@code data} and {@code metadata}. */
	static Function<JsonNode, Answer> result(Object data, Object metadata) {
		return (request) -> Answer.json(Map.of("jsonrpc", "2.0", "id", request.path("id").asString(""), "result",
				Map.of("data", data, "metadata", metadata)));
	}

	/** A JSON-RPC error as UIS sends it ({@code id} null). */
	static Function<JsonNode, Answer> error(int code, String mnemonic, String message) {
		Map<String, Object> error = Map.of("code", code, "message", message, "data", Map.of("mnemonic", mnemonic));
		Map<String, Object> body = new HashMap<>();
		body.put("jsonrpc", "2.0");
		body.put("id", null);
		body.put("error", error);
		return (request) -> Answer.json(body);
	}

	/** Any body with any status. */
	static Function<JsonNode, Answer> raw(int status, String body) {
		return (request) -> new Answer(status, body);
	}

	/** The limits UIS reports. */
	static Map<String, Object> limits(int dayRemaining, int minuteRemaining, int minuteReset) {
		return Map.of("limits", Map.of("day_limit", 10000, "day_remaining", dayRemaining, "day_reset", 80000,
				"minute_limit", 100, "minute_remaining", minuteRemaining, "minute_reset", minuteReset));
	}

	List<Received> received() {
		synchronized (this.received) {
			return List.copyOf(this.received);
		}
	}

	/** The requests of one method. */
	List<Received> received(String method) {
		return received().stream().filter((r) -> method.equals(r.body().path("method").asString(""))).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		JsonNode body = JsonMapper.shared().readTree(text);
		synchronized (this.received) {
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Content-Type"), body));
		}
		Answer answer = answerTo(body);
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private Answer answerTo(JsonNode body) {
		Function<JsonNode, Answer> next;
		synchronized (this.answers) {
			Deque<Function<JsonNode, Answer>> queue = this.answers.get(body.path("method").asString(""));
			if (queue == null || queue.isEmpty()) {
				return error(-32601, "method_not_found", "Method not found").apply(body);
			}
			next = (queue.size() > 1) ? queue.poll() : queue.peek();
		}
		return next.apply(body);
	}

	/**
	 * A request as received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param contentType its Content-Type
	 * @param body its JSON body
	 */
	record Received(String method, String path, String contentType, JsonNode body) {

		JsonNode params() {
			return this.body.path("params");
		}

	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 */
	record Answer(int status, String body) {

		static Answer json(Object body) {
			return new Answer(200, JsonMapper.shared().writeValueAsString(body));
		}

	}

}
