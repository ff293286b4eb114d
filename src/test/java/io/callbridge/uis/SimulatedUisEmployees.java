package io.callbridge.uis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated account's employees (protocol notes B6.4, B6.5): {@code get.employees}
 * with the documented fields (extension, phone numbers in dialling order, the deprecated
 * {@code status} and {@code calls_available} still kept), and {@code update.employees} as
 * a partial update by {@code id} where an array parameter replaces the stored array.
 */
public final class SimulatedUisEmployees {

	static final Set<String> STATUSES = Set.of("available", "break", "do_not_disturb", "not_at_workplace",
			"not_at_work", "auto_out_call", "unknown");

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("id", "login", "first_name", "last_name",
			"patronymic", "full_name", "email", "status", "status_id", "calls_available", "allowed_in_call_types",
			"allowed_out_call_types", "in_external_allowed_call_directions", "in_internal_allowed_call_directions",
			"out_external_allowed_call_directions", "out_internal_allowed_call_directions", "call_recording",
			"schedule_id", "schedule_name", "coach", "groups", "phone_numbers", "extension", "operator"));

	private static final Set<String> UNFILTERABLE = Set.of("coach", "groups", "phone_numbers", "extension", "operator");

	private static final Set<String> SETTABLE = Set.of("first_name", "last_name", "patronymic", "status", "status_id",
			"calls_available", "allowed_in_call_types", "allowed_out_call_types", "in_external_allowed_call_directions",
			"in_internal_allowed_call_directions", "out_external_allowed_call_directions",
			"out_internal_allowed_call_directions", "email", "call_recording", "schedule_id", "coach", "groups",
			"phone_numbers", "extension", "operator");

	private final Map<Long, ObjectNode> employees = new ConcurrentSkipListMap<>();

	private final AtomicLong phoneIds = new AtomicLong(9000);

	/**
	 * Adds an employee, available, with active phone numbers.
	 * @param id the employee id
	 * @param firstName first name
	 * @param lastName last name
	 * @param extension the short internal number, or null
	 * @param phones active phone numbers, in dialling order
	 */
	public void add(long id, String firstName, String lastName, @Nullable String extension, String... phones) {
		ObjectNode employee = JSON.createObjectNode();
		COLUMNS.forEach((column) -> employee.putNull(column));
		employee.put("id", id)
			.put("login", firstName.toLowerCase() + id)
			.put("first_name", firstName)
			.put("last_name", lastName)
			.put("status", "available")
			.put("calls_available", true)
			.put("call_recording", "all");
		employee.set("allowed_in_call_types", JSON.createArrayNode().add("internal").add("external"));
		employee.set("allowed_out_call_types", JSON.createArrayNode().add("internal").add("external"));
		employee.set("groups", JSON.createArrayNode());
		ArrayNode numbers = employee.putArray("phone_numbers");
		for (String phone : phones) {
			numbers.add(phone(phone, "active"));
		}
		if (extension != null) {
			employee.putObject("extension")
				.put("extension_phone_number", extension)
				.put("extension_voice_mail_enabled", false)
				.put("extension_queue_enabled", false);
		}
		fullName(employee);
		this.employees.put(id, employee);
	}

	/**
	 * Marks every phone number of the employee inactive (UIS then refuses to call them).
	 */
	public void deactivatePhones(long id) {
		for (JsonNode phone : employee(id).path("phone_numbers")) {
			((ObjectNode) phone).put("status", "inactive");
		}
	}

	/** The employee as get.employees shows it (a copy), or null. */
	public @Nullable ObjectNode find(long id) {
		ObjectNode employee = this.employees.get(id);
		return (employee != null) ? employee.deepCopy() : null;
	}

	/** The deprecated status and calls_available, as UIS last stored them. */
	public String status(long id) {
		return employee(id).path("status").asString();
	}

	public boolean callsAvailable(long id) {
		return employee(id).path("calls_available").asBoolean();
	}

	String fullName(long id) {
		return employee(id).path("full_name").asString();
	}

	/** The employee's active numbers, in dialling order. */
	List<String> activePhones(long id) {
		List<String> active = new ArrayList<>();
		for (JsonNode phone : employee(id).path("phone_numbers")) {
			if ("active".equals(phone.path("status").asString())) {
				active.add(phone.path("phone_number").asString());
			}
		}
		return active;
	}

	boolean exists(long id) {
		return this.employees.containsKey(id);
	}

	UisListQuery.Page get(JsonNode params) {
		return UisListQuery.apply(new ArrayList<>(this.employees.values()), params, COLUMNS, UNFILTERABLE);
	}

	/**
	 * update.employees: validates everything first, then applies, so a refusal changes
	 * nothing.
	 */
	void update(JsonNode params) {
		JsonNode id = params.path("id");
		if (id.isMissingNode() || id.isNull()) {
			throw UisRpcError.missed("id");
		}
		if (!id.isIntegralNumber()) {
			throw UisRpcError.dataType("id", id.toString());
		}
		ObjectNode employee = this.employees.get(id.asLong());
		if (employee == null) {
			throw UisRpcError.params("entity_not_found", "Employee with id " + id.asLong() + " not found", "id",
					id.asLong());
		}
		ObjectNode changes = JSON.createObjectNode();
		for (Map.Entry<String, JsonNode> param : params.properties()) {
			String name = param.getKey();
			if (!name.equals("id") && !name.equals("access_token") && !name.equals("user_id")) {
				changes.set(name, checked(name, param.getValue()));
			}
		}
		synchronized (employee) {
			changes.properties().forEach((change) -> apply(employee, change.getKey(), change.getValue()));
			fullName(employee);
		}
	}

	private JsonNode checked(String name, JsonNode value) {
		if (!SETTABLE.contains(name)) {
			throw UisRpcError.unexpected(name);
		}
		return switch (name) {
			case "status" -> {
				if (!value.isString()) {
					throw UisRpcError.dataType(name, value.toString());
				}
				if (!STATUSES.contains(value.asString()) || value.asString().equals("unknown")) {
					throw UisRpcError.invalid(name, value.asString());
				}
				yield value;
			}
			case "calls_available" -> {
				if (!value.isBoolean()) {
					throw UisRpcError.dataType(name, value.toString());
				}
				yield value;
			}
			case "phone_numbers" -> phones(value);
			default -> value;
		};
	}

	private ArrayNode phones(JsonNode value) {
		if (!value.isArray()) {
			throw UisRpcError.dataType("phone_numbers", value.toString());
		}
		ArrayNode phones = JSON.createArrayNode();
		for (JsonNode item : value) {
			if (!item.path("phone_number").isString()) {
				throw UisRpcError.missed("phone_number");
			}
			ObjectNode phone = phone(item.path("phone_number").asString(), item.path("status").asString("active"));
			item.properties().forEach((e) -> phone.set(e.getKey(), e.getValue()));
			phones.add(phone);
		}
		return phones;
	}

	// Arrays replace the stored array; objects (extension, coach, operator) are merged by
	// key.
	private static void apply(ObjectNode employee, String name, JsonNode value) {
		JsonNode stored = employee.get(name);
		if (value.isObject() && stored != null && stored.isObject()) {
			value.properties().forEach((e) -> ((ObjectNode) stored).set(e.getKey(), e.getValue()));
		}
		else {
			employee.set(name, value.deepCopy());
		}
	}

	private ObjectNode phone(String number, String status) {
		return JSON.createObjectNode()
			.put("phone_id", this.phoneIds.incrementAndGet())
			.put("phone_number", number)
			.put("channels_count", 1)
			.put("dial_time", 60)
			.put("status", status);
	}

	private static void fullName(ObjectNode employee) {
		StringBuilder name = new StringBuilder();
		for (String part : List.of("last_name", "first_name", "patronymic")) {
			String value = employee.path(part).asString("");
			if (!value.isBlank()) {
				name.append(name.isEmpty() ? "" : " ").append(value);
			}
		}
		employee.put("full_name", name.toString());
	}

	private ObjectNode employee(long id) {
		ObjectNode employee = this.employees.get(id);
		if (employee == null) {
			throw new IllegalArgumentException("No simulated employee " + id);
		}
		return employee;
	}

}
