package io.callbridge.telephony;

import java.util.ArrayList;
import java.util.List;

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

	private AccountSettings() {
	}

	/** The typed fields of an account of {@code provider}. */
	public static List<SettingField> fieldsOf(TelephonyProvider provider) {
		List<SettingField> fields = new ArrayList<>();
		fields.add(SettingField.onOff(CREATE_LEADS, false));
		fields.add(SettingField.onOff(MISSED_CALL_TASKS, false));
		if (provider instanceof CallHistorySource) {
			fields.add(SettingField.onOff(RECONCILE, true));
		}
		fields.addAll(provider.settingFields());
		return List.copyOf(fields);
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
