package io.callbridge.telephony;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider-neutral account settings the core's rules read, switched per account, and
 * the typed fields of any account: these first, then the provider's own.
 */
public final class AccountSettings {

	/** Create a contact (lead) for a caller whose number is unknown (guide item 6). */
	public static final String CREATE_LEADS = "createLeads";

	/** Create a call-back task for a missed inbound call (guide item 9). */
	public static final String MISSED_CALL_TASKS = "missedCallTasks";

	/** Reconcile calls with the provider's history on a schedule. */
	public static final String RECONCILE = "reconcile";

	/**
	 * Further caller identities (endpoints, e.g. a private one) agents may call from,
	 * comma-separated.
	 */
	public static final String CALLER_IDENTITIES = "callerIdentities";

	/**
	 * Whether a known caller is sent straight to their responsible agent when the call
	 * starts (guide item 7), for providers that route at call start (Zadarma, the
	 * sandbox).
	 */
	public static final String ROUTE_TO_RESPONSIBLE = "routeToResponsible";

	/**
	 * The account's default responsible agent (an agent id), set on the account's
	 * Extensions page; the agents module reads it.
	 */
	public static final String DEFAULT_RESPONSIBLE = "defaultResponsibleId";

	/**
	 * The source addresses a provider's webhooks are accepted from (comma-separated IPv4
	 * addresses or ranges; empty accepts any), for providers that declare it.
	 */
	public static final String ALLOWED_IPS = "allowedIps";

	private AccountSettings() {
	}

	/**
	 * Every setting an account of {@code provider} may have: the provider-neutral ones
	 * first, then the provider's own. Any other key is refused when an account is saved.
	 */
	public static List<SettingField> fieldsOf(TelephonyProvider provider) {
		Map<String, SettingField> fields = new LinkedHashMap<>();
		fields.put(CREATE_LEADS, SettingField.onOff(CREATE_LEADS, false));
		fields.put(MISSED_CALL_TASKS, SettingField.onOff(MISSED_CALL_TASKS, false));
		if (provider instanceof CallHistorySource) {
			fields.put(RECONCILE, SettingField.onOff(RECONCILE, true));
		}
		provider.settingFields().forEach((field) -> fields.put(field.key(), field));
		if (!provider.simulated()) {
			fields.putIfAbsent(CALLER_IDENTITIES, SettingField.of(CALLER_IDENTITIES, SettingField.Kind.ENDPOINTS, ""));
		}
		fields.put(DEFAULT_RESPONSIBLE,
				SettingField.of(DEFAULT_RESPONSIBLE, SettingField.Kind.NUMBER, "").managedElsewhere());
		return List.copyOf(fields.values());
	}

	/** The account's source-address allow-list as stored; empty when it accepts any. */
	public static String allowedIps(TelephonyAccount account) {
		return account.settings().getOrDefault(ALLOWED_IPS, "").strip();
	}

	/** The account's further caller identities, in the order given. */
	public static List<String> callerIdentities(TelephonyAccount account) {
		return java.util.Arrays.stream(account.settings().getOrDefault(CALLER_IDENTITIES, "").split(","))
			.map(String::strip)
			.filter((s) -> !s.isEmpty())
			.distinct()
			.toList();
	}

	/** Whether the switch {@code key} is on in {@code account}, given its default. */
	public static boolean isOn(TelephonyAccount account, String key, boolean defaultOn) {
		String value = account.settings().get(key);
		return (value == null || value.isBlank()) ? defaultOn : "true".equalsIgnoreCase(value.strip());
	}

}
