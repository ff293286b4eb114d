package io.callbridge.campaigns.sites.web;

import io.callbridge.campaigns.sites.ExternalSite;
import io.callbridge.campaigns.sites.ExternalSiteAuths;
import io.callbridge.campaigns.sites.ExternalSiteCommand;
import io.callbridge.campaigns.sites.ExternalSites;
import io.callbridge.campaigns.sites.SiteFormat;
import io.callbridge.campaigns.sites.SiteMethod;
import io.callbridge.campaigns.sites.SiteTarget;
import io.callbridge.campaigns.sites.SiteTrigger;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The external-site pages for supervisors and admins: the list and a form with OMniLeads'
 * fields (trigger, method, format, target, authentication); a server-side site links to
 * its delivery log. A delete refused because a campaign uses the site says so.
 */
@Controller
class ExternalSitePagesController {

	private static final String BASE = "/admin/external-sites";

	private final ExternalSites sites;

	private final ExternalSiteAuths auths;

	ExternalSitePagesController(ExternalSites sites, ExternalSiteAuths auths) {
		this.sites = sites;
		this.auths = auths;
	}

	@GetMapping(BASE)
	String list(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		model.addAttribute("sites", this.sites.list(user.tenantId()));
		return "campaigns/sites";
	}

	@GetMapping(BASE + "/new")
	String newForm(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		return form(user, model, null, SiteForm.blank());
	}

	@GetMapping(BASE + "/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		ExternalSite site = this.sites.get(user.tenantId(), id);
		return form(user, model, site, SiteForm.of(site));
	}

	@PostMapping(BASE)
	String create(CurrentUser user, SiteForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return save(user, null, form, model, response, redirect);
	}

	@PostMapping(BASE + "/{id}")
	String update(CurrentUser user, @PathVariable long id, SiteForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return save(user, id, form, model, response, redirect);
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		ExternalSite site = this.sites.get(user.tenantId(), id);
		try {
			this.sites.delete(user.tenantId(), id);
		}
		catch (Problems.Conflict conflict) {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute("refusal", conflict.text());
			return form(user, model, site, SiteForm.of(site));
		}
		redirect.addFlashAttribute("notice", "sitePage.deleted");
		return "redirect:" + BASE;
	}

	private String save(CurrentUser user, @Nullable Long id, SiteForm form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		ExternalSite existing = (id != null) ? this.sites.get(user.tenantId(), id) : null;
		ExternalSite saved;
		try {
			saved = this.sites.save(user.tenantId(), id, form.toCommand());
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpServletResponse.SC_UNPROCESSABLE_CONTENT);
			model.addAttribute("errors", invalid.errors());
			return form(user, model, existing, form);
		}
		redirect.addFlashAttribute("notice", "sitePage.saved");
		return "redirect:" + BASE + "/" + saved.id() + "/edit";
	}

	private String form(CurrentUser user, Model model, @Nullable ExternalSite site, SiteForm form) {
		model.addAttribute("site", site);
		model.addAttribute("form", form);
		model.addAttribute("triggers", SiteTrigger.values());
		model.addAttribute("methods", SiteMethod.values());
		model.addAttribute("formats", SiteFormat.values());
		model.addAttribute("targets", SiteTarget.values());
		model.addAttribute("authList", this.auths.list(user.tenantId()));
		model.addAttribute("admin", user.isAtLeast(Role.ADMIN));
		return "campaigns/site-form";
	}

	/**
	 * The site form as submitted.
	 *
	 * @param name name
	 * @param url URL
	 * @param trigger trigger
	 * @param method method
	 * @param format format
	 * @param target target
	 * @param authId authentication
	 * @param hidden hidden
	 */
	record SiteForm(@Nullable String name, @Nullable String url, @Nullable SiteTrigger trigger,
			@Nullable SiteMethod method, @Nullable SiteFormat format, @Nullable SiteTarget target,
			@Nullable Long authId, boolean hidden) {

		static SiteForm blank() {
			return new SiteForm("", "", SiteTrigger.AUTOMATIC, SiteMethod.GET, null, SiteTarget.EMBEDDED, null, false);
		}

		static SiteForm of(ExternalSite s) {
			return new SiteForm(s.name(), s.url(), s.trigger(), s.method(), s.format(), s.target(), s.authId(),
					s.hidden());
		}

		ExternalSiteCommand toCommand() {
			return new ExternalSiteCommand(this.name, this.url, this.trigger, this.method, this.format, this.target,
					this.authId, this.hidden);
		}

	}

}
