package io.callbridge.zadarma;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one simulated Zadarma account and the semantics of its REST methods: PBX
 * id and extensions, balance, the call-notification URL and its six switches, the call
 * log behind {@code /v1/statistics/pbx/}, recordings and their download links. The
 * {@link ZadarmaSimulator} authenticates and rate-limits before any of this runs.
 */
public final class SimulatedPbx {

	/** Zadarma's date format, in the account's time zone. */
	public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	static final List<String> NOTIFICATIONS = List.of("notify_start", "notify_internal", "notify_end",
			"notify_out_start", "notify_out_end", "notify_answer");

	private final SimulatedClock clock;

	private final ZoneId zone;

	private final List<String> extensions = new CopyOnWriteArrayList<>(List.of("100", "101", "102"));

	private final Map<String, Boolean> notifications = new ConcurrentHashMap<>();

	private final List<StatisticRow> callLog = new CopyOnWriteArrayList<>();

	private final SimulatedRecordings recordings;

	private final AtomicInteger clampedStatistics = new AtomicInteger();

	private volatile String pbxId = "12345";

	private volatile BigDecimal balance = new BigDecimal("10.34");

	private volatile String currency = "USD";

	private volatile String callInfoUrl = "";

	private volatile boolean verifyWebhookEcho = true;

	SimulatedPbx(SimulatedClock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
		this.recordings = new SimulatedRecordings(clock, zone);
		NOTIFICATIONS.forEach((n) -> this.notifications.put(n, false));
	}

	// --- state for tests

	public ZoneId zone() {
		return this.zone;
	}

	public LocalDateTime localNow() {
		return LocalDateTime.ofInstant(this.clock.instant(), this.zone);
	}

	public void pbx(String pbxId, String... extensions) {
		this.pbxId = pbxId;
		this.extensions.clear();
		this.extensions.addAll(List.of(extensions));
	}

	public void balance(String amount, String currency) {
		this.balance = new BigDecimal(amount);
		this.currency = currency;
	}

	public String callInfoUrl() {
		return this.callInfoUrl;
	}

	public Map<String, Boolean> notifications() {
		Map<String, Boolean> ordered = new LinkedHashMap<>();
		NOTIFICATIONS.forEach((n) -> ordered.put(n, this.notifications.get(n)));
		return ordered;
	}

	/**
	 * Sets the webhook URL and switches all six notifications on, as the portal would.
	 */
	public void webhook(String url) {
		this.callInfoUrl = url;
		NOTIFICATIONS.forEach((n) -> this.notifications.put(n, true));
	}

	public void notification(String name, boolean on) {
		this.notifications.put(name, on);
	}

	boolean notifies(String event) {
		if (this.callInfoUrl.isBlank()) {
			return false;
		}
		String toggle = "notify_" + event.substring("NOTIFY_".length()).toLowerCase(Locale.ROOT);
		// NOTIFY_RECORD has no switch: it follows the URL.
		return this.notifications.getOrDefault(toggle, true);
	}

	/** Whether setting the URL first checks that it answers {@code zd_echo}. */
	public void verifyWebhookEcho(boolean verify) {
		this.verifyWebhookEcho = verify;
	}

	/**
	 * Adds a leg to the call log behind the statistics (also for calls never notified).
	 */
	public void addCall(StatisticRow row) {
		this.callLog.add(row);
	}

	public List<StatisticRow> callLog() {
		return List.copyOf(this.callLog);
	}

	/** A recording that can be downloaded from now on. */
	public void addRecording(String callId, String pbxCallId) {
		this.recordings.add(callId, pbxCallId);
	}

	SimulatedRecordings recordings() {
		return this.recordings;
	}

	/** Statistics requests whose period Zadarma had to cut to 30 days. */
	public int clampedStatisticsRequests() {
		return this.clampedStatistics.get();
	}

	static String newCallId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return (1_700_000_000L + random.nextInt(100_000_000)) + "." + (100_000 + random.nextInt(900_000));
	}

	static String newPbxCallId(String prefix) {
		byte[] bytes = new byte[20];
		ThreadLocalRandom.current().nextBytes(bytes);
		return prefix + HexFormat.of().formatHex(bytes);
	}

	// --- REST methods

	Reply balance() {
		return Reply.success(Map.of("balance", this.balance, "currency", this.currency));
	}

	Reply timezone() {
		Instant now = this.clock.instant();
		return Reply.success(Map.of("unixtime", now.getEpochSecond(), "datetime", DATE_TIME.format(localNow()),
				"timezone", this.zone.getId()));
	}

	Reply internal() {
		return Reply.success(Map.of("pbx_id", Long.parseLong(this.pbxId), "numbers",
				this.extensions.stream().map(Long::parseLong).toList()));
	}

	/** Validates like Zadarma's callback; the call itself is played by the caller. */
	Reply callback(Map<String, String> params) {
		String from = params.getOrDefault("from", "");
		String to = params.getOrDefault("to", "");
		if (!from.matches("\\+?\\d{3,15}") || !to.matches("\\+?\\d{3,15}")) {
			return Reply.error(400, "Check phone's number");
		}
		return Reply.success(Map.of("from", Long.parseLong(from.replace("+", "")), "to",
				Long.parseLong(to.replace("+", "")), "time", this.clock.instant().getEpochSecond()));
	}

	Reply callInfo() {
		Map<String, String> switches = new LinkedHashMap<>();
		notifications().forEach((n, on) -> switches.put(n, Boolean.toString(on)));
		return Reply.success(Map.of("url", this.callInfoUrl, "notifications", switches));
	}

	Reply setCallInfoUrl(Map<String, String> params) {
		String url = params.getOrDefault("url", "");
		if (!url.matches("https?://.+")) {
			return Reply.error(400, "Wrong url");
		}
		if (this.verifyWebhookEcho && !answersEcho(url)) {
			return Reply.error(400, "The url did not answer zd_echo");
		}
		this.callInfoUrl = url;
		return Reply.success(Map.of("url", url));
	}

	Reply setNotifications(Map<String, String> params) {
		for (String name : NOTIFICATIONS) {
			String value = params.get(name);
			if (value != null && !value.equals("true") && !value.equals("false")) {
				return Reply.error(400, "Wrong value of " + name);
			}
		}
		NOTIFICATIONS.stream()
			.filter(params::containsKey)
			.forEach((n) -> this.notifications.put(n, Boolean.parseBoolean(params.get(n))));
		return callInfo();
	}

	/** {@code /v1/statistics/pbx/}: start/end (1-month clamp), skip, limit ≤ 1000. */
	Reply statisticsPbx(Map<String, String> params) {
		LocalDateTime start;
		LocalDateTime end;
		try {
			start = params.containsKey("start") ? LocalDateTime.parse(params.get("start"), DATE_TIME)
					: localNow().withDayOfMonth(1).toLocalDate().atStartOfDay();
			end = params.containsKey("end") ? LocalDateTime.parse(params.get("end"), DATE_TIME) : localNow();
		}
		catch (DateTimeException ex) {
			return Reply.error(400, "Wrong date format");
		}
		if (end.isAfter(start.plusMonths(1))) {
			end = start.plusDays(30);
			this.clampedStatistics.incrementAndGet();
		}
		int skip = Math.max(0, Integer.parseInt(params.getOrDefault("skip", "0")));
		int limit = Math.min(1000, Math.max(1, Integer.parseInt(params.getOrDefault("limit", "1000"))));
		List<Map<String, Object>> stats = page(start, end, params.get("call_type"), skip, limit);
		return Reply.success(Map.of("start", DATE_TIME.format(start), "end", DATE_TIME.format(end), "version",
				Integer.parseInt(params.getOrDefault("version", "1")), "stats", stats));
	}

	private List<Map<String, Object>> page(LocalDateTime start, LocalDateTime end, String callType, int skip,
			int limit) {
		return this.callLog.stream()
			.filter((r) -> !r.callStart().isBefore(start) && !r.callStart().isAfter(end))
			.filter((r) -> callType == null || r.pbxCallId().startsWith(callType + "_"))
			.sorted(Comparator.comparing(StatisticRow::callStart).thenComparing(StatisticRow::callId))
			.skip(skip)
			.limit(limit)
			.map(StatisticRow::toJson)
			.toList();
	}

	private static boolean answersEcho(String url) {
		String token = newPbxCallId("echo");
		try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			String separator = url.contains("?") ? "&" : "?";
			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create(url + separator + "zd_echo=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
				.timeout(Duration.ofSeconds(5))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().strip().equals(token);
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * One row of {@code /v1/statistics/pbx/} version 2 (one leg of a call), in the
	 * account's local time.
	 *
	 * @param callId the leg's id (the recording's id)
	 * @param sip the SIP or extension
	 * @param callStart when the leg started, account time
	 * @param clid caller id
	 * @param destination who was called
	 * @param disposition how it ended
	 * @param seconds duration
	 * @param recorded whether it was recorded
	 * @param pbxCallId the call's id as the webhooks carry it
	 */
	public record StatisticRow(String callId, String sip, LocalDateTime callStart, String clid, String destination,
			String disposition, int seconds, boolean recorded, String pbxCallId) {

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("call_id", this.callId);
			json.put("sip", this.sip);
			json.put("callstart", DATE_TIME.format(this.callStart));
			json.put("clid", this.clid);
			json.put("destination", this.destination);
			json.put("disposition", this.disposition);
			json.put("seconds", this.seconds);
			json.put("is_recorded", Boolean.toString(this.recorded));
			json.put("pbx_call_id", this.pbxCallId);
			return json;
		}

	}

	/**
	 * What a REST method answers.
	 *
	 * @param status HTTP status
	 * @param json the JSON body, or null for audio
	 * @param audio the audio body, or null for JSON
	 */
	record Reply(int status, Map<String, Object> json, byte[] audio) {

		static Reply success(Map<String, Object> fields) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("status", "success");
			json.putAll(fields);
			return new Reply(200, json, null);
		}

		static Reply error(int status, String message) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("status", "error");
			json.put("message", message);
			return new Reply(status, json, null);
		}

		static Reply audio(byte[] audio) {
			return new Reply(200, null, audio);
		}

	}

}
