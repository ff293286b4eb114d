package io.callbridge.crm.retailcrm.outbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmRegistration;
import io.callbridge.crm.retailcrm.RetailCrm;

/**
 * Callbridge as a retailCRM integration module (protocol notes A2.2): the module's own
 * fields, and its telephony: the two URLs retailCRM calls ({@code makeCallUrl},
 * {@code changeUserStatusUrl}), all three live event types, each related manager's
 * {@code userId} with their code, and the stores' external numbers.
 */
final class RetailCrmModule {

	/** The module's name in retailCRM. */
	static final String NAME = "Callbridge";

	/** The logo (SVG) under the public address. */
	static final String LOGO = "/images/callbridge.svg";

	/** Where retailCRM sends click-to-call requests (the inbound adapter). */
	static final String MAKE_CALL = RetailCrm.MAKE_CALL_PATH;

	/** Where retailCRM sends its users' status changes (the inbound adapter). */
	static final String USER_STATUS = RetailCrm.USER_STATUS_PATH;

	private RetailCrmModule() {
	}

	/** The {@code integrationModule} field of {@code integration-modules/{code}/edit}. */
	static Map<String, Object> of(CrmConnection connection, RetailCrmSettings settings, CrmRegistration registration) {
		String base = registration.publicBaseUrl().strip().replaceAll("/+$", "");
		Map<String, Object> telephony = new LinkedHashMap<>();
		telephony.put("makeCallUrl", base + MAKE_CALL);
		telephony.put("changeUserStatusUrl", base + USER_STATUS);
		telephony.put("allowEdit", false);
		telephony.put("inputEventSupported", true);
		telephony.put("outputEventSupported", true);
		telephony.put("hangupEventSupported", true);
		telephony.put("additionalCodes", additionalCodes(registration.managers()));
		telephony.put("externalPhones",
				settings.externalPhones().stream().map(RetailCrmModule::externalPhone).toList());
		Map<String, Object> module = new LinkedHashMap<>();
		module.put("code", connection.integrationCode());
		module.put("integrationCode", connection.integrationCode());
		module.put("active", registration.active());
		module.put("name", NAME);
		module.put("logo", base + LOGO);
		module.put("clientId", connection.clientId());
		module.put("baseUrl", base);
		module.put("accountUrl", registration.connectionPageUrl());
		module.put("integrations", Map.of("telephony", telephony));
		return module;
	}

	/**
	 * The related managers' user ids that cannot be retailCRM users (not numbers): they
	 * are left out of the registration and reported as unknown to retailCRM.
	 */
	static List<String> impossibleUserIds(CrmRegistration registration) {
		List<String> ids = new ArrayList<>();
		for (CrmManager manager : registration.managers()) {
			if (manager.crmUserId() != null && !manager.crmUserId().isBlank()
					&& RetailCrmCalls.userId(manager.crmUserId()) == null) {
				ids.add(manager.crmUserId());
			}
		}
		return ids;
	}

	private static Map<String, Object> externalPhone(RetailCrmSettings.ExternalPhone phone) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("siteCode", phone.siteCode());
		json.put("externalPhone", phone.externalPhone());
		return json;
	}

	// Only managers with both: retailCRM maps a user id to a code.
	private static List<Map<String, Object>> additionalCodes(List<CrmManager> managers) {
		List<Map<String, Object>> codes = new ArrayList<>();
		for (CrmManager manager : managers) {
			Long userId = RetailCrmCalls.userId(manager.crmUserId());
			if (userId != null && manager.code() != null && !manager.code().isBlank()) {
				Map<String, Object> code = new LinkedHashMap<>();
				code.put("userId", userId);
				code.put("code", manager.code().strip());
				codes.add(code);
			}
		}
		return codes;
	}

}
