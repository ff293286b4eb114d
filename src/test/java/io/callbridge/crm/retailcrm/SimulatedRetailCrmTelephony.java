package io.callbridge.crm.retailcrm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * retailCRM's telephony methods (protocol notes A3–A5): {@code call/event} with its
 * enums, {@code notExistCodes} and {@code notExistUsers}; {@code calls/upload} of at most
 * 50 calls with {@code processedCallsCount} and {@code duplicateCalls} (whether a
 * duplicate replaces the stored call is a switch, the notes leave it open); and the
 * {@code telephony/manager} lookup from a table a test fills. All of them answer
 * "Telephony not enabled" until an active module with a telephony block is registered.
 */
final class SimulatedRetailCrmTelephony {

	static final Set<String> EVENT_TYPES = Set.of("in", "out", "hangup");

	static final Set<String> HANGUP_STATUSES = Set.of("answered", "busy", "cancel", "failed", "no answered");

	static final Set<String> CALL_TYPES = Set.of("in", "out");

	static final Set<String> RESULTS = Set.of("answered", "busy", "failed", "no answer", "not allowed", "unknown");

	static final int MAX_CALLS = 50;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final SimulatedRetailCrmModules modules;

	private final List<RetailCrmEvent> events = new CopyOnWriteArrayList<>();

	private final List<RetailCrmUpload> uploads = new CopyOnWriteArrayList<>();

	private final Map<String, RetailCrmCall> calls = new ConcurrentHashMap<>();

	private final Map<String, Lookup> directory = new ConcurrentHashMap<>();

	private final List<String> lookups = new CopyOnWriteArrayList<>();

	volatile boolean strictCodes = true;

	volatile boolean duplicatesUpdate;

	SimulatedRetailCrmTelephony(SimulatedRetailCrmModules modules) {
		this.modules = modules;
	}

	Map<String, Object> event(RetailCrmRequest request) {
		JsonNode event = parse(request.field("event"), "event", false);
		requireTelephony("Telephony not enabled");
		Map<String, String> errors = new LinkedHashMap<>();
		RetailCrmFields fields = new RetailCrmFields(event, "", errors);
		String phone = fields.string("phone", true);
		String type = fields.oneOf("type", true, EVENT_TYPES);
		List<String> codes = fields.strings("codes");
		List<Integer> userIds = fields.integers("userIds");
		String hangupStatus = fields.oneOf("hangupStatus", false, HANGUP_STATUSES);
		String externalPhone = fields.string("externalPhone", false);
		String callExternalId = fields.string("callExternalId", false);
		String site = fields.string("site", false);
		fields.object("webAnalyticsData");
		if (this.strictCodes && codes.isEmpty() && userIds.isEmpty() && !errors.containsKey("codes")) {
			fields.error("codes", RetailCrmFields.BLANK);
		}
		refuseIf(errors);
		Set<String> known = this.modules.knownCodes();
		List<String> notExistCodes = codes.stream().filter((code) -> !known.contains(code)).toList();
		List<Integer> notExistUsers = userIds.stream().filter((id) -> !this.modules.userExists(id)).toList();
		this.events.add(new RetailCrmEvent(type, phone, codes, userIds, hangupStatus, externalPhone, callExternalId,
				site, notExistCodes, notExistUsers, event));
		Map<String, Object> answer = success();
		if (!notExistCodes.isEmpty()) {
			answer.put("notExistCodes", notExistCodes);
		}
		if (!notExistUsers.isEmpty()) {
			answer.put("notExistUsers", notExistUsers);
		}
		return answer;
	}

	Map<String, Object> upload(RetailCrmRequest request) {
		JsonNode sent = parse(request.field("calls"), "calls", true);
		if (sent.isEmpty()) {
			throw RetailCrmRefusal.input(Map.of("calls", RetailCrmFields.BLANK));
		}
		if (sent.size() > MAX_CALLS) {
			throw RetailCrmRefusal
				.input(Map.of("calls", "This collection should contain " + MAX_CALLS + " elements or less."));
		}
		requireTelephony("Telephony not enabled or not supports calls upload");
		List<RetailCrmCall> read = readCalls(sent);
		synchronized (this) {
			return store(read);
		}
	}

	Map<String, Object> manager(RetailCrmRequest request) {
		String phone = request.parameter("phone");
		requireTelephony("Telephony not enabled");
		this.lookups.add(phone);
		Lookup found = this.directory.get(digits(phone));
		Map<String, Object> answer = success();
		if (found == null) {
			return answer;
		}
		RetailCrmManager manager = found.manager();
		boolean ignoreStatus = "1".equals(request.query().get("ignoreStatus"));
		if (manager != null && (ignoreStatus || "free".equals(manager.status()))) {
			answer.put("manager", managerJson(manager));
		}
		if ("1".equals(request.query().get("details")) && found.customer() != null) {
			answer.put("customer", customerJson(found.customer()));
			answer.put("links", links(found.customer()));
		}
		return answer;
	}

	void directory(String phone, @Nullable RetailCrmManager manager, @Nullable RetailCrmCustomer customer) {
		this.directory.put(digits(phone), new Lookup(manager, customer));
	}

	List<RetailCrmEvent> events() {
		return List.copyOf(this.events);
	}

	List<RetailCrmUpload> uploads() {
		return List.copyOf(this.uploads);
	}

	Map<String, RetailCrmCall> calls() {
		return Map.copyOf(this.calls);
	}

	List<String> lookups() {
		return List.copyOf(this.lookups);
	}

	private List<RetailCrmCall> readCalls(JsonNode sent) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<RetailCrmCall> read = new ArrayList<>();
		int index = 0;
		for (JsonNode call : sent.values()) {
			if (!call.isObject()) {
				errors.put("calls[" + index + "]", RetailCrmFields.INVALID);
			}
			else {
				read.add(readCall(new RetailCrmFields(call, "calls[" + index + "].", errors)));
			}
			index++;
		}
		refuseIf(errors);
		return read;
	}

	private static RetailCrmCall readCall(RetailCrmFields call) {
		RetailCrmCall read = new RetailCrmCall(call.date("date", true), call.oneOf("type", true, CALL_TYPES),
				call.string("phone", true), call.string("code", false), call.integer("userId", false, 1),
				call.oneOf("result", false, RESULTS), call.integer("duration", false, 0),
				call.integer("durationWaiting", false, 0), call.string("externalId", false),
				call.url("recordUrl", false), call.string("externalPhone", false), call.node());
		call.string("site", false);
		call.string("clientId", false);
		call.object("source");
		return read;
	}

	private Map<String, Object> store(List<RetailCrmCall> read) {
		Set<String> duplicates = new LinkedHashSet<>();
		Set<String> seen = new LinkedHashSet<>();
		int processed = 0;
		for (RetailCrmCall call : read) {
			String id = call.externalId();
			boolean duplicate = id != null && (this.calls.containsKey(id) || !seen.add(id));
			if (duplicate) {
				duplicates.add(id);
			}
			if (!duplicate || this.duplicatesUpdate) {
				if (id != null) {
					this.calls.put(id, call);
				}
				processed++;
			}
		}
		this.uploads.add(new RetailCrmUpload(read, processed, List.copyOf(duplicates)));
		Map<String, Object> answer = success();
		answer.put("processedCallsCount", processed);
		answer.put("duplicateCalls", List.copyOf(duplicates));
		return answer;
	}

	private void requireTelephony(String message) {
		if (!this.modules.telephonyEnabled()) {
			throw RetailCrmRefusal.of(400, message);
		}
	}

	private static JsonNode parse(String json, String field, boolean array) {
		try {
			JsonNode node = JSON.readTree(json);
			if (array ? node.isArray() : node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// refused below
		}
		throw RetailCrmRefusal.input(Map.of(field, RetailCrmFields.INVALID));
	}

	private static void refuseIf(Map<String, String> errors) {
		if (!errors.isEmpty()) {
			throw RetailCrmRefusal.input(errors);
		}
	}

	private static Map<String, Object> success() {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", true);
		return answer;
	}

	private static Map<String, Object> managerJson(RetailCrmManager manager) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", manager.id());
		json.put("firstName", manager.firstName());
		json.put("lastName", manager.lastName());
		json.put("email", manager.email());
		if (manager.code() != null) {
			json.put("code", manager.code());
		}
		return json;
	}

	private static Map<String, Object> customerJson(RetailCrmCustomer customer) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", customer.id());
		json.put("firstName", customer.firstName());
		json.put("lastName", customer.lastName());
		json.put("phones", List.of(Map.of("number", customer.phone())));
		return json;
	}

	private static Map<String, Object> links(RetailCrmCustomer customer) {
		String base = "https://shop.retailcrm.example";
		return Map.of("newOrderLink", base + "/orders/add?customerId=" + customer.id(), "customerLink",
				base + "/customers/" + customer.id());
	}

	// retailCRM finds a customer's phone whatever its formatting [inf]: compare the
	// digits.
	private static String digits(String phone) {
		return phone.replaceAll("\\D", "");
	}

	private record Lookup(@Nullable RetailCrmManager manager, @Nullable RetailCrmCustomer customer) {
	}

}
