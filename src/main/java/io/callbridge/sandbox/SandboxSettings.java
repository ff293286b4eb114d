package io.callbridge.sandbox;

import java.util.List;

import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.SettingsSchema;
import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;

/**
 * The settings of a sandbox account, typed: the extensions the simulated PBX has, and
 * whether a known caller rings their responsible agent first.
 *
 * @param extensions the account's extensions, ascending
 * @param routeToResponsible whether known callers ring their responsible agent first
 */
public record SandboxSettings(List<String> extensions, boolean routeToResponsible) {

	/** The extensions a new sandbox account has. */
	public static final String DEFAULT_EXTENSIONS = "100-119";

	/** The PBX's extensions, e.g. {@code 100-119, 150}. */
	public static final SettingField EXTENSIONS = SettingField.of("extensions", SettingField.Kind.EXTENSIONS,
			DEFAULT_EXTENSIONS);

	/** On by default. */
	public static final SettingField ROUTE_TO_RESPONSIBLE = SettingField.onOff(AccountSettings.ROUTE_TO_RESPONSIBLE,
			true);

	/** How a sandbox account's settings are declared and read. */
	public static final SettingsSchema<SandboxSettings> SCHEMA = new SettingsSchema<>(
			List.of(EXTENSIONS, ROUTE_TO_RESPONSIBLE), SandboxSettings::read);

	public SandboxSettings {
		extensions = List.copyOf(extensions);
	}

	/** The account's settings. */
	public static SandboxSettings of(TelephonyAccount account) {
		return SCHEMA.read(account);
	}

	private static SandboxSettings read(StoredSettings stored) {
		return new SandboxSettings(stored.extensions(EXTENSIONS), stored.on(ROUTE_TO_RESPONSIBLE));
	}

}
