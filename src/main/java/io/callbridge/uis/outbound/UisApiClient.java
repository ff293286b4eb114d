package io.callbridge.uis.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Text;
import io.callbridge.uis.outbound.UisApiException.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * UIS's Call API and Data API as typed calls: click-to-call
 * ({@code start.employee_call}), employees ({@code get.employees},
 * {@code update.employees}), virtual numbers, and the calls and legs reports (paged).
 * Failures are {@link UisApiException}s with UIS's own message.
 */
final class UisApiClient {

	/** The Data API's largest offset. */
	static final int MAX_OFFSET = 100_000;

	/** The page asked for (the Data API's default; its maximum is 10000). */
	static final int PAGE = 1000;

	/** The fields of {@code get.calls_report} the connector reads. */
	static final List<String> CALL_FIELDS = List.of("id", "start_time", "finish_time", "finish_reason", "direction",
			"is_lost", "contact_phone_number", "virtual_phone_number", "communication_id", "talk_duration",
			"wait_duration", "total_duration", "call_records", "full_record_file_link", "employees",
			"last_talked_employee_id", "last_answered_employee_id", "call_api_external_id", "source", "is_transfer");

	/** The fields of {@code get.call_legs_report} the connector reads. */
	static final List<String> LEG_FIELDS = List.of("id", "call_session_id", "start_time", "connect_time", "duration",
			"finish_reason", "direction", "is_operator", "employee_id", "employee_full_name", "is_talked",
			"call_records");

	private final UisJsonRpc rpc;

	UisApiClient(UisJsonRpc rpc) {
		this.rpc = rpc;
	}

	/**
	 * {@code start.employee_call}: UIS rings the employee first and, once they answer,
	 * the contact, connecting at once and letting the employee hear the contact's line.
	 * @return UIS's {@code call_session_id}
	 */
	String startEmployeeCall(UisAccess access, EmployeeCall call) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("first_call", "employee");
		params.put("switch_at_once", true);
		params.put("early_switching", true);
		params.put("direction", "out");
		params.put("virtual_phone_number", call.virtualNumber());
		params.put("contact", call.contact());
		params.put("external_id", call.externalId());
		params.put("employee", Map.of("id", call.employeeId()));
		JsonNode data = this.rpc.call(access, UisApi.CALL, "start.employee_call", params).path("data");
		String session = UisJson.text(data.path("call_session_id"));
		if (session == null) {
			throw UisApiException.of(Kind.UNREACHABLE, Text.of("uis.callWithoutSession"));
		}
		return session;
	}

	/** {@code get.employees}: every employee of the account. */
	List<Employee> employees(UisAccess access) {
		JsonNode data = this.rpc.call(access, UisApi.DATA, "get.employees", Map.of()).path("data");
		List<Employee> employees = new ArrayList<>();
		for (JsonNode row : data.values()) {
			Employee employee = Employee.of(row);
			if (employee != null) {
				employees.add(employee);
			}
		}
		return employees;
	}

	/** {@code update.employees}: the employee's status and whether UIS may call them. */
	void updateEmployee(UisAccess access, long employeeId, String status, boolean callsAvailable) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("id", employeeId);
		params.put("status", status);
		params.put("calls_available", callsAvailable);
		this.rpc.call(access, UisApi.DATA, "update.employees", params);
	}

	/** {@code get.virtual_numbers}: the account's virtual numbers and their status. */
	List<VirtualNumber> virtualNumbers(UisAccess access) {
		JsonNode data = this.rpc.call(access, UisApi.DATA, "get.virtual_numbers", Map.of()).path("data");
		List<VirtualNumber> numbers = new ArrayList<>();
		for (JsonNode row : data.values()) {
			String number = UisJson.text(row.path("virtual_phone_number"));
			if (number != null) {
				numbers.add(new VirtualNumber(number.replaceAll("\\D", ""),
						String.valueOf(UisJson.text(row.path("status")))));
			}
		}
		return numbers;
	}

	/**
	 * One page of {@code get.calls_report} for {@code [from, till]} (local dates, at most
	 * 3 months apart), optionally filtered.
	 */
	Page callsReport(UisAccess access, Instant from, Instant till, @Nullable Map<String, Object> filter, int offset) {
		return report(access, "get.calls_report", CALL_FIELDS, from, till, filter, offset);
	}

	/** Every leg of one call session ({@code get.call_legs_report}). */
	List<JsonNode> callLegs(UisAccess access, String callSessionId, Instant from, Instant till) {
		Map<String, Object> filter = Map.of("field", "call_session_id", "operator", "=", "value",
				Long.parseLong(callSessionId));
		return report(access, "get.call_legs_report", LEG_FIELDS, from, till, filter, 0).rows();
	}

	private Page report(UisAccess access, String method, List<String> fields, Instant from, Instant till,
			@Nullable Map<String, Object> filter, int offset) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("date_from", UisJson.format(from, access.zone()));
		params.put("date_till", UisJson.format(till, access.zone()));
		params.put("fields", fields);
		params.put("limit", PAGE);
		params.put("offset", offset);
		if (filter != null) {
			params.put("filter", filter);
		}
		JsonNode result = this.rpc.call(access, UisApi.DATA, method, params);
		List<JsonNode> rows = new ArrayList<>();
		result.path("data").values().forEach(rows::add);
		int total = UisJson.number(result.path("metadata").path("total_items"), rows.size() + offset);
		return new Page(List.copyOf(rows), total);
	}

	/**
	 * A click-to-call request.
	 *
	 * @param employeeId the UIS employee rung first
	 * @param contact the number called, E.164 digits without {@code +}
	 * @param virtualNumber the virtual number shown to the contact
	 * @param externalId our id of the request, echoed in notifications and reports
	 */
	record EmployeeCall(long employeeId, String contact, String virtualNumber, String externalId) {
	}

	/**
	 * An employee as {@code get.employees} lists them.
	 *
	 * @param id the employee's id
	 * @param fullName the full name
	 * @param extension the short internal number, if any
	 * @param phoneNumbers the active phone numbers, in dialling order
	 * @param status UIS's status, if given
	 */
	record Employee(String id, String fullName, @Nullable String extension, List<String> phoneNumbers,
			@Nullable String status) {

		static @Nullable Employee of(JsonNode row) {
			String id = UisJson.text(row.path("id"));
			if (id == null) {
				return null;
			}
			String name = UisJson.text(row.path("full_name"));
			if (name == null) {
				name = String
					.join(" ", nonNull(UisJson.text(row.path("first_name"))),
							nonNull(UisJson.text(row.path("last_name"))))
					.strip();
			}
			List<String> phones = new ArrayList<>();
			for (JsonNode phone : row.path("phone_numbers").values()) {
				String number = UisJson.text(phone.path("phone_number"));
				String status = UisJson.text(phone.path("status"));
				if (number != null && (status == null || "active".equalsIgnoreCase(status))) {
					phones.add(number);
				}
			}
			return new Employee(id, name.isEmpty() ? id : name,
					UisJson.text(row.path("extension").path("extension_phone_number")), List.copyOf(phones),
					UisJson.text(row.path("status")));
		}

		private static String nonNull(@Nullable String value) {
			return (value != null) ? value : "";
		}

	}

	/**
	 * A virtual number of the account.
	 *
	 * @param number its digits
	 * @param status UIS's status, e.g. {@code active}
	 */
	record VirtualNumber(String number, String status) {

		boolean active() {
			return "active".equalsIgnoreCase(this.status);
		}

	}

	/**
	 * One page of a report.
	 *
	 * @param rows its rows
	 * @param totalItems how many rows the whole report has ({@code metadata.total_items})
	 */
	record Page(List<JsonNode> rows, int totalItems) {
	}

}
