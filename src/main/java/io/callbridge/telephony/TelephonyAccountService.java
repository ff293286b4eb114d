package io.callbridge.telephony;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Creates, changes and queries telephony accounts, checking them against their provider's
 * needs.
 */
@Service
public class TelephonyAccountService {

	// Checks of a provider without its own: their names are check.generic.<code>.
	private static final String GENERIC_CHECKS = "generic";

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	TelephonyAccountService(TelephonyAccounts accounts, TelephonyProviders providers) {
		this.accounts = accounts;
		this.providers = providers;
	}

	/**
	 * What an admin submits for an account.
	 * <p>
	 * The rule for settings (API {@code PUT} and the account form alike): a change
	 * <em>merges</em> them into the stored ones. A key given with a value sets it, a key
	 * given as {@code null} or blank removes it (its default applies again), and a key
	 * left out keeps its stored value, so a client that sends only what it changes never
	 * drops the rest. Every value set is checked against its {@link SettingField}; an
	 * unknown key is refused, naming the keys the provider knows.
	 *
	 * @param provider the provider key
	 * @param name the account's name
	 * @param enabled whether it is active; on update, {@code null} keeps it as it is
	 * @param settings settings to set ({@code null} or blank values remove)
	 * @param credentials secrets; on update, {@code null} or empty keeps the stored ones
	 */
	public record AccountCommand(String provider, String name, @Nullable Boolean enabled,
			Map<String, @Nullable String> settings, @Nullable Map<String, String> credentials) {
	}

	public TelephonyAccount create(long tenantId, AccountCommand command) {
		TelephonyProvider provider = this.providers.get(command.provider());
		Map<String, String> settings = merged(Map.of(), command.settings());
		validate(command, provider, true, settings, Map.of());
		boolean enabled = command.enabled() == null || command.enabled();
		verifyCredentials(provider,
				new TelephonyAccount(0, tenantId, provider.key(), command.name(), enabled, "", settings, true),
				command);
		return this.accounts.create(tenantId, provider.key(), command.name().trim(), enabled, settings,
				credentialsOf(command));
	}

	public TelephonyAccount update(long tenantId, long id, AccountCommand command) {
		TelephonyAccount existing = this.accounts.get(tenantId, id);
		if (!existing.provider().equals(command.provider())) {
			throw new Problems.InvalidInput("provider", Text.of("telephonyAccount.providerFixed"));
		}
		TelephonyProvider provider = this.providers.get(existing.provider());
		Map<String, String> settings = merged(existing.settings(), command.settings());
		validate(command, provider, !existing.hasCredentials(), settings, existing.settings());
		boolean enabled = (command.enabled() != null) ? command.enabled() : existing.enabled();
		verifyCredentials(provider, new TelephonyAccount(existing.id(), tenantId, existing.provider(), command.name(),
				enabled, existing.webhookToken(), settings, true), command);
		return this.accounts.update(tenantId, id, command.name().trim(), enabled, settings, credentialsOf(command));
	}

	/**
	 * Sets one setting of an account (a one-click action such as the documented source
	 * addresses), checked like any other change.
	 */
	public TelephonyAccount changeSetting(long tenantId, long id, String key, @Nullable String value) {
		TelephonyAccount account = this.accounts.get(tenantId, id);
		Map<String, @Nullable String> change = new LinkedHashMap<>();
		change.put(key, value);
		return update(tenantId, id, new AccountCommand(account.provider(), account.name(), null, change, null));
	}

	/**
	 * Refuses an extension the account does not have, for a provider whose extensions are
	 * defined by the account's settings (the sandbox); for other providers the account's
	 * checks compare the agents' extensions with what the provider lists.
	 * @throws Problems.InvalidInput naming the account's extensions
	 */
	public void requireExtension(TelephonyAccount account, String extension) {
		TelephonyProvider provider = this.providers.get(account.provider());
		List<String> defined = provider.definedExtensions(account).orElse(null);
		if (defined != null && !defined.contains(extension)) {
			throw new Problems.InvalidInput("extension",
					Text.of("extension.notOfAccount", extension, account.name(), ExtensionRanges.format(defined)));
		}
	}

	public List<ProviderEndpoint> endpoints(long tenantId, long id) {
		TelephonyAccount account = this.accounts.get(tenantId, id);
		TelephonyProvider provider = this.providers.get(account.provider());
		try {
			return provider.listEndpoints(account, this.accounts.credentials(account));
		}
		catch (RuntimeException ex) {
			throw new Problems.ProviderFailure(
					Text.of("telephonyAccount.noEndpointList", provider.label(), TelephonyFailure.textOf(ex)));
		}
	}

	/**
	 * Checks the account against its provider: the provider's own checks where it has
	 * them (credentials, balance, webhook, extensions), otherwise whether it lists the
	 * account's endpoints.
	 */
	public List<AccountCheck> check(long tenantId, long id, URI webhookUrl) {
		TelephonyAccount account = this.accounts.get(tenantId, id);
		TelephonyProvider provider = this.providers.get(account.provider());
		Credentials credentials = this.accounts.credentials(account);
		if (provider instanceof AccountChecker checker) {
			return checker.check(account, credentials, webhookUrl);
		}
		try {
			int count = provider.listEndpoints(account, credentials).size();
			return List.of(AccountCheck.of(GENERIC_CHECKS, "endpoints", true,
					Text.of("telephonyAccount.endpointsListed", count)));
		}
		catch (RuntimeException ex) {
			return List.of(AccountCheck.of(GENERIC_CHECKS, "endpoints", false, TelephonyFailure.textOf(ex)));
		}
	}

	/**
	 * Registers the account's webhook URL at the provider.
	 * @return the provider's account of what is now registered
	 * @throws Problems.Conflict when the provider has no API for it
	 * @throws Problems.ProviderFailure with the provider's message when it refuses
	 */
	public Text registerWebhook(long tenantId, long id, URI webhookUrl) {
		TelephonyAccount account = this.accounts.get(tenantId, id);
		TelephonyProvider provider = this.providers.get(account.provider());
		if (!(provider instanceof WebhookRegistrar registrar)) {
			throw new Problems.Conflict(Text.of("telephonyAccount.noWebhookApi", provider.label()));
		}
		if (!account.hasCredentials()) {
			throw new Problems.Conflict(Text.of("telephonyAccount.webhookNeedsCredentials"));
		}
		return registrar.registerWebhook(account, this.accounts.credentials(account), webhookUrl);
	}

	// New credentials are tried against the provider before they are stored, so a typo
	// shows the provider's own message instead of failing calls later.
	private static void verifyCredentials(TelephonyProvider provider, TelephonyAccount account,
			AccountCommand command) {
		Credentials given = credentialsOf(command);
		if (given == null || !(provider instanceof AccountChecker checker)) {
			return;
		}
		switch (checker.verifyCredentials(account, given)) {
			case CredentialsVerdict.Accepted accepted -> {
			}
			case CredentialsVerdict.Rejected rejected -> throw new Problems.InvalidInput("credentials",
					Text.of("telephonyAccount.credentialsRefused", provider.label(), rejected.text()));
			case CredentialsVerdict.Unreachable unreachable -> throw new Problems.ProviderFailure(
					Text.of("telephonyAccount.credentialsUnchecked", provider.label(), unreachable.text()));
		}
	}

	// Only values that change are checked: a stored value from before a rule existed
	// must not block an unrelated change (a client sending back what it read).
	private static void validateSettings(Map<String, String> settings, Map<String, String> stored,
			TelephonyProvider provider, List<FieldError> errors) {
		Map<String, SettingField> fields = new LinkedHashMap<>();
		AccountSettings.fieldsOf(provider).forEach((field) -> fields.put(field.key(), field));
		settings.forEach((key, value) -> {
			if (value.equals(stored.get(key))) {
				return;
			}
			SettingField field = fields.get(key);
			Text problem = (field != null) ? field.problem(value)
					: Text.of("settings.unknown", key, provider.label(), String.join(", ", fields.keySet()));
			if (problem != null) {
				errors.add(new FieldError("settings." + key, problem));
			}
		});
	}

	// A key given with a blank or null value is removed; keys left out keep their value.
	private static Map<String, String> merged(Map<String, String> stored, Map<String, @Nullable String> change) {
		Map<String, String> merged = new LinkedHashMap<>(stored);
		change.forEach((key, value) -> {
			if (value == null || value.isBlank()) {
				merged.remove(key);
			}
			else {
				merged.put(key, value.strip());
			}
		});
		return merged;
	}

	private static @Nullable Credentials credentialsOf(AccountCommand command) {
		return (command.credentials() == null || command.credentials().isEmpty()) ? null
				: new Credentials(command.credentials());
	}

	private static void validate(AccountCommand command, TelephonyProvider provider, boolean credentialsRequired,
			Map<String, String> settings, Map<String, String> stored) {
		List<FieldError> errors = new ArrayList<>();
		if (command.name() == null || command.name().isBlank()) {
			errors.add(new FieldError("name", Text.of("telephonyAccount.nameMissing")));
		}
		else if (command.name().length() > 200) {
			errors.add(new FieldError("name", Text.of("telephonyAccount.nameTooLong", 200)));
		}
		Map<String, String> given = (command.credentials() != null) ? command.credentials() : Map.of();
		boolean anyGiven = !given.isEmpty();
		if (credentialsRequired || anyGiven) {
			errors.addAll(CredentialSets.missing(provider, given));
		}
		validateSettings(settings, stored, provider, errors);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

}
