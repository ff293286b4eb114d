package io.callbridge.zadarma;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbridge.zadarma.SimulatedPbx.Reply;
import tools.jackson.databind.json.JsonMapper;

/**
 * A faithful loopback double of Zadarma's REST API v1 for tests (protocol notes §1.6 and
 * §5): checks every request's {@code Authorization} exactly as Zadarma does (parameters
 * from the query or form body, re-sorted, RFC 1738, md5, HMAC-SHA1, Base64 of hex) and
 * answers 401 "Not authorized" otherwise; sends {@code X-Zadarma-Method} and
 * {@code X-RateLimit-*}; enforces 100 requests a minute and 3 a minute on
 * {@code /v1/statistics*} with 429, on a {@link SimulatedClock}; and keeps a stateful
 * account ({@link SimulatedPbx}) whose click-to-calls and inbound calls are played to the
 * account's webhook by a {@link ZadarmaCallPlayer}.
 */
public final class ZadarmaSimulator implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final String key;

	private final String secret;

	private final SimulatedClock clock;

	private final SimulatedPbx pbx;

	private final ZadarmaCallPlayer player;

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

	private final ExecutorService webhooks = Executors.newSingleThreadExecutor();

	private final AtomicInteger pendingWebhooks = new AtomicInteger();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final Map<String, Reply> nextReplies = new ConcurrentHashMap<>();

	private volatile int perMinute = 100;

	private volatile int statisticsPerMinute = 3;

	private volatile Duration delay = Duration.ZERO;

	private volatile boolean retryAfter;

	private ZadarmaSimulator(String key, String secret, SimulatedClock clock, ZoneId zone) throws IOException {
		this.key = key;
		this.secret = secret;
		this.clock = clock;
		this.pbx = new SimulatedPbx(clock, zone);
		this.player = new ZadarmaCallPlayer(this.pbx, () -> this.secret);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.handlers);
		this.server.start();
	}

	/** A simulator for one account, UTC, on its own simulated clock starting now. */
	public static ZadarmaSimulator start(String key, String secret) {
		return start(key, secret, SimulatedClock.startingNow(), ZoneOffset.UTC);
	}

	public static ZadarmaSimulator start(String key, String secret, SimulatedClock clock, ZoneId zone) {
		try {
			return new ZadarmaSimulator(key, secret, clock, zone);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the Zadarma simulator", ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public SimulatedClock clock() {
		return this.clock;
	}

	public SimulatedPbx pbx() {
		return this.pbx;
	}

	public ZadarmaCallPlayer calls() {
		return this.player;
	}

	/** Every request received, authorized or not, in order. */
	public List<Received> requests() {
		return List.copyOf(this.received);
	}

	/** How many requests to {@code path} got {@code status}. */
	public long count(String path, int status) {
		return this.received.stream().filter((r) -> r.path().equals(path) && r.status() == status).count();
	}

	/** How many requests got {@code status}, whatever the path. */
	public long count(int status) {
		return this.received.stream().filter((r) -> r.status() == status).count();
	}

	/** Changes the per-key limits (Zadarma's are 100 and 3 a minute). */
	public void limits(int perMinute, int statisticsPerMinute) {
		this.perMinute = perMinute;
		this.statisticsPerMinute = statisticsPerMinute;
	}

	/** Whether 429 answers also carry {@code Retry-After} (Zadarma documents none). */
	public void sendRetryAfter(boolean send) {
		this.retryAfter = send;
	}

	/** Every answer is delayed this long (for timeouts). */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	/** The next authorized request to {@code path} gets this error envelope. */
	public void failNext(String path, int status, String message) {
		this.nextReplies.put(path, Reply.error(status, message));
	}

	/** Waits until every asynchronous notification (after a callback) is delivered. */
	public void awaitWebhooks(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.pendingWebhooks.get() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Notifications still pending after " + timeout);
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.webhooks.shutdownNow();
		this.handlers.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Map<String, String> params = params(exchange);
			pause();
			if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/pbx/record/download/")) {
				respond(exchange, path, params, this.pbx.recordings().download(path.split("/")[5]), Map.of());
				return;
			}
			if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"), path, params)) {
				respond(exchange, path, params, Reply.error(401, "Not authorized"), Map.of());
				return;
			}
			boolean statistics = path.startsWith("/v1/statistics");
			Map<String, String> limitHeaders = new LinkedHashMap<>();
			if (!admit(statistics, limitHeaders)) {
				respond(exchange, path, params, Reply.error(429, "You exceeded the rate limit"), limitHeaders);
				return;
			}
			Reply injected = this.nextReplies.remove(path);
			Reply reply = (injected != null) ? injected : route(exchange.getRequestMethod(), path, params);
			respond(exchange, path, params, reply, limitHeaders);
		}
	}

	private Reply route(String method, String path, Map<String, String> params) {
		return switch (method + " " + path) {
			case "GET /v1/info/balance/" -> this.pbx.balance();
			case "GET /v1/info/timezone/" -> this.pbx.timezone();
			case "GET /v1/pbx/internal/" -> this.pbx.internal();
			case "GET /v1/request/callback/" -> callback(params);
			case "GET /v1/pbx/record/request/" -> this.pbx.recordings().request(params, baseUrl());
			case "GET /v1/pbx/callinfo/" -> this.pbx.callInfo();
			case "POST /v1/pbx/callinfo/url/" -> this.pbx.setCallInfoUrl(params);
			case "POST /v1/pbx/callinfo/notifications/" -> this.pbx.setNotifications(params);
			case "GET /v1/statistics/pbx/" -> this.pbx.statisticsPbx(params);
			default -> Reply.error(404, "Method not found");
		};
	}

	private Reply callback(Map<String, String> params) {
		Reply reply = this.pbx.callback(params);
		if (reply.status() == 200) {
			String from = params.get("from");
			String to = params.get("to");
			this.pendingWebhooks.incrementAndGet();
			this.webhooks.execute(() -> {
				try {
					this.player.playCallback(from, to);
				}
				finally {
					this.pendingWebhooks.decrementAndGet();
				}
			});
		}
		return reply;
	}

	// Zadarma's check (§1.6): re-sort what was sent, rebuild, md5, HMAC, Base64 of hex.
	private boolean authorized(String header, String path, Map<String, String> params) {
		if (header == null || !header.contains(":")) {
			return false;
		}
		String givenKey = header.substring(0, header.indexOf(':'));
		String signature = header.substring(header.indexOf(':') + 1);
		if (!this.key.equals(givenKey)) {
			return false;
		}
		String query = new TreeMap<>(params).entrySet()
			.stream()
			.map((e) -> phpEncode(e.getKey()) + "=" + phpEncode(e.getValue()))
			.collect(Collectors.joining("&"));
		return ZadarmaHmac.matches(ZadarmaHmac.sign(this.secret, path + query + md5(query)), signature);
	}

	private boolean admit(boolean statistics, Map<String, String> headers) {
		Window overall = this.windows.computeIfAbsent("all", (k) -> new Window());
		Window stats = this.windows.computeIfAbsent("statistics", (k) -> new Window());
		synchronized (this) {
			long now = this.clock.instant().getEpochSecond();
			boolean admitted = overall.admit(now, this.perMinute)
					&& (!statistics || stats.admit(now, this.statisticsPerMinute));
			if (admitted) {
				overall.count++;
				if (statistics) {
					stats.count++;
				}
			}
			Window shown = statistics ? stats : overall;
			int limit = statistics ? this.statisticsPerMinute : this.perMinute;
			headers.put("X-RateLimit-Limit", Integer.toString(limit));
			headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit - shown.count)));
			headers.put("X-RateLimit-Reset", Long.toString(shown.start + 60));
			if (!admitted && this.retryAfter) {
				headers.put("Retry-After", Long.toString(Math.max(1, shown.start + 60 - now)));
			}
			return admitted;
		}
	}

	private void respond(HttpExchange exchange, String path, Map<String, String> params, Reply reply,
			Map<String, String> headers) throws IOException {
		this.received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(params), reply.status()));
		headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		exchange.getResponseHeaders().add("X-Zadarma-Method", path);
		byte[] body = (reply.audio() != null) ? reply.audio() : JSON.writeValueAsBytes(reply.json());
		exchange.getResponseHeaders()
			.add("Content-Type", (reply.audio() != null) ? "audio/mpeg" : "application/json; charset=utf-8");
		exchange.sendResponseHeaders(reply.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static Map<String, String> params(HttpExchange exchange) throws IOException {
		String raw = exchange.getRequestURI().getRawQuery();
		String type = exchange.getRequestHeaders().getFirst("Content-Type");
		if (!exchange.getRequestMethod().equals("GET") && type != null
				&& type.startsWith("application/x-www-form-urlencoded")) {
			try (InputStream in = exchange.getRequestBody()) {
				raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		Map<String, String> params = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return params;
		}
		for (String pair : raw.split("&")) {
			int eq = pair.indexOf('=');
			String name = (eq < 0) ? pair : pair.substring(0, eq);
			String value = (eq < 0) ? "" : pair.substring(eq + 1);
			params.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return params;
	}

	private void pause() {
		if (!this.delay.isZero()) {
			try {
				TimeUnit.MILLISECONDS.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String phpEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("*", "%2A");
	}

	private static String md5(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One request as the simulator saw it.
	 *
	 * @param method HTTP method
	 * @param path the method path
	 * @param params query or form parameters
	 * @param status what the simulator answered
	 */
	public record Received(String method, String path, Map<String, String> params, int status) {
	}

	/** A fixed one-minute window of one key's requests, opened by its first request. */
	private static final class Window {

		private long start = Long.MIN_VALUE;

		private int count;

		boolean admit(long now, int limit) {
			if (now >= this.start + 60) {
				this.start = now;
				this.count = 0;
			}
			return this.count < limit;
		}

	}

}
