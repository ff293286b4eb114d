package io.callbridge.callmyway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbridge.zadarma.SimulatedClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback double of CallMyWay's HTTP API for tests, as the integration document
 * describes it: {@code /Welcome/ClickToDialExtenal}, {@code /getEndpoints.php} and
 * {@code /getCdrs.php} (live, recent, and dated pages with {@code ini}/{@code cant}),
 * answering the {@code {"status":200,"message":"",…}} envelope. It checks the source
 * address against an allow-list (default 127.0.0.1; else
 * {@code {"status":403,"message":"IP not authorized"}}) and the username and password
 * (else {@code {"status":401,"message":"Invalid username or password"}}) — both error
 * shapes are our guess, CallMyWay documents none. It refuses Click2Dial while the user
 * has a call in progress.
 * <p>
 * Dated CDR pages hold at most {@link #pageCap(int) the page cap} rows (100 unless a test
 * changes it) whatever {@code cant} asks for, as a deployment may cap its pages; the
 * document says nothing of a cap, so a client must page until a page is empty.
 * <p>
 * Rate rule: {@code getCdrs} and {@code getEndpoints} may be asked once every 4 seconds
 * (on the {@link SimulatedClock}); each earlier request is "delayed" by 4 s times the
 * number of consecutive early requests, so delays accumulate. The delay is recorded
 * ({@link #penalty()}), not waited, so tests can assert a client never triggered it. To
 * keep the suite fast the simulator starts with the test profile's compressed rule,
 * {@link #TEST_SPACING} (the application's {@code callbridge.callmyway.provider-spacing}
 * in {@code application-test.yml}); a test of the real rule calls
 * {@link #spacing(Duration) spacing(SPACING)} and runs the application with 4 s.
 */
public final class CallMyWaySimulator implements AutoCloseable {

	/** CallMyWay's real rule. */
	public static final Duration SPACING = Duration.ofSeconds(4);

	/** The compressed rule of the test profile ({@code application-test.yml}). */
	public static final Duration TEST_SPACING = Duration.ofMillis(500);

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Set<String> LIMITED = Set.of("/getCdrs.php", "/getEndpoints.php");

	private final String username;

	private final String password;

	private final Clock clock;

	private final ZoneId zone;

	private final SimulatedCallMyWayAccount account;

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Instant> lastLimited = new ConcurrentHashMap<>();

	private final Map<String, Integer> strikes = new ConcurrentHashMap<>();

	private final AtomicReference<Duration> penalty = new AtomicReference<>(Duration.ZERO);

	private volatile Set<String> allowedIps = Set.of("127.0.0.1");

	private volatile Fault fault;

	private volatile boolean faultOnce;

	private volatile Duration slow = Duration.ZERO;

	private volatile int pageCap = 100;

	private volatile Duration spacing = TEST_SPACING;

	private CallMyWaySimulator(String username, String password, Clock clock, ZoneId zone) throws IOException {
		this.username = username;
		this.password = password;
		this.clock = clock;
		this.zone = zone;
		this.account = new SimulatedCallMyWayAccount(username, clock, zone);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.handlers);
		this.server.start();
	}

	/** A simulator for one account, UTC, on its own simulated clock starting now. */
	public static CallMyWaySimulator start(String username, String password) {
		return start(username, password, SimulatedClock.startingNow(), ZoneOffset.UTC);
	}

	public static CallMyWaySimulator start(String username, String password, Clock clock, ZoneId zone) {
		try {
			return new CallMyWaySimulator(username, password, clock, zone);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the CallMyWay simulator", ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** The simulated clock the simulator runs on (not for a simulator on real time). */
	public SimulatedClock clock() {
		return (SimulatedClock) this.clock;
	}

	public ZoneId zone() {
		return this.zone;
	}

	public SimulatedCallMyWayAccount account() {
		return this.account;
	}

	/** Only these source addresses are answered (CallMyWay's allow-list). */
	public void allowIps(String... ips) {
		this.allowedIps = Set.of(ips);
	}

	/** Every answer from now on has this fault, until {@link #healthy()}. */
	public void fault(Fault fault) {
		this.fault = fault;
		this.faultOnce = false;
	}

	/** Only the next answer has this fault. */
	public void faultNext(Fault fault) {
		this.fault = fault;
		this.faultOnce = true;
	}

	/** Answers normally again, without delay. */
	public void healthy() {
		this.fault = null;
		this.slow = Duration.ZERO;
	}

	/** Every answer really takes this long (for read timeouts). */
	public void slow(Duration delay) {
		this.slow = delay;
	}

	/** Dated CDR pages hold at most this many rows, whatever {@code cant} asks. */
	public void pageCap(int rows) {
		this.pageCap = rows;
	}

	/**
	 * Requests closer than this are penalised ({@link #SPACING} for CallMyWay's rule).
	 */
	public void spacing(Duration spacing) {
		this.spacing = spacing;
	}

	/** The delay CallMyWay would have added for requests closer than 4 s, in total. */
	public Duration penalty() {
		return this.penalty.get();
	}

	/** Every request received, in order. */
	public List<Received> requests() {
		return List.copyOf(this.received);
	}

	/** The requests to {@code path}. */
	public List<Received> requests(String path) {
		return this.received.stream().filter((r) -> r.path().equals(path)).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
			Instant at = this.clock.instant();
			Duration delay = LIMITED.contains(path) ? ratePenalty(params.getOrDefault("username", ""), at)
					: Duration.ZERO;
			this.received.add(new Received(path, Map.copyOf(params), at, delay));
			sleep(this.slow);
			Fault now = this.fault;
			if (now != null) {
				if (this.faultOnce) {
					this.fault = null;
				}
				now.send(exchange, JSON.writeValueAsString(answer(exchange, path, params)));
				return;
			}
			send(exchange, 200, JSON.writeValueAsString(answer(exchange, path, params)));
		}
	}

	private Map<String, Object> answer(HttpExchange exchange, String path, Map<String, String> params) {
		String ip = exchange.getRemoteAddress().getAddress().getHostAddress();
		if (!this.allowedIps.contains(ip)) {
			return error(403, "IP not authorized");
		}
		if (!this.username.equals(params.get("username")) || !this.password.equals(params.get("password"))) {
			return error(401, "Invalid username or password");
		}
		return switch (path) {
			case "/getEndpoints.php" -> ok("endpoints", this.account.endpoints());
			case "/getCdrs.php" -> cdrs(params);
			case "/Welcome/ClickToDialExtenal" -> clickToDial(params);
			default -> error(404, "Not found");
		};
	}

	private Map<String, Object> cdrs(Map<String, String> params) {
		if ("1".equals(params.get("live"))) {
			return ok("cdrs", this.account.liveRows("1".equals(params.get("fullAccount"))));
		}
		if ("1".equals(params.get("recent"))) {
			return ok("cdrs", this.account.recentRows());
		}
		try {
			LocalDateTime start = LocalDateTime.parse(params.getOrDefault("dateStart", ""), CallMyWayCdr.FORMAT);
			LocalDateTime end = LocalDateTime.parse(params.getOrDefault("dateEnd", ""), CallMyWayCdr.FORMAT);
			int ini = Integer.parseInt(params.getOrDefault("ini", "0"));
			int cant = Integer.parseInt(params.getOrDefault("cant", "10"));
			return ok("cdrs", this.account.rows(start, end, ini, Math.min(cant, this.pageCap)));
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			return error(400, "Invalid date range");
		}
	}

	private Map<String, Object> clickToDial(Map<String, String> params) {
		String first = params.getOrDefault("first_num", "");
		String second = params.getOrDefault("second_num", "");
		if (first.isBlank() || second.isBlank()) {
			return error(400, "first_num and second_num are required");
		}
		if (this.account.hasActiveCall()) {
			return error(400, "The user already has an active call");
		}
		this.account.clickToDial(first, second);
		return error(200, "Click2Dial inserted");
	}

	// Consecutive early requests add 4 s, 8 s, 12 s…: the documented accumulating delay.
	private Duration ratePenalty(String user, Instant at) {
		Instant previous = this.lastLimited.put(user, at);
		if (previous == null || Duration.between(previous, at).compareTo(this.spacing) >= 0) {
			this.strikes.remove(user);
			return Duration.ZERO;
		}
		int strike = this.strikes.merge(user, 1, Integer::sum);
		Duration delay = this.spacing.multipliedBy(strike);
		this.penalty.accumulateAndGet(delay, Duration::plus);
		return delay;
	}

	private static Map<String, Object> ok(String field, Object value) {
		Map<String, Object> body = error(200, "");
		body.put(field, value);
		return body;
	}

	private static Map<String, Object> error(int status, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("message", message);
		return body;
	}

	static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> params(String raw) {
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

	private static void sleep(Duration delay) {
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * One request as the simulator saw it.
	 *
	 * @param path the path
	 * @param params the decoded query
	 * @param at when it arrived, on the simulated clock
	 * @param penalty the delay CallMyWay would have added to its answer
	 */
	public record Received(String path, Map<String, String> params, Instant at, Duration penalty) {
	}

	/** Broken answers for bad-input tests. */
	public enum Fault {

		/** JSON with a syntax error. */
		MALFORMED_JSON {
			@Override
			void send(HttpExchange exchange, String body) throws IOException {
				CallMyWaySimulator.send(exchange, 200, "{\"status\":200,\"message\":\"\",\"cdrs\":[{\"callid\":,}]}");
			}
		},
		/** The real answer cut in the middle. */
		TRUNCATED_BODY {
			@Override
			void send(HttpExchange exchange, String body) throws IOException {
				CallMyWaySimulator.send(exchange, 200, body.substring(0, body.length() / 2));
			}
		},
		/** An HTTP 500 error page. */
		SERVER_ERROR {
			@Override
			void send(HttpExchange exchange, String body) throws IOException {
				CallMyWaySimulator.send(exchange, 500, "<html><body>Internal Server Error</body></html>");
			}
		},
		/** The envelope without its {@code cdrs} or {@code endpoints}. */
		NO_DATA {
			@Override
			void send(HttpExchange exchange, String body) throws IOException {
				CallMyWaySimulator.send(exchange, 200, "{\"status\":200,\"message\":\"\"}");
			}
		},
		/** A CDR whose duration is not a number. */
		BAD_DURATION {
			@Override
			void send(HttpExchange exchange, String body) throws IOException {
				CallMyWaySimulator.send(exchange, 200,
						"{\"status\":200,\"message\":\"\",\"cdrs\":[{\"callid\":\"1\","
								+ "\"ani\":\"8373443\",\"dnis\":\"5550100\",\"detect_time\":\"2017-12-04 10:01:43\","
								+ "\"connect_time\":\"1970-01-01 00:00:00\",\"duration\":\"abc\",\"cost\":0}]}");
			}
		};

		abstract void send(HttpExchange exchange, String body) throws IOException;

	}

}
