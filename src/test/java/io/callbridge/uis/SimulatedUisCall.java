package io.callbridge.uis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call session as the {@link UisCallPlayer} plays it, collecting what the Data API
 * later reports: its {@code get.calls_report} row and one {@code get.call_legs_report}
 * row per leg (the contact's leg and each employee's), with the recording links.
 */
final class SimulatedUisCall {

	private static final JsonMapper JSON = JsonMapper.shared();

	final long sessionId;

	final String direction;

	final String contact;

	final String virtualNumber;

	final @Nullable String externalId;

	final String source;

	final Instant start;

	final List<Leg> legs = new ArrayList<>();

	@Nullable Instant answeredAt;

	@Nullable Instant end;

	String finishReason = "caller_disconnects";

	@Nullable String recordId;

	@Nullable String fileLink;

	SimulatedUisCall(long sessionId, String direction, String contact, String virtualNumber,
			@Nullable String externalId, String source, Instant start) {
		this.sessionId = sessionId;
		this.direction = direction;
		this.contact = contact;
		this.virtualNumber = virtualNumber;
		this.externalId = externalId;
		this.source = source;
		this.start = start;
	}

	long communicationId() {
		return this.sessionId + 500_000_000L;
	}

	Leg leg(long legId, long employeeId, String fullName, String phone, Instant at) {
		Leg leg = new Leg(legId, employeeId, fullName, phone, at);
		this.legs.add(leg);
		return leg;
	}

	int waitSeconds() {
		Instant answered = (this.answeredAt != null) ? this.answeredAt : end();
		return (int) Duration.between(this.start, answered).toSeconds();
	}

	int talkSeconds() {
		return this.legs.stream().mapToInt(Leg::talkSeconds).sum();
	}

	int totalSeconds() {
		return (int) Duration.between(this.start, end()).toSeconds();
	}

	boolean lost() {
		return this.legs.stream().noneMatch((l) -> l.talked);
	}

	/** The get.calls_report row (every column present, null when there is nothing). */
	ObjectNode callRow(ZoneId zone) {
		ObjectNode row = JSON.createObjectNode();
		SimulatedUisReports.CALL_COLUMNS.forEach(row::putNull);
		List<Leg> talked = this.legs.stream().filter((l) -> l.talked).toList();
		row.put("id", this.sessionId)
			.put("start_time", local(this.start, zone))
			.put("finish_time", local(end(), zone))
			.put("finish_reason", this.finishReason)
			.put("direction", this.direction)
			.put("source", this.source)
			.put("is_lost", "in".equals(this.direction) && lost())
			.put("contact_phone_number", this.contact)
			.put("communication_id", communicationId())
			.put("communication_type", "call")
			.put("virtual_phone_number", this.virtualNumber)
			.put("is_transfer", talked.size() > 1)
			.put("wait_duration", waitSeconds())
			.put("total_wait_duration", waitSeconds())
			.put("talk_duration", talkSeconds())
			.put("clean_talk_duration", talkSeconds())
			.put("total_duration", totalSeconds())
			.put("postprocess_duration", 0)
			.put("call_api_external_id", this.externalId);
		row.set("call_records", records());
		row.set("wav_call_records", JSON.createArrayNode());
		row.set("voice_mail_records", JSON.createArrayNode());
		row.set("tags", JSON.createArrayNode());
		row.put("full_record_file_link", this.fileLink);
		ArrayNode employees = row.putArray("employees");
		this.legs.forEach((l) -> employees.addObject()
			.put("employee_id", l.employeeId)
			.put("employee_full_name", l.fullName)
			.put("is_answered", l.talked)
			.put("is_talked", l.talked));
		if (!talked.isEmpty()) {
			Leg first = talked.get(0);
			Leg last = talked.get(talked.size() - 1);
			row.put("first_answered_employee_id", first.employeeId)
				.put("first_answered_employee_full_name", first.fullName)
				.put("first_talked_employee_id", first.employeeId)
				.put("first_talked_employee_full_name", first.fullName)
				.put("last_answered_employee_id", last.employeeId)
				.put("last_answered_employee_full_name", last.fullName)
				.put("last_talked_employee_id", last.employeeId)
				.put("last_talked_employee_full_name", last.fullName)
				.put("operator_phone_number", last.phone);
		}
		return row;
	}

	/** The get.call_legs_report rows: the contact's leg, then each employee's. */
	List<ObjectNode> legRows(ZoneId zone) {
		List<ObjectNode> rows = new ArrayList<>();
		ObjectNode contactLeg = legRow(zone, this.sessionId * 10, this.start);
		contactLeg.put("is_operator", false)
			.put("duration", talkSeconds())
			.put("total_duration", totalSeconds())
			.put("is_talked", talkSeconds() > 0)
			.put("is_failed", false)
			.put("connect_time", local(this.start, zone));
		rows.add(contactLeg);
		for (Leg leg : this.legs) {
			ObjectNode row = legRow(zone, leg.id, leg.start);
			row.put("is_operator", true)
				.put("employee_id", leg.employeeId)
				.put("employee_full_name", leg.fullName)
				.put("employee_phone_number", leg.phone)
				.put("duration", leg.talkSeconds())
				.put("total_duration", (int) Duration.between(leg.start, leg.end()).toSeconds())
				.put("is_talked", leg.talked)
				.put("is_failed", !leg.talked)
				.put("is_transfered", this.legs.indexOf(leg) > 0 && leg.talked)
				.put("finish_reason", leg.talked ? this.finishReason : "operator_not_responsive")
				.put("connect_time", (leg.connect != null) ? local(leg.connect, zone) : null);
			if (leg.talked) {
				row.set("call_records", records());
			}
			rows.add(row);
		}
		return rows;
	}

	private ObjectNode legRow(ZoneId zone, long id, Instant start) {
		ObjectNode row = JSON.createObjectNode();
		SimulatedUisReports.LEG_COLUMNS.forEach(row::putNull);
		boolean in = "in".equals(this.direction);
		row.put("id", id)
			.put("call_session_id", this.sessionId)
			.put("start_time", local(start, zone))
			.put("finish_reason", this.finishReason)
			.put("virtual_phone_number", this.virtualNumber)
			.put("calling_phone_number", in ? this.contact : this.virtualNumber)
			.put("called_phone_number", in ? this.virtualNumber : this.contact)
			.put("direction", this.direction)
			.put("is_transfered", false)
			.put("is_coach", false)
			.put("contact_phone_number", this.contact);
		row.set("call_records", JSON.createArrayNode());
		return row;
	}

	private ArrayNode records() {
		ArrayNode records = JSON.createArrayNode();
		if (this.recordId != null) {
			records.add(this.recordId);
		}
		return records;
	}

	private Instant end() {
		return (this.end != null) ? this.end : this.start;
	}

	static String local(Instant instant, ZoneId zone) {
		return SimulatedUisReports.DATE_TIME.format(LocalDateTime.ofInstant(instant, zone));
	}

	/** One employee's leg: when it rang, when it connected and when it ended. */
	static final class Leg {

		final long id;

		final long employeeId;

		final String fullName;

		final String phone;

		final Instant start;

		@Nullable Instant connect;

		@Nullable Instant finish;

		boolean talked;

		Leg(long id, long employeeId, String fullName, String phone, Instant start) {
			this.id = id;
			this.employeeId = employeeId;
			this.fullName = fullName;
			this.phone = phone;
			this.start = start;
		}

		int talkSeconds() {
			return (this.talked && this.connect != null) ? (int) Duration.between(this.connect, end()).toSeconds() : 0;
		}

		Instant end() {
			return (this.finish != null) ? this.finish : this.start;
		}

	}

}
