package io.callbridge.uis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbridge.uis.SimulatedUisTokens.KeyState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A faithful loopback double of UIS (CoMagic, CallGear) for tests, written from the
 * protocol notes Part B and the checklist of Part D: the Call API at {@code POST /v4.0}
 * and the Data API at {@code POST /v2.0}, JSON-RPC 2.0 without batches or notifications,
 * {@code access_token} in {@code params} (permanent keys and one-hour {@code login.user}
 * sessions on a {@link SimulatedUisClock}), every documented error with its code and
 * mnemonic (always HTTP 200), per-API point limits with {@code metadata.limits} and
 * -32029, {@code start.employee_call}, the reports, employees and virtual numbers, the
 * recordings at their links, and a {@link UisCallPlayer} posting the notifications an
 * admin configured.
 */
public final class UisSimulator implements AutoCloseable {

	/** The Call API's path (its version). */
	public static final String CALL = "/v4.0";

	/** The Data API's path (its version). */
	public static final String DATA = "/v2.0";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final SimulatedUisClock clock;

	private final ZoneId zone;

	private final SimulatedUisEmployees employees = new SimulatedUisEmployees();

	private final SimulatedUisReports reports = new SimulatedUisReports();

	private final SimulatedUisCallApi callApi;

	private final UisRpcMethods methods;

	private final SimulatedUisMedia media;

	private final UisCallPlayer player;

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

	private final ExecutorService playing = Executors.newSingleThreadExecutor();

	private final AtomicInteger pendingPlays = new AtomicInteger();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile @Nullable String garbageNext;

	private volatile Duration delay = Duration.ZERO;

	private UisSimulator(SimulatedUisClock clock, ZoneId zone) throws IOException {
		this.clock = clock;
		this.zone = zone;
		AtomicLong sessionIds = new AtomicLong(237_859_080L);
		this.callApi = new SimulatedUisCallApi(this.employees, sessionIds);
		this.methods = new UisRpcMethods(clock, zone, this.employees, this.reports, this.callApi, this::play);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.media = new SimulatedUisMedia(this::baseUrl);
		this.player = new UisCallPlayer(clock, zone, this.employees, this.reports, this.media, sessionIds);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.handlers);
		this.server.start();
	}

	/** A simulator on its own clock starting now, the account in Europe/Moscow. */
	public static UisSimulator start() {
		return start(SimulatedUisClock.startingNow(), ZoneId.of("Europe/Moscow"));
	}

	public static UisSimulator start(SimulatedUisClock clock, ZoneId zone) {
		try {
			return new UisSimulator(clock, zone);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the UIS simulator", ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public URI callApiUrl() {
		return URI.create(baseUrl() + CALL);
	}

	public URI dataApiUrl() {
		return URI.create(baseUrl() + DATA);
	}

	public SimulatedUisClock clock() {
		return this.clock;
	}

	public ZoneId zone() {
		return this.zone;
	}

	public SimulatedUisEmployees employees() {
		return this.employees;
	}

	public SimulatedUisReports reports() {
		return this.reports;
	}

	/**
	 * Virtual numbers, blacklist, call security and the start.employee_calls accepted.
	 */
	public SimulatedUisCallApi account() {
		return this.callApi;
	}

	public UisCallPlayer calls() {
		return this.player;
	}

	/** A permanent key valid on both APIs. */
	public void permanentToken(String token) {
		this.methods.tokens.key(token, KeyState.ACTIVE);
	}

	public void expiredToken(String token) {
		this.methods.tokens.key(token, KeyState.EXPIRED);
	}

	public void blockedToken(String token) {
		this.methods.tokens.key(token, KeyState.BLOCKED);
	}

	/** A user who may {@code login.user}. */
	public void user(String login, String password) {
		this.methods.tokens.user(login, password);
	}

	/** Session tokens issued so far with their expiry. */
	public Map<String, Instant> sessions() {
		return this.methods.tokens.sessions();
	}

	/** Points per minute and per day of one API ({@link #CALL} or {@link #DATA}). */
	public void limits(String api, int perMinute, int perDay) {
		this.methods.points.get(api).limits(perMinute, perDay);
	}

	/**
	 * Refuses every request of {@code api} as over its {@code minute} or {@code day}
	 * limit; null stops.
	 */
	public void forceLimitExceeded(String api, @Nullable String limitType) {
		this.methods.points.get(api).force(limitType);
	}

	/** Points a Call API method costs (UIS publishes no table; 1 unless set). */
	public void weight(String method, int points) {
		this.methods.weights.put(method, points);
	}

	public void ipWhitelisted(boolean whitelisted) {
		this.methods.ipWhitelisted = whitelisted;
	}

	public void componentEnabled(String api, boolean enabled) {
		this.methods.componentEnabled.put(api, enabled);
	}

	public void accountActive(boolean active) {
		this.methods.accountActive = active;
	}

	/**
	 * The next call of {@code method} fails with this error (e.g. -32603 internal_error).
	 */
	public void failNext(String method, int code, String mnemonic, String message) {
		this.methods.failNext.put(method, new UisRpcError(code, mnemonic, message, null, null));
	}

	/**
	 * The next request is answered with this non-JSON body and HTTP 502, as a broken
	 * proxy would.
	 */
	public void garbageNext(String body) {
		this.garbageNext = body;
	}

	public void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Every JSON-RPC request received, in order, with the mnemonic answered (null on
	 * success).
	 */
	public List<Received> requests() {
		return List.copyOf(this.received);
	}

	/** The requests of one method that succeeded. */
	public long succeeded(String method) {
		return this.received.stream().filter((r) -> method.equals(r.method()) && r.error() == null).count();
	}

	/** Waits until every call started by start.employee_call has been played. */
	public void awaitCalls(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.pendingPlays.get() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Calls still playing after " + timeout);
			}
			pause(Duration.ofMillis(10));
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.playing.shutdownNow();
		this.handlers.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			pause(this.delay);
			String path = exchange.getRequestURI().getPath();
			if (exchange.getRequestMethod().equals("GET") && path.contains("/media/")) {
				serveMedia(exchange, path);
				return;
			}
			if (!path.equals(CALL) && !path.equals(DATA)) {
				send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (!exchange.getRequestMethod().equals("POST")) {
				send(exchange, 405, "text/plain", "Method not allowed".getBytes(StandardCharsets.UTF_8));
				return;
			}
			String garbage = this.garbageNext;
			if (garbage != null) {
				this.garbageNext = null;
				send(exchange, 502, "text/html", garbage.getBytes(StandardCharsets.UTF_8));
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Map<String, Object> answer = new UisRpcExchange(this, path)
				.answer(exchange.getRequestHeaders().getFirst("Content-Type"), body);
			send(exchange, 200, "application/json; charset=UTF-8", JSON.writeValueAsBytes(answer));
		}
	}

	// Called by UisRpcExchange once the envelope is valid.
	Map<String, Object> call(String api, String method, JsonNode params) {
		return this.methods.call(api, method, params);
	}

	void record(Received request) {
		this.received.add(request);
	}

	// Played after the answer is written, as UIS dials only once it accepted the request.
	private void play(long sessionId, JsonNode params) {
		long employeeId = params.path("employee").path("id").asLong();
		String contact = params.path("contact").asString();
		String virtualNumber = params.path("virtual_phone_number").asString();
		String externalId = params.path("external_id").isString() ? params.path("external_id").asString() : null;
		this.pendingPlays.incrementAndGet();
		this.playing.execute(() -> {
			try {
				pause(Duration.ofMillis(50));
				this.player.outgoing(sessionId, employeeId, contact, virtualNumber, externalId);
			}
			finally {
				this.pendingPlays.decrementAndGet();
			}
		});
	}

	private void serveMedia(HttpExchange exchange, String path) throws IOException {
		byte[] audio = this.media.file(path);
		if (audio == null) {
			send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
			return;
		}
		send(exchange, 200, "audio/mpeg", audio);
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void pause(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One JSON-RPC request as the simulator saw it.
	 *
	 * @param api {@link #CALL} or {@link #DATA}
	 * @param method the JSON-RPC method, if readable
	 * @param params the params, if readable
	 * @param error the mnemonic answered, or null on success
	 */
	public record Received(String api, @Nullable String method, @Nullable JsonNode params, @Nullable String error) {
	}

}
