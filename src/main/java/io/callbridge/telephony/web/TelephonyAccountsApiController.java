package io.callbridge.telephony.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.ProviderPolls;
import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService.AccountCommand;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProviders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for the tenant's telephony accounts and the installed providers.
 */
@RestController
@Tag(name = "Telephony accounts", description = "Provider accounts of the tenant; credentials are write-only")
class TelephonyAccountsApiController {

	private final TelephonyAccounts accounts;

	private final TelephonyAccountService service;

	private final TelephonyProviders providers;

	private final WebhookUrls webhookUrls;

	private final ProviderPolls polls;

	TelephonyAccountsApiController(TelephonyAccounts accounts, TelephonyAccountService service,
			TelephonyProviders providers, WebhookUrls webhookUrls, ProviderPolls polls) {
		this.polls = polls;
		this.accounts = accounts;
		this.service = service;
		this.providers = providers;
		this.webhookUrls = webhookUrls;
	}

	@GetMapping("/api/v1/telephony-providers")
	@Operation(summary = "List the installed provider adapters and the credentials each needs")
	List<ProviderView> providers(CurrentUser user) {
		return this.providers.all()
			.stream()
			.map((p) -> new ProviderView(p.key(), p.label().localized(), p.simulated(), p.credentialFields(),
					p.credentialSets()))
			.sorted(Comparator.comparing(ProviderView::key))
			.toList();
	}

	@GetMapping("/api/v1/telephony-accounts")
	List<AccountView> list(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		return this.accounts.list(user.tenantId()).stream().map(this::view).toList();
	}

	@GetMapping("/api/v1/telephony-accounts/{id}")
	AccountView get(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return view(this.accounts.get(user.tenantId(), id));
	}

	@PostMapping("/api/v1/telephony-accounts")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create an account (admins); credentials are stored encrypted and never shown back, "
			+ "settings are checked (422 naming the setting)")
	AccountView create(CurrentUser user, @Valid @RequestBody AccountRequest request) {
		user.require(Role.ADMIN);
		return view(this.service.create(user.tenantId(), request.toCommand()));
	}

	@PutMapping("/api/v1/telephony-accounts/{id}")
	@Operation(summary = "Change an account (admins). Settings are merged into the stored ones: a key with a value "
			+ "sets it, a key with null or \"\" removes it (its default applies), a key left out keeps its value; "
			+ "every value set is checked (422 naming the setting), unknown keys are refused. Omit credentials to keep "
			+ "the stored ones and enabled to keep it as it is. New credentials are tried against the provider first: "
			+ "refused ones are a 422 with its message")
	AccountView update(CurrentUser user, @PathVariable long id, @Valid @RequestBody AccountRequest request) {
		user.require(Role.ADMIN);
		return view(this.service.update(user.tenantId(), id, request.toCommand()));
	}

	private AccountView view(TelephonyAccount account) {
		List<SettingProblemView> problems = this.providers.find(account.provider())
			.map((provider) -> AccountSettings.unusableOf(provider, account))
			.orElse(List.of())
			.stream()
			.map(SettingProblemView::of)
			.toList();
		return AccountView.of(account, this.webhookUrls.of(account).toString(), problems);
	}

	@DeleteMapping("/api/v1/telephony-accounts/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		this.accounts.delete(user.tenantId(), id);
	}

	@PostMapping("/api/v1/telephony-accounts/{id}/checks")
	@Operation(summary = "Check the account against its provider: credentials accepted, balance, webhook URL "
			+ "registered, extensions visible; each check passes or fails with the provider's answer")
	List<CheckView> check(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		return this.service.check(user.tenantId(), id, this.webhookUrls.of(account))
			.stream()
			.map(CheckView::of)
			.toList();
	}

	/**
	 * One check of an account, in the reader's language (Accept-Language).
	 *
	 * @param code a stable identifier of the check, e.g. {@code credentials}
	 * @param name what was checked
	 * @param passed whether it passed
	 * @param detail the provider's answer or what was found
	 */
	record CheckView(String code, String name, boolean passed, String detail) {

		static CheckView of(AccountCheck check) {
			return new CheckView(check.code(), check.label().localized(), check.passed(), check.text().localized());
		}

	}

	@PostMapping("/api/v1/telephony-accounts/{id}/webhook-registration")
	@Operation(summary = "Register this account's webhook URL at the provider and switch on its call notifications")
	WebhookRegistration registerWebhook(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		URI url = this.webhookUrls.of(account);
		return new WebhookRegistration(url.toString(),
				this.service.registerWebhook(user.tenantId(), id, url).localized());
	}

	/**
	 * The outcome of registering the webhook URL.
	 *
	 * @param url the URL registered
	 * @param provider what the provider now has, as it reports it
	 */
	record WebhookRegistration(String url, String provider) {
	}

	@GetMapping("/api/v1/telephony-accounts/{id}/polling")
	@Operation(summary = "The live-call polling of a polled provider's account: interval in force, last poll, "
			+ "last error")
	PollingView polling(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		this.accounts.get(user.tenantId(), id);
		return this.polls.find(id, "live")
			.map(PollingView::of)
			.orElseThrow(() -> new Problems.NotFound(Text.of("telephonyAccount.pollingWhat"), id));
	}

	/**
	 * The live-call polling of an account, its last error in the reader's language.
	 *
	 * @param accountId the account
	 * @param kind the kind of poll
	 * @param nextPollAt when the next poll may start
	 * @param interval the interval in force
	 * @param lastStartedAt when the last poll started
	 * @param lastDurationMs how long it took
	 * @param lastError its error, if it failed
	 */
	record PollingView(long accountId, String kind, Instant nextPollAt, Duration interval,
			@Nullable Instant lastStartedAt, @Nullable Long lastDurationMs, @Nullable String lastError) {

		static PollingView of(ProviderPolls.Row row) {
			return new PollingView(row.accountId(), row.kind(), row.nextPollAt(), row.interval(), row.lastStartedAt(),
					row.lastDurationMs(), (row.lastError() != null) ? row.lastError().localized() : null);
		}

	}

	@GetMapping("/api/v1/telephony-accounts/{id}/endpoints")
	@Operation(summary = "List the extensions/endpoints the provider has for this account")
	List<ProviderEndpoint> endpoints(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.service.endpoints(user.tenantId(), id);
	}

	/**
	 * An account as submitted.
	 *
	 * @param provider provider key
	 * @param name account name
	 * @param enabled whether active (default true on create; left out on update keeps it)
	 * @param settings settings to set; on update merged into the stored ones
	 * ({@code null} or blank removes a setting, a key left out keeps it); a value may be
	 * given as text, a number or {@code true}/{@code false}
	 * @param credentials secrets (write-only)
	 */
	record AccountRequest(@NotBlank String provider, @NotBlank String name, @Nullable Boolean enabled,
			@JsonDeserialize(
					contentUsing = SettingValueDeserializer.class) @Nullable Map<String, @Nullable String> settings,
			@Nullable Map<String, String> credentials) {

		AccountCommand toCommand() {
			return new AccountCommand(this.provider, this.name, this.enabled,
					(this.settings != null) ? this.settings : Map.of(), this.credentials);
		}

	}

	/**
	 * An account as shown: credentials are never included.
	 *
	 * @param id id
	 * @param provider provider key
	 * @param name name
	 * @param enabled whether active
	 * @param settings non-secret settings
	 * @param hasCredentials whether credentials are stored
	 * @param webhookPath the path providers post events to
	 * @param webhookUrl the full URL to give the provider
	 * @param settingProblems stored settings that are unusable (saved before their rule
	 * existed) and read as their defaults until corrected
	 */
	record AccountView(long id, String provider, String name, boolean enabled, Map<String, String> settings,
			boolean hasCredentials, String webhookPath, String webhookUrl, List<SettingProblemView> settingProblems) {

		static AccountView of(TelephonyAccount account, String webhookUrl, List<SettingProblemView> problems) {
			return new AccountView(account.id(), account.provider(), account.name(), account.enabled(),
					account.settings(), account.hasCredentials(),
					"/webhooks/" + account.provider() + "/" + account.webhookToken(), webhookUrl, problems);
		}

	}

	/**
	 * A stored setting that is unusable.
	 *
	 * @param field the setting, as {@code settings.<key>} like a 422 names it
	 * @param message what is wrong, in the reader's language (Accept-Language)
	 */
	record SettingProblemView(String field, String message) {

		static SettingProblemView of(StoredSettings.SettingProblem problem) {
			return new SettingProblemView("settings." + problem.key(), problem.text().localized());
		}

	}

	/**
	 * An installed provider.
	 *
	 * @param key provider key
	 * @param name display name, in the reader's language (Accept-Language)
	 * @param simulated whether it is the sandbox
	 * @param credentialFields credentials an account may have
	 * @param credentialSets the sets of them each enough: an account needs every field of
	 * one set
	 */
	record ProviderView(String key, String name, boolean simulated, @NotNull List<String> credentialFields,
			@NotNull List<List<String>> credentialSets) {
	}

}
