package io.callbridge.campaigns.sites.web;

import io.callbridge.campaigns.sites.ExternalSiteAuth;
import io.callbridge.campaigns.sites.ExternalSiteAuthCommand;
import io.callbridge.campaigns.sites.ExternalSiteAuths;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.webhooks.ExternalSiteTokens;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of external-site authentications, for admins: list, form (the password is
 * never shown; left blank it is kept) and a "Test" button that logs in once.
 */
@Controller
class ExternalSiteAuthPagesController {

	private static final String BASE = "/admin/external-site-auths";

	private final ExternalSiteAuths auths;

	ExternalSiteAuthPagesController(ExternalSiteAuths auths) {
		this.auths = auths;
	}

	@GetMapping(BASE)
	String list(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		model.addAttribute("auths", this.auths.list(user.tenantId()));
		return "campaigns/auths";
	}

	@GetMapping(BASE + "/new")
	String newForm(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		return form(model, null, new ExternalSiteAuthCommand("", "", "", "", "token", 3600, ""));
	}

	@GetMapping(BASE + "/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		ExternalSiteAuth auth = this.auths.get(user.tenantId(), id);
		return form(model, auth, new ExternalSiteAuthCommand(auth.name(), auth.url(), auth.username(), "",
				auth.tokenField(), auth.durationSeconds(), auth.durationField()));
	}

	@PostMapping(BASE)
	String create(CurrentUser user, ExternalSiteAuthCommand form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return save(user, null, form, model, response, redirect);
	}

	@PostMapping(BASE + "/{id}")
	String update(CurrentUser user, @PathVariable long id, ExternalSiteAuthCommand form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return save(user, id, form, model, response, redirect);
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		this.auths.delete(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "siteAuthPage.deleted");
		return "redirect:" + BASE;
	}

	@PostMapping(BASE + "/{id}/test")
	String test(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		try {
			redirect.addFlashAttribute("testSeconds", this.auths.test(user.tenantId(), id).toSeconds());
		}
		catch (ExternalSiteTokens.AuthenticationFailed ex) {
			redirect.addFlashAttribute("testError", ex.getMessage());
		}
		return "redirect:" + BASE + "/" + id + "/edit";
	}

	private String save(CurrentUser user, @Nullable Long id, ExternalSiteAuthCommand form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		ExternalSiteAuth existing = (id != null) ? this.auths.get(user.tenantId(), id) : null;
		ExternalSiteAuth saved;
		try {
			saved = this.auths.save(user.tenantId(), id, form);
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpServletResponse.SC_UNPROCESSABLE_CONTENT);
			model.addAttribute("errors", invalid.errors());
			return form(model, existing, form);
		}
		redirect.addFlashAttribute("notice", "siteAuthPage.saved");
		return "redirect:" + BASE + "/" + saved.id() + "/edit";
	}

	private String form(Model model, @Nullable ExternalSiteAuth auth, ExternalSiteAuthCommand form) {
		model.addAttribute("auth", auth);
		model.addAttribute("form", form);
		return "campaigns/auth-form";
	}

}
