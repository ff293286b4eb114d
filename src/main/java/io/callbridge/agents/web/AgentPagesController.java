package io.callbridge.agents.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.AgentService;
import io.callbridge.agents.AgentStatusService;
import io.callbridge.agents.AgentStatuses;
import io.callbridge.agents.Agents;
import io.callbridge.agents.AvailabilityPush;
import io.callbridge.agents.AvailabilityPushes;
import io.callbridge.agents.CurrentStatus;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agents admin pages: the list with extensions, the create and edit form, extensions
 * per telephony account and the default responsible agent. Supervisors may look and set
 * agents' statuses; only admins may change the rest. The edit form shows how far each
 * status push to a provider got, with its last error.
 */
@Controller
class AgentPagesController {

	private final Agents agents;

	private final AgentService service;

	private final TelephonyAccounts accounts;

	private final AgentStatuses statuses;

	private final AgentStatusService statusService;

	private final AvailabilityPushes pushes;

	AgentPagesController(Agents agents, AgentService service, TelephonyAccounts accounts, AgentStatuses statuses,
			AgentStatusService statusService, AvailabilityPushes pushes) {
		this.agents = agents;
		this.service = service;
		this.accounts = accounts;
		this.statuses = statuses;
		this.statusService = statusService;
		this.pushes = pushes;
	}

	@GetMapping("/admin/agents")
	String list(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		List<Agent> all = this.agents.list(user.tenantId());
		model.addAttribute("agents", all);
		model.addAttribute("extensions",
				all.stream().collect(Collectors.toMap(Agent::id, (agent) -> this.agents.extensionsOf(agent.id()))));
		model.addAttribute("accountNames", accountNames(user));
		model.addAttribute("canEdit", user.isAtLeast(Role.ADMIN));
		Map<Long, CurrentStatus> stored = this.statuses.ofTenant(user.tenantId());
		model.addAttribute("agentStatuses",
				all.stream()
					.collect(Collectors.toMap(Agent::id, (agent) -> stored.containsKey(agent.id())
							? stored.get(agent.id()).status() : AgentStatus.AVAILABLE)));
		model.addAttribute("statusValues", AgentStatus.values());
		model.addAttribute("failingPushes", this.pushes.failing(user.tenantId()));
		return "admin/agents";
	}

	/** A supervisor or admin sets an agent's status (on the agent's behalf). */
	@PostMapping("/admin/agents/{id}/status")
	String changeStatus(CurrentUser user, @PathVariable long id, @RequestParam AgentStatus status,
			RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		this.statusService.change(user, id, status);
		redirect.addFlashAttribute("notice", "agents.statusSaved");
		return "redirect:/admin/agents";
	}

	@GetMapping("/admin/agents/new")
	String newForm(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		return form(user, null, AgentForm.empty(), List.of(), model);
	}

	@PostMapping("/admin/agents")
	String create(CurrentUser user, AgentForm form, Model model, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		try {
			Agent created = this.service.create(user.tenantId(), form.toCommand());
			redirect.addFlashAttribute("notice", "agents.created");
			return "redirect:/admin/agents/" + created.id() + "/edit";
		}
		catch (Problems.InvalidInput invalid) {
			return form(user, null, form.withoutPassword(), invalid.errors(), model);
		}
	}

	@GetMapping("/admin/agents/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		return form(user, id, AgentForm.of(this.agents.get(user.tenantId(), id)), List.of(), model);
	}

	@PostMapping("/admin/agents/{id}")
	String update(CurrentUser user, @PathVariable long id, AgentForm form, Model model, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		try {
			this.service.update(user.tenantId(), id, form.toCommand());
			redirect.addFlashAttribute("notice", "agents.saved");
			return "redirect:/admin/agents/" + id + "/edit";
		}
		catch (Problems.InvalidInput invalid) {
			return form(user, id, form.withoutPassword(), invalid.errors(), model);
		}
		catch (Problems.Conflict conflict) {
			return form(user, id, form.withoutPassword(), List.of(new Problems.FieldError("", conflict.text())), model);
		}
	}

	@PostMapping("/admin/agents/{id}/extensions")
	String assignExtension(CurrentUser user, @PathVariable long id, @RequestParam long accountId,
			@RequestParam(defaultValue = "") String extension, Model model, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		try {
			this.service.assignExtension(user.tenantId(), id, accountId, extension);
		}
		catch (Problems.InvalidInput | Problems.Conflict refused) {
			model.addAttribute("extensionError", refused.text().localized());
			model.addAttribute("extensionAccountId", accountId);
			model.addAttribute("extensionValue", extension);
			return form(user, id, AgentForm.of(this.agents.get(user.tenantId(), id)), List.of(), model);
		}
		redirect.addFlashAttribute("notice", "agents.extensionSaved");
		return "redirect:/admin/agents/" + id + "/edit";
	}

	@PostMapping("/admin/agents/{id}/extensions/{accountId}/delete")
	String removeExtension(CurrentUser user, @PathVariable long id, @PathVariable long accountId,
			RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		this.service.removeExtension(user.tenantId(), id, accountId);
		redirect.addFlashAttribute("notice", "agents.extensionRemoved");
		return "redirect:/admin/agents/" + id + "/edit";
	}

	@PostMapping("/admin/agents/{id}/default-responsible")
	String makeDefaultResponsible(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		this.service.setDefaultResponsible(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "agents.defaultSaved");
		return "redirect:/admin/agents";
	}

	private String form(CurrentUser user, @Nullable Long id, AgentForm form, List<Problems.FieldError> errors,
			Model model) {
		model.addAttribute("agentId", id);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("roles", Role.values());
		if (id != null) {
			List<AgentExtension> extensions = this.agents.extensionsOf(id);
			model.addAttribute("agent", this.agents.get(user.tenantId(), id));
			model.addAttribute("agentExtensions", extensions);
			model.addAttribute("accountList", this.accounts.list(user.tenantId()));
			model.addAttribute("accountNames", accountNames(user));
			model.addAttribute("agentStatus", this.statuses.of(user.tenantId(), id).status());
			model.addAttribute("availability",
					this.pushes.ofAgent(id)
						.stream()
						.collect(Collectors.toMap(AvailabilityPush::accountId, (push) -> push)));
		}
		return "admin/agent-form";
	}

	private Map<Long, String> accountNames(CurrentUser user) {
		return this.accounts.list(user.tenantId())
			.stream()
			.collect(Collectors.toMap(TelephonyAccount::id, TelephonyAccount::name));
	}

}
