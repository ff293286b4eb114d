package io.callbridge.uis;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated account's call history (protocol notes B6.2, B6.3): one
 * {@code get.calls_report} row per call session and one {@code get.call_legs_report} row
 * per leg, selected by {@code start_time} between {@code date_from} and {@code date_till}
 * (required, {@code YYYY-MM-DD hh:mm:ss}, local time of the account, at most three months
 * apart), then filtered, sorted, projected and paged by {@link UisListQuery}.
 */
public final class SimulatedUisReports {

	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	static final Set<String> CALL_COLUMNS = new LinkedHashSet<>(List.of("id", "start_time", "finish_time",
			"finish_reason", "direction", "source", "is_lost", "contact_phone_number", "communication_id",
			"communication_type", "virtual_phone_number", "is_transfer", "wait_duration", "total_wait_duration",
			"talk_duration", "clean_talk_duration", "total_duration", "postprocess_duration", "call_records",
			"wav_call_records", "full_record_file_link", "voice_mail_records", "employees",
			"first_answered_employee_id", "first_answered_employee_full_name", "last_answered_employee_id",
			"last_answered_employee_full_name", "first_talked_employee_id", "first_talked_employee_full_name",
			"last_talked_employee_id", "last_talked_employee_full_name", "operator_phone_number", "scenario_id",
			"scenario_name", "call_api_request_id", "call_api_external_id", "contact_id", "contact_full_name", "tags"));

	static final Set<String> LEG_COLUMNS = new LinkedHashSet<>(List.of("id", "call_session_id", "call_records",
			"start_time", "connect_time", "duration", "total_duration", "finish_reason", "finish_reason_description",
			"virtual_phone_number", "calling_phone_number", "called_phone_number", "direction", "is_transfered",
			"is_operator", "employee_id", "employee_full_name", "employee_phone_number", "scenario_id", "scenario_name",
			"is_coach", "is_failed", "is_talked", "contact_id", "contact_full_name", "contact_phone_number"));

	private static final Set<String> CALL_ARRAYS = Set.of("call_records", "wav_call_records", "voice_mail_records",
			"employees", "tags");

	private static final Set<String> LEG_ARRAYS = Set.of("call_records");

	private final List<ObjectNode> calls = new CopyOnWriteArrayList<>();

	private final List<ObjectNode> legs = new CopyOnWriteArrayList<>();

	/** Adds a session row (every column of {@link #CALL_COLUMNS} should be present). */
	public void addCall(ObjectNode row) {
		this.calls.add(row);
	}

	public void addLeg(ObjectNode row) {
		this.legs.add(row);
	}

	/** Every session row stored, in the order the calls ended. */
	public List<ObjectNode> calls() {
		return List.copyOf(this.calls);
	}

	public List<ObjectNode> legs() {
		return List.copyOf(this.legs);
	}

	UisListQuery.Page callsReport(JsonNode params) {
		boolean ongoing = params.path("include_ongoing_calls").asBoolean(false);
		List<ObjectNode> rows = inPeriod(this.calls, params).stream()
			.filter((row) -> ongoing || !row.path("finish_time").isNull())
			.toList();
		return UisListQuery.apply(rows, params, CALL_COLUMNS, CALL_ARRAYS);
	}

	UisListQuery.Page callLegsReport(JsonNode params) {
		if (params.has("include_ongoing_calls")) {
			throw UisRpcError.unexpected("include_ongoing_calls");
		}
		return UisListQuery.apply(inPeriod(this.legs, params), params, LEG_COLUMNS, LEG_ARRAYS);
	}

	private static List<ObjectNode> inPeriod(List<ObjectNode> rows, JsonNode params) {
		String from = date(params, "date_from");
		String till = date(params, "date_till");
		LocalDateTime start = LocalDateTime.parse(from, DATE_TIME);
		LocalDateTime end = LocalDateTime.parse(till, DATE_TIME);
		if (end.isBefore(start)) {
			throw UisRpcError.invalid("date_till", till);
		}
		if (end.isAfter(start.plusMonths(3))) {
			throw UisRpcError.params("date_interval_limit_reached", "The date interval must not be more than 3 months",
					"date_till", till);
		}
		// The fixed format compares chronologically as text.
		return rows.stream().filter((row) -> {
			String time = row.path("start_time").asString("");
			return time.compareTo(from) >= 0 && time.compareTo(till) <= 0;
		}).toList();
	}

	private static String date(JsonNode params, String name) {
		JsonNode value = params.path(name);
		if (value.isMissingNode() || value.isNull()) {
			throw UisRpcError.missed(name);
		}
		if (!value.isString()) {
			throw UisRpcError.dataType(name, value.toString());
		}
		try {
			LocalDateTime.parse(value.asString(), DATE_TIME);
			return value.asString();
		}
		catch (DateTimeParseException ex) {
			throw UisRpcError.invalid(name, value.asString());
		}
	}

}
