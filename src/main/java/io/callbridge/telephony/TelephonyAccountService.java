package io.callbridge.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

	@Transactional
	public TelephonyAccount create(long tenantId, AccountCommand command) {
		TelephonyProvider provider = this.providers.get(command.provider());
		validate(command, provider, true);
		return this.accounts.create(tenantId, provider.key(), command.name().trim(), command.enabled(),
				command.settings(), credentialsOf(command));
	}

	@Transactional
	public TelephonyAccount update(long tenantId, long id, AccountCommand command) {
		TelephonyAccount existing = this.accounts.get(tenantId, id);
		if (!existing.provider().equals(command.provider())) {
			throw new Problems.InvalidInput("provider", "The provider of an account cannot be changed.");
		}
		validate(command, this.providers.get(existing.provider()), !existing.hasCredentials());
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
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

}
