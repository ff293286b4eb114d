package io.callbridge.telephony.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.shared.Problems;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService.AccountCommand;

/**
 * The telephony account form as typed: settings as {@code key=value} lines, credentials
 * from the {@code credential.<field>} inputs (empty ones are left out so the stored
 * values are kept).
 *
 * @param provider provider key
 * @param name account name
 * @param enabled whether the account is active
 * @param settings settings, one {@code key=value} per line
 * @param credentials credentials typed in this submission
 */
record AccountForm(String provider, String name, boolean enabled, String settings, Map<String, String> credentials) {

	static final String CREDENTIAL_PREFIX = "credential.";

	static AccountForm empty(String provider) {
		return new AccountForm(provider, "", true, "", Map.of());
	}

	static AccountForm of(TelephonyAccount account) {
		return new AccountForm(account.provider(), account.name(), account.enabled(),
				account.settings()
					.entrySet()
					.stream()
					.map((e) -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining("\n")),
				Map.of());
	}

	static AccountForm fromRequest(Map<String, String> params) {
		Map<String, String> credentials = new LinkedHashMap<>();
		params.forEach((key, value) -> {
			if (key.startsWith(CREDENTIAL_PREFIX) && value != null && !value.isBlank()) {
				credentials.put(key.substring(CREDENTIAL_PREFIX.length()), value.strip());
			}
		});
		return new AccountForm(params.getOrDefault("provider", ""), params.getOrDefault("name", ""),
				"true".equals(params.get("enabled")), params.getOrDefault("settings", ""), credentials);
	}

	AccountCommand toCommand() {
		return new AccountCommand(this.provider, this.name, this.enabled, parseSettings(),
				this.credentials.isEmpty() ? null : this.credentials);
	}

	/** The form to show again: typed credentials are never sent back to the browser. */
	AccountForm withoutCredentials() {
		return new AccountForm(this.provider, this.name, this.enabled, this.settings, Map.of());
	}

	private Map<String, String> parseSettings() {
		Map<String, String> parsed = new LinkedHashMap<>();
		List<Problems.FieldError> errors = new ArrayList<>();
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
			parsed.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return parsed;
	}

	@Override
	public String toString() {
		return "AccountForm[" + this.provider + ", " + this.name + "]";
	}

}
