package io.callbridge.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver on loopback, as a company's server would be, for the tests. It
 * verifies signatures itself with the algorithm of the Standard Webhooks specification
 * (HMAC-SHA256 over {@code id.timestamp.body} with the Base64-decoded key after
 * {@code whsec_}, written here with {@link Mac}, not with Callbridge's signer or the
 * library), refuses timestamps more than five minutes off (400) and bad signatures (401),
 * and fails on command: a share of answers failing with 500, "down" (every answer 503),
 * slow answers, or any answer a test scripts. Everything that arrives is recorded in
 * order, with whether it was accepted.
 */
final class ReceiverDouble implements AutoCloseable {

	private static final long TOLERANCE_SECONDS = 300;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Random random = new Random(42);

	private volatile List<String> secrets = List.of();

	private volatile boolean verifying = true;

	private volatile boolean plain;

	private volatile double failureRatio;

	private volatile boolean down;

	private volatile long delayMillis;

	private volatile @Nullable Function<HttpExchange, Boolean> script;

	ReceiverDouble() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The URL of a path on this receiver, by its loopback address. */
	String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** The secrets a signature is accepted with (any one of them). */
	ReceiverDouble accepting(String... secrets) {
		this.secrets = List.of(secrets);
		this.verifying = true;
		return this;
	}

	/** Accepts unsigned requests (CRM triggers). */
	ReceiverDouble unsigned() {
		this.verifying = false;
		return this;
	}

	/**
	 * Accepts plain requests without Standard Webhooks headers (an external site called
	 * by the server).
	 */
	ReceiverDouble plain() {
		this.plain = true;
		this.verifying = false;
		return this;
	}

	/** This share of answers (0 to 1) is a 500, after the request was read. */
	ReceiverDouble failing(double ratio) {
		this.failureRatio = ratio;
		return this;
	}

	/** While down, every answer is a 503. */
	ReceiverDouble down(boolean down) {
		this.down = down;
		return this;
	}

	/** Each answer comes this late. */
	ReceiverDouble slow(long millis) {
		this.delayMillis = millis;
		return this;
	}

	/**
	 * Answers with the script as long as it returns true (it wrote the answer); when it
	 * returns false the receiver answers as usual.
	 */
	ReceiverDouble scripted(@Nullable Function<HttpExchange, Boolean> script) {
		this.script = script;
		return this;
	}

	/** Everything that arrived, in order. */
	List<Received> received() {
		return new ArrayList<>(this.received);
	}

	/** What was accepted (answered 2xx), in order. */
	List<Received> accepted() {
		return this.received.stream().filter(Received::accepted).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
			int status = status(exchange, id, timestamp, signature, body);
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
			this.received.add(new Received(id, timestamp, signature, exchange.getRequestMethod(),
					exchange.getRequestURI().toString(), body, status, headers));
			if (status > 0) {
				exchange.sendResponseHeaders(status, -1);
			}
		}
	}

	// The status answered, or 0 when the script has already answered.
	private int status(HttpExchange exchange, @Nullable String id, @Nullable String timestamp,
			@Nullable String signature, String body) {
		Function<HttpExchange, Boolean> scripted = this.script;
		if (scripted != null && scripted.apply(exchange)) {
			return 0;
		}
		if (this.delayMillis > 0) {
			sleep(this.delayMillis);
		}
		if (this.down) {
			return 503;
		}
		if (this.plain) {
			return plainStatus();
		}
		if (id == null || timestamp == null) {
			return 400;
		}
		if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
			return 400;
		}
		if (this.verifying && (signature == null || !verifies(this.secrets, id, timestamp, body, signature))) {
			return 401;
		}
		synchronized (this.random) {
			if (this.random.nextDouble() < this.failureRatio) {
				return 500;
			}
		}
		return 204;
	}

	private int plainStatus() {
		synchronized (this.random) {
			return (this.random.nextDouble() < this.failureRatio) ? 500 : 204;
		}
	}

	/**
	 * The specification's check: one of the space-separated {@code v1,<signature>}
	 * matches the HMAC of one of the secrets, compared in constant time.
	 */
	static boolean verifies(List<String> secrets, String id, String timestamp, String body, String header) {
		for (String secret : secrets) {
			byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
			for (String part : header.split(" ")) {
				if (part.startsWith("v1,")) {
					byte[] given = Base64.getDecoder().decode(part.substring(3));
					if (MessageDigest.isEqual(expected, given)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static byte[] hmac(String secret, String content) {
		try {
			byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Writes an answer from a script. */
	static boolean answer(HttpExchange exchange, int status, String... headers) {
		try {
			for (int i = 0; i + 1 < headers.length; i += 2) {
				exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
			}
			exchange.sendResponseHeaders(status, -1);
			return true;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Streams a 200 answer without end (until the client goes away). */
	static boolean endless(HttpExchange exchange) {
		try {
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
			while (true) {
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			// The client closed the connection: what the cap must do.
			return true;
		}
	}

	/** Discards a request body a script does not read. */
	static void drain(InputStream in) throws IOException {
		in.transferTo(OutputStream.nullOutputStream());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request as it arrived.
	 *
	 * @param webhookId {@code webhook-id}
	 * @param timestamp {@code webhook-timestamp}
	 * @param signature {@code webhook-signature}
	 * @param method HTTP method
	 * @param uri path and query
	 * @param body body
	 * @param status the status answered (0: answered by a script)
	 * @param headers the request's headers (names in any case)
	 */
	record Received(@Nullable String webhookId, @Nullable String timestamp, @Nullable String signature, String method,
			String uri, String body, int status, Map<String, String> headers) {

		boolean accepted() {
			return this.status >= 200 && this.status < 300;
		}

		int signatureCount() {
			return (this.signature == null) ? 0 : this.signature.split(" ").length;
		}

	}

}
