package io.callbridge.records;

import java.util.List;
import java.util.Objects;

import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.CasePageModels.CaseForm;
import io.callbridge.records.Cases.CaseEdit;
import io.callbridge.records.Cases.CaseFilter;
import io.callbridge.records.Cases.NewCase;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case pages: the tenant's cases (filtered by status, assignee and customer, paged),
 * a case opened for a customer, edited, and deleted by a supervisor or an admin, as the
 * API allows.
 */
@Controller
class CasePagesController {

	private final Cases cases;

	private final Contacts contacts;

	private final Agents agents;

	private final CasePageModels models;

	CasePagesController(Cases cases, Contacts contacts, Agents agents, CasePageModels models) {
		this.cases = cases;
		this.contacts = contacts;
		this.agents = agents;
		this.models = models;
	}

	@GetMapping("/cases")
	String list(CurrentUser user, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Long assigneeId,
			@RequestParam(required = false) @Nullable Long customerId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Model model) {
		CaseStatus wanted = CaseStatus.parse(status, "status");
		PageResult<Case> result = this.cases.page(user.tenantId(), new CaseFilter(wanted, assigneeId, customerId), page,
				size);
		model.addAttribute("cases", result.items());
		model.addAttribute("page", result);
		model.addAttribute("status", (wanted != null) ? wanted.name() : "");
		model.addAttribute("assigneeId", assigneeId);
		model.addAttribute("customerId", customerId);
		model.addAttribute("customerName", (customerId != null)
				? this.contacts.namesOf(user.tenantId(), List.of(customerId)).get(customerId) : null);
		model.addAttribute("statuses", CaseStatus.values());
		model.addAttribute("agentList", this.agents.list(user.tenantId()));
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(),
				result.items().stream().map(Case::assigneeId).filter(Objects::nonNull).distinct().toList()));
		model.addAttribute("contactNames", this.contacts.namesOf(user.tenantId(),
				result.items().stream().map(Case::customerId).distinct().toList()));
		model.addAttribute("zone", this.models.zone(user));
		return "cases/list";
	}

	@GetMapping("/cases/{id}")
	String detail(CurrentUser user, @PathVariable long id, Model model) {
		return this.models.detail(user, id, null, null, model);
	}

	@GetMapping("/contacts/{customerId}/cases/new")
	String newCase(CurrentUser user, @PathVariable long customerId, Model model) {
		return this.models.form(user, customerId, null,
				new CaseForm("", "", CaseStatus.OPEN.name(), CasePriority.NORMAL.name(), user.userId()), null, model);
	}

	@PostMapping("/contacts/{customerId}/cases")
	String create(CurrentUser user, @PathVariable long customerId, CaseForm form, Model model) {
		try {
			Case created = this.cases.create(user.tenantId(), user.userId(),
					new NewCase(customerId, orEmpty(form.subject()), form.description(),
							CaseStatus.parse(form.status(), "status"), CasePriority.parse(form.priority(), "priority"),
							form.assigneeId(), List.of()));
			return "redirect:/cases/" + created.id();
		}
		catch (Problems.InvalidInput invalid) {
			return this.models.form(user, customerId, null, form, invalid.errors(), model);
		}
	}

	@GetMapping("/cases/{id}/edit")
	String edit(CurrentUser user, @PathVariable long id, Model model) {
		Case c = this.cases.get(user.tenantId(), id);
		return this.models.form(user, c.customerId(), id, CaseForm.of(c), null, model);
	}

	@PostMapping("/cases/{id}")
	String update(CurrentUser user, @PathVariable long id, CaseForm form, Model model) {
		Case c = this.cases.get(user.tenantId(), id);
		try {
			this.cases.update(user.tenantId(), id,
					new CaseEdit(orEmpty(form.subject()), form.description(), CaseStatus.parse(form.status(), "status"),
							CasePriority.parse(form.priority(), "priority"), form.assigneeId()));
			return "redirect:/cases/" + id;
		}
		catch (Problems.InvalidInput invalid) {
			return this.models.form(user, c.customerId(), id, form, invalid.errors(), model);
		}
	}

	@PostMapping("/cases/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		Case c = this.cases.get(user.tenantId(), id);
		this.cases.delete(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "crm.caseDeleted");
		return "redirect:/contacts/" + c.customerId();
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
