package io.callbridge.crm.retailcrm.outbound;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.CrmCallEventType;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmPush.CallEvent;
import io.callbridge.crm.CrmPush.CallUpload;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A call in retailCRM's terms (protocol notes A3, A4): the {@code telephony/call/event}
 * event and the {@code telephony/calls/upload} call, with Callbridge's values mapped to
 * retailCRM's enums and every absent optional field left out (never {@code null}).
 */
final class RetailCrmCalls {

	/** retailCRM's date format for uploads ({@code Y-m-d H:i:s}). */
	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private RetailCrmCalls() {
	}

	/** The {@code event} field of {@code telephony/call/event}. */
	static Map<String, Object> event(CallEvent event, RetailCrmSettings settings) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("phone", event.phone());
		json.put("type", type(event.type()));
		List<String> codes = new ArrayList<>();
		List<Long> userIds = new ArrayList<>();
		for (CrmManager manager : event.managers()) {
			if (manager.code() != null && !manager.code().isBlank()) {
				codes.add(manager.code().strip());
			}
			Long userId = userId(manager.crmUserId());
			if (userId != null) {
				userIds.add(userId);
			}
		}
		putIfAny(json, "codes", codes);
		putIfAny(json, "userIds", userIds);
		putIfSet(json, "site", settings.site());
		putIfSet(json, "externalPhone", event.ourLine());
		json.put("callExternalId", event.callExternalId());
		if (event.type() == CrmCallEventType.HANGUP && event.result() != null) {
			json.put("hangupStatus", hangupStatus(event.result()));
		}
		return json;
	}

	/**
	 * The {@code calls} field of {@code telephony/calls/upload}: the one call.
	 * @param zone the time zone of its date: the connection's setting, else the one the
	 * core gives
	 */
	static List<Map<String, Object>> upload(CallUpload upload, RetailCrmSettings settings) {
		ZoneId zone = (settings.zone() != null) ? settings.zone() : upload.zone();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("date", DATE.format(upload.startedAt().atZone(zone)));
		json.put("type", (upload.direction() == CallDirection.OUTBOUND) ? "out" : "in");
		json.put("phone", upload.phone());
		CrmManager manager = upload.manager();
		if (manager != null) {
			putIfSet(json, "code", (manager.code() != null) ? manager.code().strip() : null);
			putIfSet(json, "userId", userId(manager.crmUserId()));
		}
		json.put("result", result(upload.result()));
		json.put("duration", Math.max(0, upload.talkSeconds()));
		json.put("durationWaiting", Math.max(0, upload.waitSeconds()));
		json.put("externalId", upload.externalId());
		putIfSet(json, "recordUrl", upload.recordUrl());
		putIfSet(json, "externalPhone", upload.ourLine());
		putIfSet(json, "site", settings.site());
		return List.of(json);
	}

	/** retailCRM's event type. */
	static String type(CrmCallEventType type) {
		return switch (type) {
			case INCOMING -> "in";
			case OUTGOING -> "out";
			case HANGUP -> "hangup";
		};
	}

	/**
	 * retailCRM's {@code hangupStatus} of a result; note {@code no answered}, which is
	 * not the upload's {@code no answer}.
	 */
	static String hangupStatus(CallResult result) {
		return switch (result) {
			case ANSWERED -> "answered";
			case BUSY -> "busy";
			case CANCELLED -> "cancel";
			case MISSED -> "no answered";
			case FAILED, REJECTED, NOT_ALLOWED -> "failed";
		};
	}

	/** retailCRM's upload {@code result} of a result; {@code unknown} for none. */
	static String result(@Nullable CallResult result) {
		if (result == null) {
			return "unknown";
		}
		return switch (result) {
			case ANSWERED -> "answered";
			case BUSY -> "busy";
			case MISSED, CANCELLED -> "no answer";
			case FAILED -> "failed";
			case REJECTED, NOT_ALLOWED -> "not allowed";
		};
	}

	/**
	 * A CRM user id as retailCRM's integer; {@code null} for one that cannot be a
	 * retailCRM user (not a number).
	 */
	static @Nullable Long userId(@Nullable String crmUserId) {
		if (crmUserId == null || !crmUserId.strip().matches("\\d{1,18}")) {
			return null;
		}
		return Long.valueOf(crmUserId.strip());
	}

	/** The texts of a JSON array of strings or numbers (empty for anything else). */
	static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		if (array.isArray()) {
			array.forEach((value) -> texts.add(value.isValueNode() ? value.asString() : value.toString()));
		}
		return texts;
	}

	private static void putIfAny(Map<String, Object> json, String name, List<?> values) {
		if (!values.isEmpty()) {
			json.put(name, values);
		}
	}

	private static void putIfSet(Map<String, Object> json, String name, @Nullable Object value) {
		if (value != null && !(value instanceof String text && text.isBlank())) {
			json.put(name, value);
		}
	}

}
