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
 * The account's users and integration modules (protocol notes A2.2): create-or-update by
 * {@code POST integration-modules/{code}/edit} with the module as JSON in the
 * {@code integrationModule} field, read back by {@code GET integration-modules/{code}}.
 * Telephony is enabled once an active module has an {@code integrations.telephony} block;
 * its {@code additionalCodes} are the codes {@code call/event} knows, less those whose
 * user does not exist (answered in {@code info.notExistUsersIds}).
 */
final class SimulatedRetailCrmModules {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final Set<Integer> users = ConcurrentHashMap.newKeySet();

	private final Map<String, JsonNode> modules = new ConcurrentHashMap<>();

	private final List<RetailCrmRegistration> registrations = new CopyOnWriteArrayList<>();

	void user(int id) {
		this.users.add(id);
	}

	boolean userExists(int id) {
		return this.users.contains(id);
	}

	Map<String, Object> edit(String code, RetailCrmRequest request) {
		JsonNode module = parse(request.field("integrationModule"));
		List<Integer> unknownUsers = validate(code, module);
		this.modules.put(code, module);
		this.registrations.add(new RetailCrmRegistration(code, module, unknownUsers));
		Map<String, Object> info = new LinkedHashMap<>();
		if (!unknownUsers.isEmpty()) {
			info.put("notExistUsersIds", unknownUsers);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", true);
		answer.put("info", info);
		return answer;
	}

	Map<String, Object> get(String code) {
		JsonNode module = this.modules.get(code);
		if (module == null) {
			throw RetailCrmRefusal.of(404, "Not found");
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", true);
		answer.put("integrationModule", module);
		return answer;
	}

	@Nullable JsonNode module(String code) {
		return this.modules.get(code);
	}

	List<RetailCrmRegistration> registrations() {
		return List.copyOf(this.registrations);
	}

	boolean telephonyEnabled() {
		return !telephonyModules().isEmpty();
	}

	/** The active telephony modules' telephony blocks, by module code. */
	Map<String, JsonNode> telephonyModules() {
		Map<String, JsonNode> active = new LinkedHashMap<>();
		this.modules.forEach((code, module) -> {
			JsonNode telephony = module.path("integrations").path("telephony");
			if (module.path("active").asBoolean(false) && telephony.isObject()) {
				active.put(code, module);
			}
		});
		return active;
	}

	/** The extension codes of existing users in the active telephony modules. */
	Set<String> knownCodes() {
		Set<String> codes = new LinkedHashSet<>();
		for (JsonNode module : telephonyModules().values()) {
			for (JsonNode entry : module.path("integrations").path("telephony").path("additionalCodes").values()) {
				if (userExists(entry.path("userId").asInt())) {
					codes.add(entry.path("code").asString());
				}
			}
		}
		return codes;
	}

	private static JsonNode parse(String json) {
		try {
			JsonNode module = JSON.readTree(json);
			if (module.isObject()) {
				return module;
			}
		}
		catch (JacksonException ex) {
			// refused below
		}
		throw RetailCrmRefusal.input(Map.of("integrationModule", RetailCrmFields.INVALID));
	}

	// Answers the user ids of additionalCodes that are not users of the account.
	private List<Integer> validate(String code, JsonNode module) {
		Map<String, String> errors = new LinkedHashMap<>();
		RetailCrmFields fields = new RetailCrmFields(module, "", errors);
		String sent = fields.string("code", true);
		if (sent != null && !sent.equals(code)) {
			fields.error("code", RetailCrmFields.INVALID);
		}
		fields.string("integrationCode", true);
		fields.string("name", true);
		fields.string("clientId", true);
		fields.url("baseUrl", true);
		fields.url("accountUrl", false);
		fields.url("logo", false);
		fields.bool("active");
		fields.bool("freeze");
		List<Integer> unknownUsers = new ArrayList<>();
		JsonNode integrations = fields.object("integrations");
		if (integrations != null) {
			RetailCrmFields block = new RetailCrmFields(integrations, "integrations.", errors);
			JsonNode telephony = block.object("telephony");
			if (telephony != null) {
				unknownUsers = telephony(new RetailCrmFields(telephony, "integrations.telephony.", errors));
			}
		}
		if (!errors.isEmpty()) {
			throw new RetailCrmRefusal(400, RetailCrmRefusal.ENTITY, errors);
		}
		return unknownUsers;
	}

	private List<Integer> telephony(RetailCrmFields telephony) {
		telephony.url("makeCallUrl", true);
		telephony.url("changeUserStatusUrl", false);
		for (String flag : List.of("allowEdit", "inputEventSupported", "outputEventSupported",
				"hangupEventSupported")) {
			telephony.bool(flag);
		}
		List<Integer> unknownUsers = new ArrayList<>();
		for (RetailCrmFields entry : telephony.objects("additionalCodes")) {
			Integer userId = entry.integer("userId", true, 1);
			entry.string("code", true);
			if (userId != null && !userExists(userId)) {
				unknownUsers.add(userId);
			}
		}
		for (RetailCrmFields phone : telephony.objects("externalPhones")) {
			phone.string("siteCode", true);
			phone.string("externalPhone", true);
		}
		return unknownUsers;
	}

}
