package io.callbridge.campaigns.web;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.agents.Agents;
import io.callbridge.campaigns.AgentLink;
import io.callbridge.campaigns.ExternalSystem;
import io.callbridge.campaigns.ExternalSystemSaveResult;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The external-system pages for supervisors and admins: the list, and a form with the
 * system's name and a table of agents with their IDs in it. Saving a system whose
 * campaigns have agents without an ID shows a warning banner.
 */
@Controller
class ExternalSystemPagesController {

	private static final String BASE = "/admin/external-systems";

	/** Blank agent rows offered below the system's own. */
	private static final int BLANK_ROWS = 3;

	private final ExternalSystems systems;

	private final Agents agents;

	ExternalSystemPagesController(ExternalSystems systems, Agents agents) {
		this.systems = systems;
		this.agents = agents;
	}

	@GetMapping(BASE)
	String list(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		model.addAttribute("systems", this.systems.list(user.tenantId()));
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(),
				this.agents.list(user.tenantId()).stream().map(io.callbridge.agents.Agent::id).toList()));
		return "campaigns/external-systems";
	}

	@GetMapping(BASE + "/new")
	String newForm(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		return form(user, model, null, "", List.of());
	}

	@GetMapping(BASE + "/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		ExternalSystem system = this.systems.get(user.tenantId(), id);
		return form(user, model, system, system.name(), system.agents().stream().map(LinkRow::of).toList());
	}

	@PostMapping(BASE)
	String create(CurrentUser user, @RequestParam(defaultValue = "") String name, HttpServletRequest request,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return save(user, null, name, LinkRow.from(request), model, response, redirect);
	}

	@PostMapping(BASE + "/{id}")
	String update(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "") String name,
			HttpServletRequest request, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return save(user, id, name, LinkRow.from(request), model, response, redirect);
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		this.systems.delete(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "externalSystemPage.deleted");
		return "redirect:" + BASE;
	}

	private String save(CurrentUser user, @Nullable Long id, String name, List<LinkRow> rows, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		ExternalSystem existing = (id != null) ? this.systems.get(user.tenantId(), id) : null;
		ExternalSystemSaveResult saved;
		try {
			saved = this.systems.save(user.tenantId(), id, name, rows.stream().map(LinkRow::toLink).toList());
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpServletResponse.SC_UNPROCESSABLE_CONTENT);
			model.addAttribute("errors", invalid.errors());
			return form(user, model, existing, name, rows);
		}
		redirect.addFlashAttribute("notice", "externalSystemPage.saved");
		redirect.addFlashAttribute("warnings", saved.warnings());
		return "redirect:" + BASE + "/" + saved.system().id() + "/edit";
	}

	private String form(CurrentUser user, Model model, @Nullable ExternalSystem system, String name,
			List<LinkRow> rows) {
		List<LinkRow> shown = new ArrayList<>(rows);
		for (int i = 0; i < BLANK_ROWS; i++) {
			shown.add(new LinkRow("", "", ""));
		}
		model.addAttribute("system", system);
		model.addAttribute("name", name);
		model.addAttribute("rows", shown);
		model.addAttribute("agentList", this.agents.list(user.tenantId()));
		return "campaigns/external-system-form";
	}

	/**
	 * One row of the agents table, as typed.
	 *
	 * @param id the link's id ("" for a new one)
	 * @param agentId the agent ("" for none)
	 * @param externalId the agent's ID in the system
	 */
	record LinkRow(String id, String agentId, String externalId) {

		static LinkRow of(AgentLink link) {
			return new LinkRow(String.valueOf(link.id()), String.valueOf(link.agentId()), link.externalId());
		}

		// Read as parallel lists: a single value is never split at its commas.
		static List<LinkRow> from(HttpServletRequest request) {
			String[] ids = values(request, "linkId");
			String[] agents = values(request, "linkAgent");
			String[] externalIds = values(request, "linkExternalId");
			List<LinkRow> rows = new ArrayList<>();
			for (int i = 0; i < agents.length; i++) {
				LinkRow row = new LinkRow(at(ids, i), agents[i].strip(), at(externalIds, i).strip());
				if (!row.agentId().isEmpty() || !row.externalId().isEmpty()) {
					rows.add(row);
				}
			}
			return rows;
		}

		AgentLink toLink() {
			return new AgentLink(number(this.id), (number(this.agentId) != null) ? number(this.agentId) : 0,
					this.externalId);
		}

		private static @Nullable Long number(String value) {
			return value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
		}

		private static String[] values(HttpServletRequest request, String name) {
			String[] values = request.getParameterValues(name);
			return (values != null) ? values : new String[0];
		}

		private static String at(String[] values, int i) {
			return (i < values.length) ? values[i] : "";
		}

	}

}
