package io.callbridge.telephony.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService.AccountCommand;
import org.jspecify.annotations.Nullable;

/**
 * The telephony account form as typed: every setting the form edits from its
 * {@code setting.<key>} input (a switch that is not sent is off, an emptied input removes
 * the setting so its default applies), credentials from the {@code credential.<field>}
 * inputs (empty ones are left out so the stored values are kept). Settings the form does
 * not edit (the default responsible agent) are left as they are, by the same merge rule
 * as the API.
 *
 * @param provider provider key
 * @param name account name
 * @param enabled whether the account is active
 * @param typed the settings' values, by key
 * @param credentials credentials typed in this submission
 */
record AccountForm(String provider, String name, boolean enabled, Map<String, String> typed,
		Map<String, String> credentials) {

	static final String CREDENTIAL_PREFIX = "credential.";

	static final String SETTING_PREFIX = "setting.";

	static AccountForm empty(String provider, List<SettingField> fields) {
		Map<String, String> typed = new LinkedHashMap<>();
		inForm(fields).forEach((f) -> typed.put(f.key(), f.defaultValue()));
		return new AccountForm(provider, "", true, typed, Map.of());
	}

	static AccountForm of(TelephonyAccount account, List<SettingField> fields) {
		Map<String, String> typed = new LinkedHashMap<>();
		inForm(fields).forEach((f) -> typed.put(f.key(), account.settings().getOrDefault(f.key(), f.defaultValue())));
		return new AccountForm(account.provider(), account.name(), account.enabled(), typed, Map.of());
	}

	static AccountForm fromRequest(Map<String, String> params, List<SettingField> fields) {
		Map<String, String> credentials = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith(CREDENTIAL_PREFIX) && value != null && !value.isBlank()) {
				credentials.put(key.substring(CREDENTIAL_PREFIX.length()), value.strip());
			}
		});
		Map<String, String> typed = new LinkedHashMap<>();
		for (SettingField field : inForm(fields)) {
			String value = params.get(SETTING_PREFIX + field.key());
			typed.put(field.key(), (field.kind() == SettingField.Kind.SWITCH) ? String.valueOf("true".equals(value))
					: (value != null) ? value.strip() : "");
		}
		return new AccountForm(params.getOrDefault("provider", ""), params.getOrDefault("name", ""),
				"true".equals(params.get("enabled")), typed, credentials);
	}

	/** The change to save: every setting of the form, an emptied one as a removal. */
	AccountCommand toCommand() {
		Map<String, @Nullable String> settings = new LinkedHashMap<>();
		this.typed.forEach((key, value) -> settings.put(key, value.isBlank() ? null : value));
		return new AccountCommand(this.provider, this.name, this.enabled, settings,
				this.credentials.isEmpty() ? null : this.credentials);
	}

	/** The form to show again: typed credentials are never sent back to the browser. */
	AccountForm withoutCredentials() {
		return new AccountForm(this.provider, this.name, this.enabled, this.typed, Map.of());
	}

	private static List<SettingField> inForm(List<SettingField> fields) {
		return fields.stream().filter(SettingField::inForm).toList();
	}

	@Override
	public String toString() {
		return "AccountForm[" + this.provider + ", " + this.name + "]";
	}

}
