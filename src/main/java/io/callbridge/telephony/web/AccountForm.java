package io.callbridge.telephony.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.shared.Problems;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService.AccountCommand;

/**
 * The telephony account form as typed: the provider's typed settings from the
 * {@code setting.<key>} inputs (a switch that is not sent is off), further settings as
 * {@code key=value} lines, credentials from the {@code credential.<field>} inputs (empty
 * ones are left out so the stored values are kept).
 *
 * @param provider provider key
 * @param name account name
 * @param enabled whether the account is active
 * @param typed the typed settings' values, by key
 * @param settings further settings, one {@code key=value} per line
 * @param credentials credentials typed in this submission
 */
record AccountForm(String provider, String name, boolean enabled, Map<String, String> typed, String settings,
		Map<String, String> credentials) {

	static final String CREDENTIAL_PREFIX = "credential.";

	static final String SETTING_PREFIX = "setting.";

	static AccountForm empty(String provider, List<SettingField> fields) {
		Map<String, String> typed = new LinkedHashMap<>();
		fields.forEach((f) -> typed.put(f.key(), f.defaultValue()));
		return new AccountForm(provider, "", true, typed, "", Map.of());
	}

	static AccountForm of(TelephonyAccount account, List<SettingField> fields) {
		Map<String, String> typed = new LinkedHashMap<>();
		fields.forEach((f) -> typed.put(f.key(), account.settings().getOrDefault(f.key(), f.defaultValue())));
		String others = account.settings()
			.entrySet()
			.stream()
			.filter((e) -> !typed.containsKey(e.getKey()))
			.map((e) -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining("\n"));
		return new AccountForm(account.provider(), account.name(), account.enabled(), typed, others, Map.of());
	}

	static AccountForm fromRequest(Map<String, String> params, List<SettingField> fields) {
		Map<String, String> credentials = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith(CREDENTIAL_PREFIX) && value != null && !value.isBlank()) {
				credentials.put(key.substring(CREDENTIAL_PREFIX.length()), value.strip());
			}
		});
		Map<String, String> typed = new LinkedHashMap<>();
		for (SettingField field : fields) {
			String value = params.get(SETTING_PREFIX + field.key());
			typed.put(field.key(), (field.kind() == SettingField.Kind.SWITCH) ? String.valueOf("true".equals(value))
					: (value != null) ? value.strip() : "");
		}
		return new AccountForm(params.getOrDefault("provider", ""), params.getOrDefault("name", ""),
				"true".equals(params.get("enabled")), typed, params.getOrDefault("settings", ""), credentials);
	}

	AccountCommand toCommand(List<SettingField> fields) {
		List<Problems.FieldError> errors = new ArrayList<>();
		Map<String, String> all = parseSettings(errors, this.typed.keySet());
		for (SettingField field : fields) {
			String value = this.typed.getOrDefault(field.key(), "");
			validate(field, value, errors);
			if (!value.isEmpty()) {
				all.put(field.key(), value);
			}
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return new AccountCommand(this.provider, this.name, this.enabled, all,
				this.credentials.isEmpty() ? null : this.credentials);
	}

	/** The form to show again: typed credentials are never sent back to the browser. */
	AccountForm withoutCredentials() {
		return new AccountForm(this.provider, this.name, this.enabled, this.typed, this.settings, Map.of());
	}

	private static void validate(SettingField field, String value, List<Problems.FieldError> errors) {
		String input = SETTING_PREFIX + field.key();
		if (field.kind() == SettingField.Kind.NUMBER && !value.isEmpty() && !value.matches("\\d{1,6}")) {
			errors.add(new Problems.FieldError(input, "'" + value + "' is not a whole number."));
		}
		if (field.kind() == SettingField.Kind.CHOICE && !value.isEmpty() && !field.choices().contains(value)) {
			errors.add(new Problems.FieldError(input,
					"'" + value + "' is not one of " + String.join(", ", field.choices()) + "."));
		}
	}

	private Map<String, String> parseSettings(List<Problems.FieldError> errors, Set<String> typedKeys) {
		Map<String, String> parsed = new LinkedHashMap<>();
		String[] lines = this.settings.split("\\R");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int equals = line.indexOf('=');
			if (equals <= 0) {
				errors.add(new Problems.FieldError("settings",
						"Settings line " + (i + 1) + " ('" + line + "') is not key=value."));
				continue;
			}
			String key = line.substring(0, equals).strip();
			if (!typedKeys.contains(key)) {
				parsed.put(key, line.substring(equals + 1).strip());
			}
		}
		return parsed;
	}

	@Override
	public String toString() {
		return "AccountForm[" + this.provider + ", " + this.name + "]";
	}

}
