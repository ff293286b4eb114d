package io.callbridge.campaigns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.agents.Agents;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignAgent;
import io.callbridge.campaigns.CampaignCommand;
import io.callbridge.campaigns.CampaignFilter;
import io.callbridge.campaigns.CampaignOptionCommand;
import io.callbridge.campaigns.CampaignState;
import io.callbridge.campaigns.CampaignType;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.ContactDatabaseLookup;
import io.callbridge.campaigns.DuplicatePolicy;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.campaigns.Interaction;
import io.callbridge.campaigns.SaveResult;
import io.callbridge.campaigns.sites.ExternalSites;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.telephony.TelephonyAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaign pages for supervisors and admins: the list, and a form with the campaign's
 * basics, contact database, agents, disposition options, interaction and external-system
 * link. A save refused by the linking rules shows the form again with the errors; one
 * saved despite warnings shows them as a banner.
 */
@Controller
class CampaignPagesController {

	private static final String BASE = "/admin/campaigns";

	/** Blank option rows offered below the campaign's own. */
	private static final int BLANK_ROWS = 3;

	private final Campaigns campaigns;

	private final ExternalSystems systems;

	private final ContactDatabaseLookup databases;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final DispositionService outcomes;

	private final ExternalSites sites;

	CampaignPagesController(Campaigns campaigns, ExternalSystems systems, ContactDatabaseLookup databases,
			Agents agents, TelephonyAccounts accounts, DispositionService outcomes, ExternalSites sites) {
		this.sites = sites;
		this.campaigns = campaigns;
		this.systems = systems;
		this.databases = databases;
		this.agents = agents;
		this.accounts = accounts;
		this.outcomes = outcomes;
	}

	@GetMapping(BASE)
	String list(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		model.addAttribute("campaigns", this.campaigns.list(user.tenantId(), CampaignFilter.all()));
		model.addAttribute("systemNames", systemNames(user.tenantId()));
		return "campaigns/list";
	}

	@GetMapping(BASE + "/new")
	String newForm(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		return form(user, model, null, CampaignForm.blank());
	}

	@GetMapping(BASE + "/{id}/edit")
	String editForm(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		Campaign campaign = this.campaigns.get(user.tenantId(), id);
		return form(user, model, campaign,
				CampaignForm.of(campaign,
						this.campaigns.agents(user.tenantId(), id).stream().map(CampaignAgent::agentId).toList(),
						this.campaigns.options(id)));
	}

	@PostMapping(BASE)
	String create(CurrentUser user, CampaignForm form, HttpServletRequest request, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return save(user, null, form.withOptions(CampaignForm.OptionRow.from(request)), model, response, redirect);
	}

	@PostMapping(BASE + "/{id}")
	String update(CurrentUser user, @PathVariable long id, CampaignForm form, HttpServletRequest request, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return save(user, id, form.withOptions(CampaignForm.OptionRow.from(request)), model, response, redirect);
	}

	private String save(CurrentUser user, @Nullable Long id, CampaignForm form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		Campaign existing = (id != null) ? this.campaigns.get(user.tenantId(), id) : null;
		SaveResult saved;
		try {
			saved = this.campaigns.save(user, id, form.toCommand());
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpServletResponse.SC_UNPROCESSABLE_CONTENT);
			model.addAttribute("errors", invalid.errors());
			return form(user, model, existing, form);
		}
		redirect.addFlashAttribute("notice", "campaignPage.saved");
		redirect.addFlashAttribute("warnings", saved.warnings());
		return "redirect:" + BASE + "/" + saved.campaign().id() + "/edit";
	}

	private String form(CurrentUser user, Model model, @Nullable Campaign campaign, CampaignForm form) {
		long tenantId = user.tenantId();
		List<CampaignForm.OptionRow> rows = new ArrayList<>(form.optionRows());
		for (int i = 0; i < BLANK_ROWS; i++) {
			rows.add(CampaignForm.OptionRow.blank());
		}
		model.addAttribute("campaign", campaign);
		model.addAttribute("form", form);
		model.addAttribute("optionRows", rows);
		model.addAttribute("types", CampaignType.values());
		model.addAttribute("states", CampaignState.values());
		model.addAttribute("interactions", Interaction.values());
		model.addAttribute("duplicatePolicies", DuplicatePolicy.values());
		model.addAttribute("databases", this.databases.list(tenantId));
		model.addAttribute("systems", this.systems.list(tenantId));
		model.addAttribute("agentList", this.agents.list(tenantId));
		model.addAttribute("accounts", this.accounts.list(tenantId));
		model.addAttribute("outcomes", this.outcomes.outcomes(tenantId, false));
		model.addAttribute("siteList", this.sites.list(tenantId));
		return "campaigns/form";
	}

	private Map<Long, String> systemNames(long tenantId) {
		Map<Long, String> names = new java.util.HashMap<>();
		this.systems.list(tenantId).forEach((s) -> names.put(s.id(), s.name()));
		return names;
	}

	/**
	 * The campaign form as submitted (the option rows are read from the request apart, as
	 * parallel lists).
	 *
	 * @param name name
	 * @param type type
	 * @param state state
	 * @param contactDatabaseId contact database
	 * @param interaction interaction
	 * @param externalSiteId external site
	 * @param externalSystemId external system
	 * @param externalId ID in the external system
	 * @param duplicates duplicate policy
	 * @param inboundAccountId account of the inbound line
	 * @param inboundLine inbound line
	 * @param agentIds assigned agents
	 * @param optionRows the option rows
	 */
	record CampaignForm(@Nullable String name, @Nullable CampaignType type, @Nullable CampaignState state,
			@Nullable Long contactDatabaseId, @Nullable Interaction interaction, @Nullable Long externalSiteId,
			@Nullable Long externalSystemId, @Nullable String externalId, @Nullable DuplicatePolicy duplicates,
			@Nullable Long inboundAccountId, @Nullable String inboundLine, @Nullable List<Long> agentIds,
			@Nullable List<OptionRow> optionRows) {

		static CampaignForm blank() {
			return new CampaignForm("", CampaignType.MANUAL, CampaignState.ACTIVE, null, Interaction.FORM, null, null,
					"", DuplicatePolicy.ALLOW, null, "", List.of(), List.of());
		}

		static CampaignForm of(Campaign c, List<Long> agentIds, List<io.callbridge.campaigns.CampaignOption> options) {
			return new CampaignForm(c.name(), c.type(), c.state(), c.contactDatabaseId(), c.interaction(),
					c.externalSiteId(), c.externalSystemId(), c.externalId(), c.duplicates(), c.inboundAccountId(),
					c.inboundLine(), agentIds,
					options.stream()
						.map((o) -> new OptionRow(String.valueOf(o.id()), o.name(), o.outcomeCode(), o.hidden()))
						.toList());
		}

		CampaignForm withOptions(List<OptionRow> rows) {
			return new CampaignForm(this.name, this.type, this.state, this.contactDatabaseId, this.interaction,
					this.externalSiteId, this.externalSystemId, this.externalId, this.duplicates, this.inboundAccountId,
					this.inboundLine, this.agentIds, rows);
		}

		// A form's empty value ("agentIds=") binds as null, and rows numbered with a gap
		// ("optionRows[0]", "optionRows[2]") leave null between them: nothing there.
		@Override
		public List<Long> agentIds() {
			return (this.agentIds != null) ? this.agentIds.stream().filter(Objects::nonNull).toList() : List.of();
		}

		@Override
		public List<OptionRow> optionRows() {
			return (this.optionRows != null) ? this.optionRows.stream().filter(Objects::nonNull).toList() : List.of();
		}

		CampaignCommand toCommand() {
			return new CampaignCommand(this.name, this.type, this.state, this.contactDatabaseId, this.interaction,
					this.externalSiteId, this.externalSystemId, this.externalId, this.duplicates, this.inboundAccountId,
					this.inboundLine, agentIds(), optionRows().stream().map(OptionRow::toCommand).toList());
		}

		/**
		 * One row of the options table.
		 *
		 * @param id the option's id ("" for a new one)
		 * @param name name
		 * @param outcome outcome code
		 * @param hidden whether hidden
		 */
		record OptionRow(String id, String name, String outcome, boolean hidden) {

			static OptionRow blank() {
				return new OptionRow("", "", "", false);
			}

			// Read as parallel lists: a single value is never split at its commas, as
			// binding to a list would.
			static List<OptionRow> from(HttpServletRequest request) {
				String[] ids = values(request, "optionId");
				String[] names = values(request, "optionName");
				String[] outcomes = values(request, "optionOutcome");
				String[] hidden = values(request, "optionHidden");
				List<OptionRow> rows = new ArrayList<>();
				for (int i = 0; i < names.length; i++) {
					OptionRow row = new OptionRow(at(ids, i), names[i].strip(), at(outcomes, i),
							"true".equals(at(hidden, i)));
					if (!row.name().isEmpty() || !row.outcome().isEmpty()) {
						rows.add(row);
					}
				}
				return rows;
			}

			CampaignOptionCommand toCommand() {
				Long optionId = this.id.matches("\\d{1,18}") ? Long.valueOf(this.id) : null;
				return new CampaignOptionCommand(optionId, this.name, this.outcome.isEmpty() ? null : this.outcome,
						null, this.hidden, false, false);
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

}
