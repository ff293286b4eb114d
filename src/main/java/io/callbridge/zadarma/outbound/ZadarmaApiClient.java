package io.callbridge.zadarma.outbound;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Zadarma's REST API v1 as typed calls: balance, PBX extensions, click-to-call
 * (callback), recording links, the call-notification URL and switches, and PBX statistics
 * (paged and split into windows Zadarma accepts). Answers are read leniently: Zadarma
 * sends numbers and booleans sometimes as strings. Failures are
 * {@link ZadarmaApiException}s with Zadarma's own message.
 */
final class ZadarmaApiClient {

	/** The six call-notification switches of {@code /v1/pbx/callinfo/}. */
	static final List<String> NOTIFICATIONS = List.of("notify_start", "notify_internal", "notify_answer", "notify_end",
			"notify_out_start", "notify_out_end");

	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	static final Duration SHORTEST_LINK = Duration.ofSeconds(180);

	static final Duration LONGEST_LINK = Duration.ofSeconds(5_184_000);

	private final ZadarmaRestTransport transport;

	ZadarmaApiClient(ZadarmaProperties properties, ZadarmaRateLimits limits, ProviderHttpClients http) {
		this.transport = new ZadarmaRestTransport(properties, limits, http);
	}

	/** {@code GET /v1/info/balance/}. */
	Balance balance(ZadarmaAccess access) {
		JsonNode answer = this.transport.get(access, "/v1/info/balance/", Map.of());
		BigDecimal amount = decimal(answer, "balance");
		return new Balance((amount != null) ? amount : BigDecimal.ZERO, textOr(answer, "currency", ""));
	}

	/** {@code GET /v1/pbx/internal/}: the PBX id and its extension numbers. */
	InternalNumbers internalNumbers(ZadarmaAccess access) {
		JsonNode answer = this.transport.get(access, "/v1/pbx/internal/", Map.of());
		List<String> numbers = new ArrayList<>();
		for (JsonNode number : answer.path("numbers").values()) {
			String value = ZadarmaJson.text(number);
			if (value != null) {
				numbers.add(value);
			}
		}
		return new InternalNumbers(textOr(answer, "pbx_id", ""), List.copyOf(numbers));
	}

	/**
	 * {@code GET /v1/request/callback/}: Zadarma rings {@code from} first, then
	 * {@code to}. The answer carries no call id.
	 */
	CallbackAccepted callback(ZadarmaAccess access, String from, String to, @Nullable String sip) {
		Map<String, String> params = new LinkedHashMap<>(Map.of("from", from, "to", to));
		if (sip != null && !sip.isBlank()) {
			params.put("sip", sip);
		}
		JsonNode answer = this.transport.get(access, "/v1/request/callback/", params);
		String time = text(answer, "time");
		Instant at = (time != null && time.matches("\\d+")) ? Instant.ofEpochSecond(Long.parseLong(time)) : null;
		return new CallbackAccepted(textOr(answer, "from", from), textOr(answer, "to", to), at);
	}

	/**
	 * {@code GET /v1/pbx/record/request/} by {@code call_id}: a download link valid for
	 * {@code lifetime} (180 s to 60 days).
	 */
	RecordLink recordLink(ZadarmaAccess access, String callId, Duration lifetime) {
		long seconds = Math.clamp(lifetime.toSeconds(), SHORTEST_LINK.toSeconds(), LONGEST_LINK.toSeconds());
		JsonNode answer = this.transport.get(access, "/v1/pbx/record/request/",
				Map.of("call_id", callId, "lifetime", Long.toString(seconds)));
		String link = text(answer, "link");
		if (link == null && answer.path("links").isArray() && !answer.path("links").isEmpty()) {
			link = ZadarmaJson.text(answer.path("links").get(0));
		}
		if (link == null || link.isBlank()) {
			throw new ZadarmaApiException(Kind.UNREACHABLE, 200, "no link",
					Text.of("zadarma.recordingWithoutLink", callId));
		}
		return new RecordLink(URI.create(link), dateTime(text(answer, "lifetime_till"), access.zone()));
	}

	/** {@code GET /v1/pbx/callinfo/}: where call notifications go and which are on. */
	CallInfo callInfo(ZadarmaAccess access) {
		JsonNode answer = this.transport.get(access, "/v1/pbx/callinfo/", Map.of());
		return new CallInfo(textOr(answer, "url", ""), switches(answer.path("notifications")));
	}

	/** {@code POST /v1/pbx/callinfo/url/}: sets the call-notification URL. */
	String setCallInfoUrl(ZadarmaAccess access, URI url) {
		JsonNode answer = this.transport.post(access, "/v1/pbx/callinfo/url/", Map.of("url", url.toString()));
		return textOr(answer, "url", url.toString());
	}

	/** {@code POST /v1/pbx/callinfo/notifications/}: switches notifications on or off. */
	Map<String, Boolean> setNotifications(ZadarmaAccess access, Map<String, Boolean> switches) {
		Map<String, String> params = new LinkedHashMap<>();
		switches.forEach((name, on) -> params.put(name, on ? "true" : "false"));
		JsonNode answer = this.transport.post(access, "/v1/pbx/callinfo/notifications/", params);
		return switches(answer.path("notifications"));
	}

	/**
	 * {@code GET /v1/statistics/pbx/} (version 2) for every call that started in
	 * {@code [from, to)}, however long the period: see {@link ZadarmaStatisticsWindows}.
	 */
	List<PbxStatistic> pbxStatistics(ZadarmaAccess access, Instant from, Instant to) {
		List<PbxStatistic> rows = new ArrayList<>();
		for (ZadarmaStatisticsWindows.Window window : ZadarmaStatisticsWindows.split(from, to, access.zone())) {
			rows.addAll(statisticsWindow(access, window));
		}
		return rows.stream().filter((row) -> !row.callStart().isBefore(from) && row.callStart().isBefore(to)).toList();
	}

	private List<PbxStatistic> statisticsWindow(ZadarmaAccess access, ZadarmaStatisticsWindows.Window window) {
		List<PbxStatistic> rows = new ArrayList<>();
		for (int page = 0; page < ZadarmaStatisticsWindows.MAX_PAGES; page++) {
			Map<String, String> params = Map.of("version", "2", "start", window.start(), "end", window.end(), "skip",
					Integer.toString(page * ZadarmaStatisticsWindows.PAGE), "limit",
					Integer.toString(ZadarmaStatisticsWindows.PAGE));
			JsonNode stats = this.transport.get(access, "/v1/statistics/pbx/", params).path("stats");
			stats.values().forEach((row) -> rows.addAll(PbxStatistic.of(row, access.zone())));
			if (stats.size() < ZadarmaStatisticsWindows.PAGE) {
				return rows;
			}
		}
		throw new ZadarmaApiException(Kind.UNREACHABLE, 200, "too many pages", Text.of("zadarma.tooManyPages",
				String.valueOf(window.start()), String.valueOf(window.end()), rows.size()));
	}

	private static Map<String, Boolean> switches(JsonNode notifications) {
		Map<String, Boolean> result = new LinkedHashMap<>();
		for (String name : NOTIFICATIONS) {
			result.put(name, ZadarmaJson.flag(notifications.path(name)));
		}
		return result;
	}

	private static @Nullable String text(JsonNode node, String field) {
		return ZadarmaJson.text(node.path(field));
	}

	private static String textOr(JsonNode node, String field, String fallback) {
		String value = text(node, field);
		return (value != null) ? value : fallback;
	}

	private static @Nullable BigDecimal decimal(JsonNode node, String field) {
		String value = text(node, field);
		try {
			return (value != null) ? new BigDecimal(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static @Nullable Instant dateTime(@Nullable String value, ZoneId zone) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip(), DATE_TIME).atZone(zone).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/**
	 * The account's balance.
	 *
	 * @param amount the balance
	 * @param currency its currency, e.g. {@code USD}
	 */
	record Balance(BigDecimal amount, String currency) {

		@Override
		public String toString() {
			return this.amount.toPlainString() + " " + this.currency;
		}

	}

	/**
	 * The PBX's extensions.
	 *
	 * @param pbxId the PBX id
	 * @param numbers the extension numbers, e.g. {@code 100}
	 */
	record InternalNumbers(String pbxId, List<String> numbers) {
	}

	/**
	 * Zadarma took a callback request.
	 *
	 * @param from who is rung first
	 * @param to who is rung second
	 * @param time when Zadarma took it, if it said
	 */
	record CallbackAccepted(String from, String to, @Nullable Instant time) {
	}

	/**
	 * A recording's download link.
	 *
	 * @param link where to download it
	 * @param lifetimeTill when the link stops working, if Zadarma said
	 */
	record RecordLink(URI link, @Nullable Instant lifetimeTill) {
	}

	/**
	 * The call-notification webhook as Zadarma has it.
	 *
	 * @param url where notifications go (empty when none)
	 * @param notifications each {@code notify_*} switch and whether it is on
	 */
	record CallInfo(String url, Map<String, Boolean> notifications) {
	}

	/**
	 * One row of {@code /v1/statistics/pbx/} (version 2): one leg of a PBX call.
	 *
	 * @param callId the leg's id, also the recording's id
	 * @param sip the SIP or extension involved
	 * @param callStart when the leg started
	 * @param clid the caller id
	 * @param destination who was called
	 * @param disposition how the leg ended
	 * @param seconds its duration
	 * @param recorded whether it was recorded
	 * @param pbxCallId the call's id, the same the webhooks carry
	 */
	record PbxStatistic(@Nullable String callId, @Nullable String sip, Instant callStart, @Nullable String clid,
			@Nullable String destination, @Nullable String disposition, int seconds, boolean recorded,
			String pbxCallId) {

		/** The row, or nothing when it lacks the call id or a readable start. */
		static List<PbxStatistic> of(JsonNode row, ZoneId zone) {
			String pbxCallId = text(row, "pbx_call_id");
			Instant start = dateTime(text(row, "callstart"), zone);
			if (pbxCallId == null || pbxCallId.isBlank() || start == null) {
				return List.of();
			}
			String seconds = text(row, "seconds");
			return List.of(new PbxStatistic(text(row, "call_id"), text(row, "sip"), start, text(row, "clid"),
					text(row, "destination"), text(row, "disposition"),
					(seconds != null && seconds.matches("\\d+")) ? Integer.parseInt(seconds) : 0,
					ZadarmaJson.flag(row.path("is_recorded")), pbxCallId));
		}

	}

}
