package io.callbridge.crm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks a connection as an admin sends it and turns it into the values stored: every
 * problem is a 422 naming its field ({@code connector}, {@code name}, {@code baseUrl},
 * {@code integrationCode}, {@code publicBaseUrl}, {@code accountIds},
 * {@code settings.<name>}, {@code secrets.<name>}). A CRM's address must be https (its
 * credentials and the recordings travel over it) unless {@code callbridge.crm.allow-http}
 * is on.
 */
@Component
class ConnectionValidation {

	static final int MAX_NAME = 128;

	static final int MAX_URL = 2000;

	static final int MAX_VALUE = 1000;

	private static final Pattern CODE = Pattern.compile("[a-z0-9_-]{1,60}");

	private final Connectors connectors;

	private final TelephonyAccounts accounts;

	private final Connections connections;

	private final CrmProperties properties;

	private final @Nullable String publicUrl;

	ConnectionValidation(Connectors connectors, TelephonyAccounts accounts, Connections connections,
			CrmProperties properties, @Value("${callbridge.public-url:}") @Nullable String publicUrl) {
		this.connectors = connectors;
		this.accounts = accounts;
		this.connections = connections;
		this.properties = properties;
		this.publicUrl = (publicUrl == null || publicUrl.isBlank()) ? null : publicUrl.strip();
	}

	/**
	 * The values to store, or a 422 with every problem.
	 * @param current the stored connection when changing one
	 * @param storedSecrets its decrypted secrets (kept where the command leaves them
	 * blank)
	 */
	ValidConnection check(long tenantId, @Nullable StoredConnection current, ConnectionCommand command,
			Map<String, String> storedSecrets) {
		List<FieldError> errors = new ArrayList<>();
		CrmConnector connector = connector(current, command.connector(), errors);
		String name = text(command.name());
		if (name.isEmpty() || name.length() > MAX_NAME) {
			errors.add(new FieldError("name", Text.of("crm.name.required", MAX_NAME)));
		}
		String baseUrl = url("baseUrl", command.baseUrl(), errors);
		String code = text(command.integrationCode());
		if (!CODE.matcher(code).matches()) {
			errors.add(new FieldError("integrationCode", Text.of("crm.integrationCode.invalid", 60)));
		}
		else if (connector != null && this.connections.integrationCodeTaken(tenantId, connector.key(), code,
				(current != null) ? current.id() : null)) {
			errors.add(new FieldError("integrationCode", Text.of("crm.integrationCode.taken", code)));
		}
		String publicBaseUrl = publicBaseUrl(command.publicBaseUrl(), errors);
		List<Long> accountIds = accountIds(tenantId, command.accountIds(), errors);
		Map<String, String> settings = new LinkedHashMap<>();
		Map<String, String> secrets = new LinkedHashMap<>(storedSecrets);
		if (connector != null) {
			fields(connector, command, settings, secrets, errors);
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return new ValidConnection(connector.key(), name, baseUrl, code, publicBaseUrl, accountIds,
				command.responsibleFromCrm(), command.enabled(), settings, secrets);
	}

	private @Nullable CrmConnector connector(@Nullable StoredConnection current, @Nullable String requested,
			List<FieldError> errors) {
		String key = text(requested);
		if (current != null) {
			String stored = current.connection().connector();
			if (!key.isEmpty() && !key.equals(stored)) {
				errors.add(new FieldError("connector", Text.of("crm.connector.fixed", stored)));
			}
			key = stored;
		}
		Optional<CrmConnector> connector = this.connectors.find(key);
		if (connector.isEmpty()) {
			String known = this.connectors.all().stream().map(CrmConnector::key).collect(Collectors.joining(", "));
			errors.add(new FieldError("connector", Text.of("crm.connector.unknown", key, known)));
			return null;
		}
		return connector.get();
	}

	private String publicBaseUrl(@Nullable String requested, List<FieldError> errors) {
		String given = text(requested);
		if (given.isEmpty() && this.publicUrl != null) {
			given = this.publicUrl;
		}
		if (given.isEmpty()) {
			errors.add(new FieldError("publicBaseUrl", Text.of("crm.publicBaseUrl.required")));
			return "";
		}
		return url("publicBaseUrl", given, errors);
	}

	// Absolute, with a host, no user info or fragment; stored without a trailing slash so
	// paths are appended alike.
	private String url(String field, @Nullable String value, List<FieldError> errors) {
		String url = text(value);
		URI uri = parse(url);
		String scheme = (uri != null && uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (uri == null || url.length() > MAX_URL || uri.getHost() == null || uri.getUserInfo() != null
				|| uri.getFragment() != null || uri.getQuery() != null
				|| !(scheme.equals("https") || scheme.equals("http"))) {
			errors.add(new FieldError(field, field.equals("baseUrl") ? Text.of("crm.baseUrl.invalid", MAX_URL)
					: Text.of("crm.publicBaseUrl.invalid", MAX_URL)));
		}
		else if (scheme.equals("http") && !this.properties.allowHttp()) {
			errors.add(new FieldError(field, field.equals("baseUrl") ? Text.of("crm.baseUrl.httpRefused")
					: Text.of("crm.publicBaseUrl.httpRefused")));
		}
		return url.replaceAll("/+$", "");
	}

	private static @Nullable URI parse(String url) {
		try {
			return url.isEmpty() ? null : new URI(url);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private List<Long> accountIds(long tenantId, @Nullable List<Long> requested, List<FieldError> errors) {
		LinkedHashSet<Long> ids = new LinkedHashSet<>();
		if (requested != null) {
			requested.stream().filter((id) -> id != null).forEach(ids::add);
		}
		if (ids.isEmpty()) {
			errors.add(new FieldError("accountIds", Text.of("crm.accounts.required")));
			return List.of();
		}
		Set<Long> own = this.accounts.list(tenantId).stream().map(TelephonyAccount::id).collect(Collectors.toSet());
		ids.stream()
			.filter((id) -> !own.contains(id))
			.forEach((id) -> errors
				.add(new FieldError("accountIds", Text.of("crm.accounts.unknown", String.valueOf(id)))));
		return List.copyOf(ids);
	}

	// Only the connector's declared fields, each in its place (settings or secrets); a
	// blank secret keeps the stored one, a blank setting is unset.
	private static void fields(CrmConnector connector, ConnectionCommand command, Map<String, String> settings,
			Map<String, String> secrets, List<FieldError> errors) {
		Map<String, CrmField> declared = connector.fields()
			.stream()
			.collect(Collectors.toMap(CrmField::name, (f) -> f, (a, b) -> a, LinkedHashMap::new));
		String names = String.join(", ", declared.keySet());
		given(command.settings()).forEach((name, value) -> {
			CrmField field = declared.get(name);
			if (field == null || field.secret()) {
				errors.add(new FieldError("settings." + name,
						(field == null) ? Text.of("crm.field.unknown", connector.displayName(), name, names)
								: Text.of("crm.field.isSecret", name)));
			}
			else if (value.length() > MAX_VALUE) {
				errors.add(new FieldError("settings." + name, Text.of("crm.field.tooLong", name, MAX_VALUE)));
			}
			else if (!value.isEmpty()) {
				settings.put(name, value);
			}
		});
		given(command.secrets()).forEach((name, value) -> {
			CrmField field = declared.get(name);
			if (field == null || !field.secret()) {
				errors.add(new FieldError("secrets." + name,
						(field == null) ? Text.of("crm.field.unknown", connector.displayName(), name, names)
								: Text.of("crm.field.notSecret", name)));
			}
			else if (value.length() > MAX_VALUE) {
				errors.add(new FieldError("secrets." + name, Text.of("crm.field.tooLong", name, MAX_VALUE)));
			}
			else if (!value.isEmpty()) {
				secrets.put(name, value);
			}
		});
		// Secrets of fields the connector no longer declares are dropped with the rest.
		secrets.keySet().retainAll(declared.keySet());
		for (CrmField field : declared.values()) {
			Map<String, String> values = field.secret() ? secrets : settings;
			if (field.required() && !values.containsKey(field.name())) {
				errors.add(new FieldError((field.secret() ? "secrets." : "settings.") + field.name(),
						Text.of("crm.field.required", Text.of(field.labelKey()), field.name())));
			}
		}
	}

	private static Map<String, String> given(@Nullable Map<String, String> values) {
		Map<String, String> given = new LinkedHashMap<>();
		if (values != null) {
			values.forEach((name, value) -> given.put(name, (value == null) ? "" : value.strip()));
		}
		return given;
	}

	private static String text(@Nullable String value) {
		return (value == null) ? "" : value.strip();
	}

}
