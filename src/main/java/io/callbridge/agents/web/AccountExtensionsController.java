package io.callbridge.agents.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.AgentService;
import io.callbridge.agents.Agents;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProviders;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The extensions page of a telephony account: the extensions the provider lists (and any
 * assigned ones it no longer lists), each assignable to one agent, and the account's
 * default responsible agent. For supervisors and admins.
 */
@Controller
class AccountExtensionsController {

	private final TelephonyAccounts accounts;

	private final TelephonyAccountService accountService;

	private final TelephonyProviders providers;

	private final Agents agents;

	private final AgentService agentService;

	AccountExtensionsController(TelephonyAccounts accounts, TelephonyAccountService accountService,
			TelephonyProviders providers, Agents agents, AgentService agentService) {
		this.accounts = accounts;
		this.accountService = accountService;
		this.providers = providers;
		this.agents = agents;
		this.agentService = agentService;
	}

	/**
	 * One row of the page.
	 *
	 * @param extension the extension
	 * @param label the provider's description, or {@code null} when the provider no
	 * longer lists it
	 * @param agent who has it
	 */
	record Row(String extension, @Nullable String label, @Nullable Agent agent) {
	}

	@GetMapping("/admin/telephony/{id}/endpoints")
	String page(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		List<ProviderEndpoint> listed = List.of();
		try {
			listed = this.accountService.endpoints(user.tenantId(), id);
		}
		catch (Problems.ProviderFailure failure) {
			model.addAttribute("providerError", failure.text().localized());
		}
		model.addAttribute("account", account);
		model.addAttribute("provider", this.providers.find(account.provider()).orElse(null));
		model.addAttribute("rows", rows(user.tenantId(), account, listed));
		model.addAttribute("agents", this.agents.list(user.tenantId()).stream().filter(Agent::enabled).toList());
		model.addAttribute("accountDefault",
				CommonSettings.of(account).defaultResponsible().map(String::valueOf).orElse(""));
		model.addAttribute("tenantDefault", this.agents.defaultResponsible(user.tenantId()).orElse(null));
		return "admin/account-extensions";
	}

	@PostMapping("/admin/telephony/{id}/endpoints/assign")
	String assign(CurrentUser user, @PathVariable long id, @RequestParam String extension,
			@RequestParam(required = false) @Nullable Long agentId, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		this.accounts.get(user.tenantId(), id);
		Optional<Agent> holder = this.agents.onExtension(id, extension.strip());
		try {
			if (agentId == null) {
				holder.ifPresent((h) -> this.agentService.removeExtension(user.tenantId(), h.id(), id));
			}
			else {
				this.agentService.assignExtension(user.tenantId(), agentId, id, extension);
			}
			redirect.addFlashAttribute("saved", extension.strip());
		}
		catch (Problems.Conflict | Problems.InvalidInput problem) {
			redirect.addFlashAttribute("assignError", problem.text().localized());
		}
		return "redirect:/admin/telephony/" + id + "/endpoints";
	}

	@PostMapping("/admin/telephony/{id}/default-responsible")
	String defaultResponsible(CurrentUser user, @PathVariable long id,
			@RequestParam(required = false) @Nullable Long agentId, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		Map<String, String> settings = new LinkedHashMap<>(account.settings());
		if (agentId == null) {
			settings.remove(Agents.DEFAULT_RESPONSIBLE_SETTING);
		}
		else {
			this.agents.get(user.tenantId(), agentId);
			settings.put(Agents.DEFAULT_RESPONSIBLE_SETTING, String.valueOf(agentId));
		}
		this.accounts.update(user.tenantId(), id, account.name(), account.enabled(), settings, null);
		redirect.addFlashAttribute("savedDefault", true);
		return "redirect:/admin/telephony/" + id + "/endpoints";
	}

	private List<Row> rows(long tenantId, TelephonyAccount account, List<ProviderEndpoint> listed) {
		Map<String, AgentExtension> assigned = new LinkedHashMap<>();
		this.agents.extensionsOfAccount(account.id()).forEach((e) -> assigned.put(e.extension(), e));
		Map<Long, Agent> byId = this.agents.byIds(tenantId,
				assigned.values().stream().map(AgentExtension::agentId).toList());
		List<Row> rows = new ArrayList<>();
		for (ProviderEndpoint endpoint : listed) {
			AgentExtension holder = assigned.remove(endpoint.extension());
			rows.add(new Row(endpoint.extension(), endpoint.label(),
					(holder != null) ? byId.get(holder.agentId()) : null));
		}
		assigned.values().forEach((e) -> rows.add(new Row(e.extension(), null, byId.get(e.agentId()))));
		return rows;
	}

}
