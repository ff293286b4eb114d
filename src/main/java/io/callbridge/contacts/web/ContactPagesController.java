package io.callbridge.contacts.web;

import java.util.List;
import java.util.Objects;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.contacts.DatabaseEntry;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contact pages: the searchable list, a contact's detail, the create and edit form,
 * and deleting. The contact's calls and tasks are panels served by the modules that own
 * them, so this module does not depend on them.
 */
@Controller
class ContactPagesController {

	private final Contacts contacts;

	private final ContactService service;

	private final Agents agents;

	private final Tenants tenants;

	private final ContactDatabases databases;

	ContactPagesController(Contacts contacts, ContactService service, Agents agents, Tenants tenants,
			ContactDatabases databases) {
		this.contacts = contacts;
		this.service = service;
		this.agents = agents;
		this.tenants = tenants;
		this.databases = databases;
	}

	@GetMapping("/contacts")
	String list(CurrentUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size, Model model) {
		PageResult<Contact> result = this.contacts.search(user.tenantId(), q, page, size);
		model.addAttribute("page", result);
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(),
				result.items().stream().map(Contact::responsibleId).filter(Objects::nonNull).distinct().toList()));
		return "contacts/list";
	}

	@GetMapping("/contacts/new")
	String newForm(CurrentUser user, Model model) {
		return form(user, ContactForm.empty(), null, List.of(), model);
	}

	@PostMapping("/contacts")
	String create(CurrentUser user, ContactForm form, Model model, RedirectAttributes redirect) {
		try {
			Contact created = this.service.create(user.tenantId(), form.toCommand());
			redirect.addFlashAttribute("notice", "contact.createdNotice");
			return "redirect:/contacts/" + created.id();
		}
		catch (Problems.InvalidInput invalid) {
			return form(user, form, null, invalid.errors(), model);
		}
	}

	@GetMapping("/contacts/{id}")
	String detail(CurrentUser user, @PathVariable long id, Model model) {
		Contact contact = this.contacts.get(user.tenantId(), id);
		model.addAttribute("contact", contact);
		model.addAttribute("responsible", (contact.responsibleId() != null)
				? this.agents.find(user.tenantId(), contact.responsibleId()).orElse(null) : null);
		model.addAttribute("canDelete", user.isAtLeast(Role.SUPERVISOR));
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		DatabaseEntry entry = this.databases.entryOf(user.tenantId(), id).orElse(null);
		model.addAttribute("entry", entry);
		model.addAttribute("database",
				(entry != null) ? this.databases.find(user.tenantId(), entry.databaseId()).orElse(null) : null);
		return "contacts/detail";
	}

	@GetMapping("/contacts/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		return form(user, ContactForm.of(this.contacts.get(user.tenantId(), id)), id, List.of(), model);
	}

	@PostMapping("/contacts/{id}")
	String update(CurrentUser user, @PathVariable long id, ContactForm form, Model model, RedirectAttributes redirect) {
		try {
			this.service.update(user.tenantId(), id, form.toCommand());
			redirect.addFlashAttribute("notice", "contact.saved");
			return "redirect:/contacts/" + id;
		}
		catch (Problems.InvalidInput invalid) {
			return form(user, form, id, invalid.errors(), model);
		}
	}

	@PostMapping("/contacts/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		Contact contact = this.contacts.get(user.tenantId(), id);
		this.service.delete(user.tenantId(), id);
		redirect.addFlashAttribute("deletedName", contact.name());
		return "redirect:/contacts";
	}

	private String form(CurrentUser user, ContactForm form, @Nullable Long id, List<Problems.FieldError> errors,
			Model model) {
		if (id != null) {
			model.addAttribute("contact", this.contacts.get(user.tenantId(), id));
		}
		List<Agent> agentList = this.agents.list(user.tenantId()).stream().filter(Agent::enabled).toList();
		model.addAttribute("form", form);
		model.addAttribute("contactId", id);
		model.addAttribute("agentList", agentList);
		model.addAttribute("errors", errors);
		return "contacts/form";
	}

}
