package io.callbridge.telephony;

import java.util.List;
import java.util.Optional;

/**
 * The provider-neutral settings of any account, which the core's rules read: the switches
 * of the call-end rules, reconciliation, further caller identities and the account's
 * default responsible agent. Read with {@link #of}, never from the stored map.
 *
 * @param createLeads create a contact for an unknown caller (guide item 6)
 * @param missedCallTasks create a call-back task for a missed inbound call (guide item 9)
 * @param reconcile reconcile calls with the provider's history on a schedule
 * @param callerIdentities further caller identities agents may call from, in the order
 * given
 * @param defaultResponsible the account's default responsible agent, if set
 */
public record CommonSettings(boolean createLeads, boolean missedCallTasks, boolean reconcile,
		List<String> callerIdentities, Optional<Long> defaultResponsible) {

	/** Off by default. */
	public static final SettingField CREATE_LEADS = SettingField.onOff(AccountSettings.CREATE_LEADS, false);

	/** Off by default. */
	public static final SettingField MISSED_CALL_TASKS = SettingField.onOff(AccountSettings.MISSED_CALL_TASKS, false);

	/** On by default, for providers with a call history. */
	public static final SettingField RECONCILE = SettingField.onOff(AccountSettings.RECONCILE, true);

	/** For providers that are not simulated. */
	public static final SettingField CALLER_IDENTITIES = SettingField.of(AccountSettings.CALLER_IDENTITIES,
			SettingField.Kind.ENDPOINTS, "");

	/** Set on the account's Extensions page, not in the account form. */
	public static final SettingField DEFAULT_RESPONSIBLE = SettingField
		.of(AccountSettings.DEFAULT_RESPONSIBLE, SettingField.Kind.ID, "")
		.managedElsewhere();

	/** How the common settings are read. */
	public static final SettingsSchema<CommonSettings> SCHEMA = new SettingsSchema<>(
			List.of(CREATE_LEADS, MISSED_CALL_TASKS, RECONCILE, CALLER_IDENTITIES, DEFAULT_RESPONSIBLE),
			CommonSettings::read);

	public CommonSettings {
		callerIdentities = List.copyOf(callerIdentities);
	}

	/** The account's common settings. */
	public static CommonSettings of(TelephonyAccount account) {
		return SCHEMA.read(account);
	}

	private static CommonSettings read(StoredSettings stored) {
		return new CommonSettings(stored.on(CREATE_LEADS), stored.on(MISSED_CALL_TASKS), stored.on(RECONCILE),
				stored.list(CALLER_IDENTITIES), stored.id(DEFAULT_RESPONSIBLE));
	}

}
