package io.callbridge.telephony;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Creates, changes and queries telephony accounts, checking them against their provider's
 * needs.
 */
@Service
public class TelephonyAccountService {

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	TelephonyAccountService(TelephonyAccounts accounts, TelephonyProviders providers) {
		this.accounts = accounts;
		this.providers = providers;
	}

	/**
	 * What an admin submits for an account.
	 *
	 * @param provider the provider key
	 * @param name the account's name
	 * @param enabled whether it is active
	 * @param settings non-secret settings
	 * @param credentials secrets; on update, {@code null} or empty keeps the stored ones
	 */
	public record AccountCommand(String provider, String name, boolean enabled, Map<String, String> settings,
			@Nullable Map<String, String> credentials) {
	}

	public TelephonyAccount create(long tenantId, AccountCommand command) {
		TelephonyProvider provider = this.providers.get(command.provider());
		validate(command, provider, true);
		verifyCredentials(provider, new TelephonyAccount(0, tenantId, provider.key(), command.name(), command.enabled(),
				"", command.settings(), true), command);
		return this.accounts.create(tenantId, provider.key(), command.name().trim(), command.enabled(),
				command.settings(), credentialsOf(command));
	}

	public TelephonyAccount update(long tenantId, long id, AccountCommand command) {
		TelephonyAccount existing = this.accounts.get(tenantId, id);
		if (!existing.provider().equals(command.provider())) {
			throw new Problems.InvalidInput("provider", "The provider of an account cannot be changed.");
		}
		TelephonyProvider provider = this.providers.get(existing.provider());
		validate(command, provider, !existing.hasCredentials());
		verifyCredentials(provider, new TelephonyAccount(existing.id(), tenantId, existing.provider(), command.name(),
				command.enabled(), existing.webhookToken(), command.settings(), true), command);
		return this.accounts.update(tenantId, id, command.name().trim(), command.enabled(), command.settings(),
				credentialsOf(command));
	}

	public List<ProviderEndpoint> endpoints(long tenantId, long id) {
		TelephonyAccount account = this.accounts.get(tenantId, id);
		TelephonyProvider provider = this.providers.get(account.provider());
		try {
			return provider.listEndpoints(account, this.accounts.credentials(account));
		}
		catch (RuntimeException ex) {
			throw new Problems.ProviderFailure(
					provider.displayName() + " did not return the endpoint list: " + ex.getMessage());
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
			return List.of(new AccountCheck("endpoints", "Endpoints listed", true, count + " endpoints"));
		}
		catch (RuntimeException ex) {
			return List.of(new AccountCheck("endpoints", "Endpoints listed", false, String.valueOf(ex.getMessage())));
		}
	}

	/**
	 * Registers the account's webhook URL at the provider.
	 * @return the provider's account of what is now registered
	 * @throws Problems.Conflict when the provider has no API for it
	 * @throws Problems.ProviderFailure with the provider's message when it refuses
	 */
	public String registerWebhook(long tenantId, long id, URI webhookUrl) {
		TelephonyAccount account = this.accounts.get(tenantId, id);
		TelephonyProvider provider = this.providers.get(account.provider());
		if (!(provider instanceof WebhookRegistrar registrar)) {
			throw new Problems.Conflict(provider.displayName()
					+ " has no API to register a webhook URL; configure it in the provider's portal.");
		}
		if (!account.hasCredentials()) {
			throw new Problems.Conflict("Store the account's credentials before registering its webhook URL.");
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
					provider.displayName() + " refused the credentials: " + rejected.message());
			case CredentialsVerdict.Unreachable unreachable -> throw new Problems.ProviderFailure(provider.displayName()
					+ " could not be reached to check the credentials, so nothing was saved: " + unreachable.message());
		}
	}

	private static void validateSettings(Map<String, String> settings, TelephonyProvider provider,
			List<FieldError> errors) {
		for (SettingField field : AccountSettings.fieldsOf(provider)) {
			String value = settings.get(field.key());
			if (value == null || value.isBlank()) {
				continue;
			}
			String problem = switch (field.kind()) {
				case SWITCH -> value.matches("(?i)true|false") ? null : "must be true or false";
				case NUMBER -> value.strip().matches("\\d{1,6}") ? null : "must be a whole number";
				case CHOICE -> field.choices().contains(value.strip()) ? null
						: "must be one of " + String.join(", ", field.choices());
				case TEXT -> null;
			};
			if (problem != null) {
				errors.add(new FieldError("settings." + field.key(),
						"Setting '" + field.key() + "' " + problem + " (was '" + value + "')."));
			}
		}
	}

	private static @Nullable Credentials credentialsOf(AccountCommand command) {
		return (command.credentials() == null || command.credentials().isEmpty()) ? null
				: new Credentials(command.credentials());
	}

	private static void validate(AccountCommand command, TelephonyProvider provider, boolean credentialsRequired) {
		List<FieldError> errors = new ArrayList<>();
		if (command.name() == null || command.name().isBlank()) {
			errors.add(new FieldError("name", "The account needs a name."));
		}
		else if (command.name().length() > 200) {
			errors.add(new FieldError("name", "The name may have at most 200 characters."));
		}
		Map<String, String> given = (command.credentials() != null) ? command.credentials() : Map.of();
		boolean anyGiven = !given.isEmpty();
		if (credentialsRequired || anyGiven) {
			for (String field : provider.credentialFields()) {
				String value = given.get(field);
				if (value == null || value.isBlank()) {
					errors.add(new FieldError("credentials." + field,
							provider.displayName() + " needs the credential '" + field + "'."));
				}
			}
		}
		validateSettings(command.settings(), provider, errors);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

}
