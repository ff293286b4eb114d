package io.callbridge.telephony.web;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.CallHistorySource;
import io.callbridge.telephony.ProviderPolls;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.TelephonyProviders;
import io.callbridge.telephony.WebhookRegistrar;
import io.callbridge.tenants.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The telephony admin pages: the accounts with their webhook URLs, the create and edit
 * form with the provider's typed settings (credentials are write-only and tried against
 * the provider before they are saved), the "check" and "register webhook" actions, and an
 * account's endpoints as the provider lists them, and the one-click allow-list of the
 * provider's documented webhook source addresses. Credentials, settings and the actions
 * against the provider are the admins'; supervisors read the accounts.
 */
@Controller
class TelephonyPagesController {

	private final TelephonyAccounts accounts;

	private final TelephonyAccountService service;

	private final TelephonyProviders providers;

	private final WebhookUrls webhookUrls;

	private final ProviderPolls polls;

	private final Tenants tenants;

	TelephonyPagesController(TelephonyAccounts accounts, TelephonyAccountService service, TelephonyProviders providers,
			WebhookUrls webhookUrls, ProviderPolls polls, Tenants tenants) {
		this.polls = polls;
		this.tenants = tenants;
		this.accounts = accounts;
		this.service = service;
		this.providers = providers;
		this.webhookUrls = webhookUrls;
	}

	@GetMapping("/admin/telephony")
	String list(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		model.addAttribute("accounts", this.accounts.list(user.tenantId()));
		model.addAttribute("providersByKey",
				sortedProviders().stream().collect(Collectors.toMap(TelephonyProvider::key, Function.identity())));
		model.addAttribute("webhookBase", this.webhookUrls.base());
		model.addAttribute("canEdit", user.isAtLeast(Role.ADMIN));
		model.addAttribute("canCreate", user.isAtLeast(Role.ADMIN));
		model.addAttribute("providerList", sortedProviders());
		model.addAttribute("registrars", keysOf(WebhookRegistrar.class));
		Map<Long, ProviderPolls.Row> polling = new HashMap<>();
		this.accounts.list(user.tenantId())
			.forEach((a) -> this.polls.find(a.id(), "live").ifPresent((row) -> polling.put(a.id(), row)));
		model.addAttribute("polling", polling);
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		model.addAttribute("historySources", keysOf(CallHistorySource.class));
		model.addAttribute("documentedSources", documentedSources());
		return "admin/telephony";
	}

	@GetMapping("/admin/telephony/new")
	String newForm(CurrentUser user, @RequestParam(required = false) @Nullable String provider, Model model) {
		user.require(Role.ADMIN);
		if (provider == null || this.providers.find(provider).isEmpty()) {
			model.addAttribute("providerList", sortedProviders());
			return "admin/telephony-provider";
		}
		return form(null, AccountForm.empty(provider, fields(provider)), List.of(), model);
	}

	@PostMapping("/admin/telephony")
	String create(CurrentUser user, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		user.require(Role.ADMIN);
		String provider = params.getOrDefault("provider", "");
		this.providers.get(provider);
		AccountForm form = AccountForm.fromRequest(params, fields(provider));
		try {
			TelephonyAccount created = this.service.create(user.tenantId(), form.toCommand());
			redirect.addFlashAttribute("savedName", created.name());
			return "redirect:/admin/telephony";
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return form(null, form.withoutCredentials(), invalid.errors(), model);
		}
		catch (Problems.Conflict conflict) {
			return form(null, form.withoutCredentials(), List.of(new Problems.FieldError("name", conflict.text())),
					model);
		}
		catch (Problems.ProviderFailure failure) {
			return form(null, form.withoutCredentials(),
					List.of(new Problems.FieldError("credentials", failure.text())), model);
		}
	}

	@GetMapping("/admin/telephony/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		return form(account, AccountForm.of(account, fields(account.provider())), unusableSettings(account), model);
	}

	@PostMapping("/admin/telephony/{id}")
	String update(CurrentUser user, @PathVariable long id, @RequestParam Map<String, String> params, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		user.require(Role.ADMIN);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		List<SettingField> fields = fields(account.provider());
		AccountForm form = AccountForm.fromRequest(params, fields);
		try {
			this.service.update(user.tenantId(), id, form.toCommand());
			redirect.addFlashAttribute("savedName", form.name().strip());
			return "redirect:/admin/telephony";
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return form(account, form.withoutCredentials(), invalid.errors(), model);
		}
		catch (Problems.Conflict conflict) {
			return form(account, form.withoutCredentials(), List.of(new Problems.FieldError("name", conflict.text())),
					model);
		}
		catch (Problems.ProviderFailure failure) {
			return form(account, form.withoutCredentials(),
					List.of(new Problems.FieldError("credentials", failure.text())), model);
		}
	}

	private String form(@Nullable TelephonyAccount account, AccountForm form, List<Problems.FieldError> errors,
			Model model) {
		TelephonyProvider provider = this.providers.get(form.provider());
		model.addAttribute("account", account);
		model.addAttribute("form", form);
		model.addAttribute("provider", provider);
		model.addAttribute("fields", fields(provider.key()).stream().filter(SettingField::inForm).toList());
		model.addAttribute("errors", errors);
		return "admin/telephony-form";
	}

	@PostMapping("/admin/telephony/{id}/checks")
	String check(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		model.addAttribute("account", account);
		try {
			model.addAttribute("checks", this.service.check(user.tenantId(), id, this.webhookUrls.of(account)));
		}
		catch (Problems.Problem problem) {
			model.addAttribute("actionError", problem.text());
		}
		return "admin/telephony-actions :: checks";
	}

	@PostMapping("/admin/telephony/{id}/webhook-registration")
	String registerWebhook(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		model.addAttribute("account", account);
		try {
			model.addAttribute("registered",
					this.service.registerWebhook(user.tenantId(), id, this.webhookUrls.of(account)));
		}
		catch (Problems.Problem problem) {
			model.addAttribute("actionError", problem.text());
		}
		return "admin/telephony-actions :: registration";
	}

	/**
	 * Sets the account's source-address allow-list to the addresses its provider
	 * documents for webhooks (Zadarma's {@code 185.45.152.40/30}).
	 */
	@PostMapping("/admin/telephony/{id}/allowed-ips")
	String allowDocumentedSources(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		List<String> documented = this.providers.get(account.provider()).documentedSourceAddresses();
		if (documented.isEmpty()) {
			throw new Problems.Conflict(
					Text.of("telephonyAccount.noDocumentedSources", this.providers.get(account.provider()).label()));
		}
		this.service.changeSetting(user.tenantId(), id, AccountSettings.ALLOWED_IPS, String.join(", ", documented));
		redirect.addFlashAttribute("allowListSaved", account.name());
		return "redirect:/admin/telephony";
	}

	private Map<String, String> documentedSources() {
		Map<String, String> sources = new HashMap<>();
		this.providers.all()
			.stream()
			.filter((p) -> !p.documentedSourceAddresses().isEmpty())
			.forEach((p) -> sources.put(p.key(), String.join(", ", p.documentedSourceAddresses())));
		return sources;
	}

	private List<String> keysOf(Class<?> capability) {
		return this.providers.all().stream().filter(capability::isInstance).map(TelephonyProvider::key).toList();
	}

	// Values stored before their rule existed read as their defaults; the form says so
	// next to each, so the admin can correct them.
	private List<Problems.FieldError> unusableSettings(TelephonyAccount account) {
		return AccountSettings.unusableOf(this.providers.get(account.provider()), account)
			.stream()
			.map((problem) -> new Problems.FieldError("settings." + problem.key(), problem.text()))
			.toList();
	}

	private List<SettingField> fields(String provider) {
		return AccountSettings.fieldsOf(this.providers.get(provider));
	}

	private List<TelephonyProvider> sortedProviders() {
		return this.providers.all().stream().sorted(Comparator.comparing(TelephonyProvider::displayName)).toList();
	}

}
