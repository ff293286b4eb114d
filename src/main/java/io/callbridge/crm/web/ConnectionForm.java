package io.callbridge.crm.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.ConnectionCommand;
import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmField;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * The connection form's values, as shown and as submitted. Secrets are never part of it:
 * they are read from the request on their own ({@link #secretsOf}) and never shown back.
 * The connector's fields are posted as {@code setting.<name>} and {@code secret.<name>}.
 *
 * @param connector the connector's key
 * @param name name
 * @param baseUrl the CRM's address
 * @param integrationCode the integration's code in the CRM
 * @param publicBaseUrl Callbridge's public address
 * @param accountIds the telephony accounts chosen
 * @param responsibleFromCrm whether routing asks the CRM
 * @param enabled whether it is on
 * @param settings the connector's non-secret fields
 */
record ConnectionForm(String connector, String name, String baseUrl, String integrationCode, String publicBaseUrl,
		List<Long> accountIds, boolean responsibleFromCrm, boolean enabled, Map<String, String> settings) {

	/** The integration code a new connection is offered. */
	static final String DEFAULT_INTEGRATION_CODE = "callbridge";

	static final String SETTING = "setting.";

	static final String SECRET = "secret.";

	/** A new connection's form: enabled, the default code and public address. */
	static ConnectionForm empty(String connector, String publicBaseUrl) {
		return new ConnectionForm(connector, "", "", DEFAULT_INTEGRATION_CODE, publicBaseUrl, List.of(), false, true,
				Map.of());
	}

	static ConnectionForm of(ConnectionView view) {
		return new ConnectionForm(view.connector(), view.name(), view.baseUrl(), view.integrationCode(),
				view.publicBaseUrl(), view.accountIds(), view.responsibleFromCrm(), view.enabled(), view.settings());
	}

	/**
	 * The submitted form; unchecked boxes are absent. An account id that is not a number
	 * is refused (422 naming {@code accountIds}).
	 */
	static ConnectionForm fromRequest(String connector, MultiValueMap<String, String> params, List<CrmField> fields) {
		Map<String, String> settings = new LinkedHashMap<>();
		fields.stream()
			.filter((field) -> !field.secret())
			.forEach((field) -> settings.put(field.name(), value(params, SETTING + field.name())));
		return new ConnectionForm(connector, value(params, "name"), value(params, "baseUrl"),
				value(params, "integrationCode"), value(params, "publicBaseUrl"), accountIds(params),
				"true".equals(params.getFirst("responsibleFromCrm")), "true".equals(params.getFirst("enabled")),
				settings);
	}

	/** The secrets typed in; a field left blank keeps the stored value. */
	static Map<String, String> secretsOf(MultiValueMap<String, String> params, List<CrmField> fields) {
		Map<String, String> secrets = new LinkedHashMap<>();
		fields.stream()
			.filter(CrmField::secret)
			.filter((field) -> !value(params, SECRET + field.name()).isBlank())
			.forEach((field) -> secrets.put(field.name(), value(params, SECRET + field.name()).strip()));
		return secrets;
	}

	ConnectionCommand toCommand(String publicBaseUrl, Map<String, String> secrets) {
		Map<String, String> given = new LinkedHashMap<>();
		this.settings.forEach((name, value) -> {
			if (!value.isBlank()) {
				given.put(name, value.strip());
			}
		});
		return new ConnectionCommand(this.connector, this.name.strip(), this.baseUrl.strip(),
				this.integrationCode.strip(), publicBaseUrl, this.accountIds, this.responsibleFromCrm, this.enabled,
				given, secrets);
	}

	/** Whether the account is chosen (the form's multi-select). */
	public boolean hasAccount(long accountId) {
		return this.accountIds.contains(accountId);
	}

	/** A non-secret connector field's value, empty when not set. */
	public String setting(String name) {
		return this.settings.getOrDefault(name, "");
	}

	private static List<Long> accountIds(MultiValueMap<String, String> params) {
		List<Long> ids = new ArrayList<>();
		for (String value : params.getOrDefault("accountIds", List.of())) {
			for (String part : value.split(",")) {
				if (!part.isBlank()) {
					ids.add(accountId(part.strip()));
				}
			}
		}
		return ids;
	}

	private static long accountId(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new Problems.InvalidInput("accountIds", Text.of("crmPage.badAccount", value));
		}
	}

	private static String value(MultiValueMap<String, String> params, String name) {
		@Nullable String value = params.getFirst(name);
		return (value != null) ? value : "";
	}

}
