package io.callbridge.uis.outbound;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.uis.UisFinishReasons;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a row of {@code get.calls_report} (one call session) into a {@link HistoricCall}
 * whose id is the {@code call_session_id} the notifications carry, so a reconciled call
 * meets the one built from live events; the legs of {@code get.call_legs_report}, when
 * read, name the employee who talked and when they picked up.
 * <p>
 * Per call: answered at the start plus the wait when anyone talked (or at the talking
 * leg's connect time); the extension is the employee who talked last, else the last who
 * answered, else the first rung; the result comes from {@link UisFinishReasons}; the
 * recording is {@code full_record_file_link}, else the first of {@code call_records} as
 * {@code <communication_id>/<record_id>}.
 */
final class UisCallHistory {

	private UisCallHistory() {
	}

	/** The call of a report row, or null when it lacks an id or a readable start. */
	static @Nullable HistoricCall call(JsonNode row, List<JsonNode> legs, ZoneId zone) {
		String id = UisJson.text(row.path("id"));
		Instant start = UisJson.dateTime(row.path("start_time"), zone);
		if (id == null || start == null) {
			return null;
		}
		CallDirection direction = "out".equalsIgnoreCase(UisJson.text(row.path("direction"))) ? CallDirection.OUTBOUND
				: CallDirection.INBOUND;
		int talk = Math.max(0, UisJson.number(row.path("talk_duration"), 0));
		CallResult result = UisFinishReasons.result(UisJson.text(row.path("finish_reason")),
				UisJson.flag(row.path("is_lost")), talk, direction);
		JsonNode talked = talkingLeg(legs);
		Instant answeredAt = (talk > 0) ? answeredAt(row, talked, start, zone) : null;
		String extension = (talked != null) ? UisJson.text(talked.path("employee_id")) : null;
		if (extension == null) {
			extension = employee(row);
		}
		return new HistoricCall(id, direction, start, answeredAt,
				international(UisJson.text(row.path("contact_phone_number"))),
				international(UisJson.text(row.path("virtual_phone_number"))), extension, result, talk, recording(row),
				null, null, extras(row, legs));
	}

	// UIS writes E.164 without the "+", which the core would read as a national number of
	// the tenant's region; as the notifications' numbers, 8 to 15 digits get it back.
	private static @Nullable String international(@Nullable String number) {
		return (number != null && number.matches("\\d{8,15}")) ? "+" + number : number;
	}

	/**
	 * The leg of the employee who talked ({@code is_operator && is_talked}), the last.
	 */
	static @Nullable JsonNode talkingLeg(List<JsonNode> legs) {
		JsonNode found = null;
		for (JsonNode leg : legs) {
			if (UisJson.flag(leg.path("is_operator")) && UisJson.flag(leg.path("is_talked"))) {
				found = leg;
			}
		}
		return found;
	}

	/**
	 * The recording reference of a session: a link, or {@code <communication>/<record>}.
	 */
	static @Nullable String recording(JsonNode row) {
		String link = UisJson.text(row.path("full_record_file_link"));
		if (link != null) {
			return link;
		}
		String communication = UisJson.text(row.path("communication_id"));
		JsonNode records = row.path("call_records");
		String record = (records.isArray() && !records.isEmpty()) ? UisJson.text(records.get(0)) : null;
		return (communication != null && record != null) ? communication + "/" + record : null;
	}

	private static Instant answeredAt(JsonNode row, @Nullable JsonNode talked, Instant start, ZoneId zone) {
		Instant connected = (talked != null) ? UisJson.dateTime(talked.path("connect_time"), zone) : null;
		if (connected != null) {
			return connected;
		}
		return start.plusSeconds(Math.max(0, UisJson.number(row.path("wait_duration"), 0)));
	}

	private static @Nullable String employee(JsonNode row) {
		for (String field : List.of("last_talked_employee_id", "last_answered_employee_id")) {
			String id = UisJson.text(row.path(field));
			if (id != null) {
				return id;
			}
		}
		JsonNode employees = row.path("employees");
		String talked = null;
		for (JsonNode employee : employees.values()) {
			if (UisJson.flag(employee.path("is_talked")) || UisJson.flag(employee.path("is_answered"))) {
				talked = UisJson.text(employee.path("employee_id"));
			}
		}
		if (talked != null || employees.isEmpty() || !employees.isArray()) {
			return talked;
		}
		return UisJson.text(employees.get(0).path("employee_id"));
	}

	private static Map<String, String> extras(JsonNode row, List<JsonNode> legs) {
		Map<String, String> extras = new LinkedHashMap<>();
		for (String field : List.of("finish_reason", "is_lost", "source", "call_api_external_id", "wait_duration",
				"total_duration", "is_transfer")) {
			String value = UisJson.text(row.path(field));
			if (value != null) {
				extras.put(field, value);
			}
		}
		if (!legs.isEmpty()) {
			extras.put("legs", Integer.toString(legs.size()));
		}
		return extras;
	}

}
