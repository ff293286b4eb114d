package io.callbridge.uis;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated account's {@code start.employee_call} (protocol notes B4.1) with the
 * account facts it checks: the virtual numbers ({@code get.virtual_numbers}, B6.6), the
 * blacklist and the call-security rule that forbids international calls by default. Every
 * documented refusal is reproduced; an accepted call gets the next numeric
 * {@code call_session_id}.
 */
public final class SimulatedUisCallApi {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Set<String> PARAMS = Set.of("access_token", "first_call", "switch_at_once", "early_switching",
			"media_file_id", "virtual_phone_number", "virtual_phone_usage_rule", "show_virtual_phone_number", "contact",
			"external_id", "dtmf_string", "direction", "employee", "contact_message", "employee_message");

	private static final Set<String> USAGE_RULES = Set.of("fixed", "fixed_for_numa", "random", "regional_random",
			"regional_fixed_for_numa");

	private final SimulatedUisEmployees employees;

	private final AtomicLong sessionIds;

	private final Map<String, ObjectNode> numbers = new ConcurrentHashMap<>();

	private final Set<String> blacklist = ConcurrentHashMap.newKeySet();

	private final Set<Long> mediaFiles = ConcurrentHashMap.newKeySet();

	private final List<JsonNode> started = new CopyOnWriteArrayList<>();

	private volatile String homeCountryCode = "7";

	private volatile boolean internationalAllowed;

	private volatile int ttsMaxLength = 1000;

	SimulatedUisCallApi(SimulatedUisEmployees employees, AtomicLong sessionIds) {
		this.employees = employees;
		this.sessionIds = sessionIds;
	}

	/**
	 * Adds a virtual number of the account with its status ({@code active},
	 * {@code waiting}…).
	 */
	public void addVirtualNumber(String number, String status) {
		ObjectNode row = JSON.createObjectNode()
			.put("id", 100 + this.numbers.size())
			.put("virtual_phone_number", number)
			.putNull("redirection_phone_number")
			.put("activation_date", "2024-01-01")
			.put("status", status)
			.put("category", "external")
			.put("type", "va");
		this.numbers.put(number, row);
	}

	public void blacklist(String contact) {
		this.blacklist.add(contact);
	}

	public void addMediaFile(long id) {
		this.mediaFiles.add(id);
	}

	/**
	 * The account's home country (calls elsewhere are international) and whether they are
	 * allowed.
	 */
	public void internationalCalls(String homeCountryCode, boolean allowed) {
		this.homeCountryCode = homeCountryCode;
		this.internationalAllowed = allowed;
	}

	public void ttsMaxLength(int length) {
		this.ttsMaxLength = length;
	}

	/** Every accepted start.employee_call's params, in order. */
	public List<JsonNode> started() {
		return List.copyOf(this.started);
	}

	UisListQuery.Page virtualNumbers(JsonNode params) {
		return UisListQuery.apply(List.copyOf(this.numbers.values()), params, Set.of("id", "virtual_phone_number",
				"redirection_phone_number", "activation_date", "status", "category", "type"), Set.of());
	}

	/** Validates a start.employee_call; returns its new call_session_id. */
	long startEmployeeCall(JsonNode params) {
		UisParams p = new UisParams(params, PARAMS);
		String firstCall = p.requiredEnum("first_call", Set.of("employee", "contact"));
		String virtualNumber = p.requiredString("virtual_phone_number");
		String contact = p.requiredString("contact");
		JsonNode employee = p.requiredObject("employee");
		long employeeId = new UisParams(employee, Set.of("id", "phone_number")).requiredLong("id");
		boolean switchAtOnce = p.optionalBoolean("switch_at_once", false);
		boolean earlySwitching = p.optionalBoolean("early_switching", false);
		p.optionalBoolean("show_virtual_phone_number", true);
		p.optionalEnum("direction", Set.of("in", "out"));
		p.optionalEnum("virtual_phone_usage_rule", USAGE_RULES);
		p.optionalString("external_id");
		String dtmf = p.optionalString("dtmf_string");
		if (dtmf != null && !dtmf.matches("[0-9*#.]*")) {
			throw UisRpcError.invalid("dtmf_string", dtmf);
		}
		message(p, "contact_message");
		message(p, "employee_message");
		if (earlySwitching && !(firstCall.equals("employee") && switchAtOnce)) {
			throw UisRpcError.params("invalid_parameters_combination", "The combination of parameters is not permitted",
					"early_switching", true);
		}
		media(p);
		checkEmployee(employeeId, employee.path("phone_number"));
		checkNumbers(virtualNumber, contact);
		this.started.add(params.deepCopy());
		return this.sessionIds.incrementAndGet();
	}

	private void message(UisParams p, String name) {
		JsonNode message = p.optionalObject(name);
		if (message == null) {
			return;
		}
		UisParams m = new UisParams(message, Set.of("type", "value"));
		String type = m.requiredEnum("type", Set.of("media", "tts"));
		String value = m.requiredString("value");
		if (type.equals("tts") && value.length() > this.ttsMaxLength) {
			throw UisRpcError.params("tts_text_exceeded", "The maximum length of Text-to-Speech message is "
					+ this.ttsMaxLength + ". The length of your message is " + value.length(), name, value.length());
		}
	}

	private void media(UisParams p) {
		Long media = p.optionalLong("media_file_id");
		if (media != null && !this.mediaFiles.contains(media)) {
			throw UisRpcError.params("media_file_not_found", "The media file with id " + media + " not found",
					"media_file_id", media);
		}
	}

	private void checkEmployee(long employeeId, JsonNode phoneNumber) {
		if (!this.employees.exists(employeeId)) {
			throw UisRpcError.params("employee_not_found",
					"Employee with id " + employeeId + " not found. It is not your employee.", "employee.id",
					employeeId);
		}
		List<String> active = this.employees.activePhones(employeeId);
		boolean usable = (phoneNumber.isMissingNode() || phoneNumber.isNull()) ? !active.isEmpty()
				: active.contains(phoneNumber.asString());
		if (!usable) {
			throw UisRpcError.params("no_active_phone_number", "The phone number does not exist or inactive",
					"employee.phone_number", phoneNumber.isString() ? phoneNumber.asString() : null);
		}
	}

	private void checkNumbers(String virtualNumber, String contact) {
		ObjectNode number = this.numbers.get(virtualNumber);
		if (number == null || !"active".equals(number.path("status").asString())) {
			throw new UisRpcError(-32007, "virtual_phone_number_not_found",
					"Virtual phone number " + virtualNumber + " not found. It is not your virtual phone number.",
					"virtual_phone_number", virtualNumber);
		}
		if (!contact.matches("\\d{6,15}")) {
			throw UisRpcError.invalid("contact", contact);
		}
		if (this.numbers.containsKey(contact)) {
			throw UisRpcError.params("own_virtual_phone_number_not_allowed",
					"Parameter `contact` can not contain own virtual phone number", "contact", contact);
		}
		if (this.blacklist.contains(contact)) {
			throw new UisRpcError(-32002, "contact_in_blacklist",
					"The contact " + contact + " has been found in the blacklist", "contact", contact);
		}
		if (!contact.startsWith(this.homeCountryCode) && !this.internationalAllowed) {
			// The mnemonic of this refusal is not documented (only its code group);
			// "forbidden" is ours.
			throw new UisRpcError(-32002, "forbidden", "Calls to international numbers are forbidden", "contact",
					contact);
		}
	}

}
