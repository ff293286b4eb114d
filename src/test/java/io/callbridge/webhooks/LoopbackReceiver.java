package io.callbridge.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback for tests: answers 200 and keeps every request (method,
 * path and query as sent, headers, body). Verifies Standard Webhooks signatures with the
 * specification's algorithm, independently of Callbridge's signer.
 */
final class LoopbackReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private LoopbackReceiver(HttpServer server) {
		this.server = server;
	}

	static LoopbackReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			LoopbackReceiver receiver = new LoopbackReceiver(server);
			server.createContext("/", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
				exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
				receiver.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
						exchange.getRequestURI().getRawQuery(), headers, body));
				byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The base URL, e.g. {@code http://127.0.0.1:12345}. */
	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<Received> received() {
		return new ArrayList<>(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * Whether the headers carry a valid Standard Webhooks signature of the body with the
	 * secret: {@code v1,} Base64 of HMAC-SHA256 over {@code id.timestamp.body}, keyed
	 * with the Base64-decoded part after {@code whsec_}.
	 */
	static boolean validSignature(Received request, String secret) {
		String id = request.headers().get("webhook-id");
		String timestamp = request.headers().get("webhook-timestamp");
		String signatures = request.headers().get("webhook-signature");
		if (id == null || timestamp == null || signatures == null) {
			return false;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			String expected = "v1," + Base64.getEncoder()
				.encodeToString(
						mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
			for (String signature : signatures.split(" ")) {
				if (signature.equals(expected)) {
					return true;
				}
			}
			return false;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One request as received.
	 *
	 * @param method HTTP method
	 * @param path raw path
	 * @param query raw query, null when none
	 * @param headers headers (first value each, names case-insensitive)
	 * @param body body
	 */
	record Received(String method, String path, String query, Map<String, String> headers, String body) {
	}

}
