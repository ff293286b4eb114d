package io.callbridge.crm.retailcrm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbridge.crm.retailcrm.RetailCrmFaults.Down;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A faithful loopback double of retailCRM's API v5 for tests, written from the protocol
 * notes Part A and the checklist of Part D: {@code POST telephony/call/event},
 * {@code POST telephony/calls/upload}, {@code GET telephony/manager}, {@code GET
 * integration-modules/{code}} and {@code POST integration-modules/{code}/edit} under
 * {@code /api/v5}; the key from {@code X-API-KEY} (any case) or {@code ?apiKey=}, missing
 * or wrong answered 403 (the status a live retailCRM answered a wrong key in the official
 * Go client's early tests; the notes call it unverified); POST bodies only as
 * {@code application/x-www-form-urlencoded} with the JSON in one field; the enums, dates
 * and limits of each method; rate limits per key (40 rps on telephony, 10 elsewhere)
 * answered 503; and switches for outages, forced statuses and garbage answers. It keeps
 * everything it accepted for assertions and sends the CRM's own requests (makeCallUrl,
 * changeUserStatusUrl) to the registered module's URLs.
 */
public final class RetailCrmSimulator implements AutoCloseable {

	/** The API prefix; a connector's base URL is {@link #baseUrl()}. */
	public static final String API = "/api/v5";

	/** User statuses retailCRM sends to changeUserStatusUrl (protocol notes A6.2). */
	public static final Set<String> USER_STATUSES = Set.of("free", "busy", "dinner", "break");

	private final Set<String> keys = ConcurrentHashMap.newKeySet();

	private final SimulatedRetailCrmModules modules = new SimulatedRetailCrmModules();

	private final SimulatedRetailCrmTelephony telephony = new SimulatedRetailCrmTelephony(this.modules);

	private final RetailCrmRateLimits limits;

	private final RetailCrmFaults faults = new RetailCrmFaults();

	private final RetailCrmCallbacks callbacks = new RetailCrmCallbacks();

	private final List<RetailCrmReceived> received = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

	private volatile Duration delay = Duration.ZERO;

	private RetailCrmSimulator(String apiKey, Clock clock) throws IOException {
		this.keys.add(apiKey);
		this.limits = new RetailCrmRateLimits(clock);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.handlers);
		this.server.start();
	}

	/** A simulator accepting {@code apiKey}, rate limits on the system clock. */
	public static RetailCrmSimulator start(String apiKey) {
		return start(apiKey, Clock.systemUTC());
	}

	/** A simulator whose rate-limit windows run on {@code clock}. */
	public static RetailCrmSimulator start(String apiKey, Clock clock) {
		try {
			return new RetailCrmSimulator(apiKey, clock);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the retailCRM simulator", ex);
		}
	}

	/** The account's URL, as a user types it ({@code https://shop.retailcrm.ru}). */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Another valid API key of the account (each key has its own rate limits). */
	public void apiKey(String key) {
		this.keys.add(key);
	}

	/** A user of the CRM (only existing users' additionalCodes count). */
	public void user(int id) {
		this.modules.user(id);
	}

	/**
	 * What {@code telephony/manager?phone=} finds for a phone (compared by its digits):
	 * the responsible manager and the customer, either may be null.
	 */
	public void directory(String phone, @Nullable RetailCrmManager manager, @Nullable RetailCrmCustomer customer) {
		this.telephony.directory(phone, manager, customer);
	}

	/**
	 * Whether call/event needs a non-empty {@code codes} or {@code userIds} (true, as the
	 * v5 client requires codes; the v6 model makes both optional).
	 */
	public void strictCodes(boolean strict) {
		this.telephony.strictCodes = strict;
	}

	/**
	 * Whether an uploaded call whose externalId is known replaces the stored one (false:
	 * it is only reported in duplicateCalls; the notes leave this open).
	 */
	public void duplicatesUpdate(boolean update) {
		this.telephony.duplicatesUpdate = update;
	}

	public void rateLimits(boolean enabled) {
		this.limits.enabled(enabled);
	}

	public void rateLimits(int rps, int telephonyRps) {
		this.limits.limits(rps, telephonyRps);
	}

	/** Every request answered 503 with retailCRM's JSON envelope. */
	public void down() {
		this.faults.down(Down.JSON);
	}

	/** Every request answered 503 with the front proxy's HTML page. */
	public void downHtml() {
		this.faults.down(Down.HTML);
	}

	/** Lifts {@link #down()}, {@link #downHtml()} and {@link #force(int)}. */
	public void up() {
		this.faults.down(null);
		this.faults.force(0);
	}

	/** Every request answered {@code status} (e.g. 503 or 429) until {@link #up()}. */
	public void force(int status) {
		this.faults.force(status);
	}

	/** The next {@code count} requests answered {@code status}. */
	public void refuseNext(int count, int status) {
		this.faults.refuseNext(count, status);
	}

	/**
	 * Requests take effect but are answered 200 with {@code body} instead of the
	 * envelope; null stops.
	 */
	public void garbage(@Nullable String body) {
		this.faults.garbage(body);
	}

	/** Every answer waits this long first (for a caller's time budget). */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	public List<RetailCrmEvent> events() {
		return this.telephony.events();
	}

	public List<RetailCrmUpload> uploads() {
		return this.telephony.uploads();
	}

	/**
	 * The stored calls by externalId (as first uploaded, or as last when duplicates
	 * update).
	 */
	public Map<String, RetailCrmCall> calls() {
		return this.telephony.calls();
	}

	public List<RetailCrmRegistration> registrations() {
		return this.modules.registrations();
	}

	public @Nullable JsonNode module(String code) {
		return this.modules.module(code);
	}

	/** The phones asked for in {@code telephony/manager}, in order. */
	public List<String> lookups() {
		return this.telephony.lookups();
	}

	/** Every request received, in order, with its answer. */
	public List<RetailCrmReceived> requests() {
		return List.copyOf(this.received);
	}

	/** How many requests were not answered 2xx (refusals, rate limits, outages). */
	public long refused() {
		return this.received.stream().filter(RetailCrmReceived::refused).count();
	}

	/**
	 * How many requests were refused for {@code reason} ("rate limit", "down", an
	 * errorMsg).
	 */
	public long refused(String reason) {
		return this.received.stream().filter((r) -> r.refused() && reason.equals(r.errorMsg())).count();
	}

	/**
	 * Sends {@code GET makeCallUrl?clientId&code&phone&userId[&externalPhone]} as a user
	 * clicking a number does, to the one active telephony module.
	 */
	public RetailCrmCallback makeCall(int userId, String code, String phone, @Nullable String externalPhone) {
		return makeCallAs(telephonyModule().path("clientId").asString(), userId, code, phone, externalPhone);
	}

	/** {@link #makeCall} with another clientId (a stranger's request). */
	public RetailCrmCallback makeCallAs(String clientId, int userId, String code, String phone,
			@Nullable String externalPhone) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("clientId", clientId);
		parameters.put("code", code);
		parameters.put("phone", phone);
		parameters.put("userId", Integer.toString(userId));
		if (externalPhone != null) {
			parameters.put("externalPhone", externalPhone);
		}
		return this.callbacks.get(telephonyUrl("makeCallUrl"), parameters);
	}

	/**
	 * Sends {@code GET changeUserStatusUrl?clientId&userId&code&status} as a user
	 * changing status does; {@code status} is one of {@link #USER_STATUSES}.
	 */
	public RetailCrmCallback changeUserStatus(int userId, String code, String status) {
		return changeUserStatusAs(telephonyModule().path("clientId").asString(), userId, code, status);
	}

	public RetailCrmCallback changeUserStatusAs(String clientId, int userId, String code, String status) {
		if (!USER_STATUSES.contains(status)) {
			throw new IllegalArgumentException("retailCRM never sends the user status " + status);
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("clientId", clientId);
		parameters.put("userId", Integer.toString(userId));
		parameters.put("code", code);
		parameters.put("status", status);
		return this.callbacks.get(telephonyUrl("changeUserStatusUrl"), parameters);
	}

	/** Every makeCallUrl and changeUserStatusUrl request sent, in order. */
	public List<RetailCrmCallback> callbacks() {
		return this.callbacks.sent();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.handlers.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			pause(this.delay);
			RetailCrmRequest request = RetailCrmRequest.read(exchange);
			RetailCrmReply reply = answer(request);
			this.received.add(new RetailCrmReceived(request.method(), request.path(), reply.status(), reply.refusal()));
			byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", reply.contentType());
			exchange.sendResponseHeaders(reply.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private RetailCrmReply answer(RetailCrmRequest request) {
		RetailCrmReply fault = this.faults.before();
		if (fault != null) {
			return fault;
		}
		try {
			RetailCrmRoute route = RetailCrmRoute.of(request.method(), request.path());
			String key = authenticate(request);
			if (!this.limits.admit(key, route.telephony())) {
				return RetailCrmReply.proxy(503, "rate limit");
			}
			RetailCrmReply reply = RetailCrmReply.success(route.status(), dispatch(route, request));
			String garbage = this.faults.garbage();
			return (garbage != null) ? new RetailCrmReply(200, "text/html", garbage, null) : reply;
		}
		catch (RetailCrmRefusal refusal) {
			return RetailCrmReply.refused(refusal);
		}
	}

	private String authenticate(RetailCrmRequest request) {
		String key = request.apiKey();
		if (key == null) {
			throw RetailCrmRefusal.of(403, "\"apiKey\" is missing.");
		}
		if (!this.keys.contains(key)) {
			throw RetailCrmRefusal.of(403, "Wrong \"apiKey\" value.");
		}
		return key;
	}

	private Map<String, Object> dispatch(RetailCrmRoute route, RetailCrmRequest request) {
		return switch (route.method()) {
			case EVENT -> this.telephony.event(request);
			case UPLOAD -> this.telephony.upload(request);
			case MANAGER -> this.telephony.manager(request);
			case MODULE -> this.modules.get(route.moduleCode());
			case MODULE_EDIT -> this.modules.edit(route.moduleCode(), request);
		};
	}

	private JsonNode telephonyModule() {
		Map<String, JsonNode> active = this.modules.telephonyModules();
		if (active.size() != 1) {
			throw new IllegalStateException("Expected one active telephony module, found " + active.keySet());
		}
		return active.values().iterator().next();
	}

	private String telephonyUrl(String name) {
		JsonNode url = telephonyModule().path("integrations").path("telephony").path(name);
		if (!url.isString()) {
			throw new IllegalStateException("The telephony module registered no " + name);
		}
		return url.asString();
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

}
