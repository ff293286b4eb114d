package io.callbridge.campaigns.sites.web;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.sites.CrmParam;
import io.callbridge.campaigns.sites.CrmParameters;
import io.callbridge.campaigns.sites.ParamKind;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A campaign's CRM parameters table (OMniLeads' "parámetros para URL externa" step of the
 * campaign wizard): each row a name (or placeholder), where its value comes from and
 * which field; the selectors offered are the contact database's columns and the campaign
 * and call fields OMniLeads knows.
 */
@Controller
class CrmParamsPagesController {

	private static final int BLANK_ROWS = 3;

	private final Campaigns campaigns;

	private final CrmParameters parameters;

	CrmParamsPagesController(Campaigns campaigns, CrmParameters parameters) {
		this.campaigns = campaigns;
		this.parameters = parameters;
	}

	@GetMapping("/admin/campaigns/{id}/crm-params")
	String form(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		List<ParamRow> rows = this.parameters.of(user.tenantId(), id).stream().map(ParamRow::of).toList();
		return form(user, this.campaigns.get(user.tenantId(), id), rows, model);
	}

	@PostMapping("/admin/campaigns/{id}/crm-params")
	String save(CurrentUser user, @PathVariable long id, HttpServletRequest request, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.SUPERVISOR);
		Campaign campaign = this.campaigns.get(user.tenantId(), id);
		List<ParamRow> rows = ParamRow.from(request);
		try {
			this.parameters.replace(user.tenantId(), id, rows.stream().map(ParamRow::toParam).toList());
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpServletResponse.SC_UNPROCESSABLE_CONTENT);
			model.addAttribute("errors", invalid.errors());
			return form(user, campaign, rows, model);
		}
		redirect.addFlashAttribute("notice", "sitePage.paramsSaved");
		return "redirect:/admin/campaigns/" + id + "/crm-params";
	}

	private String form(CurrentUser user, Campaign campaign, List<ParamRow> rows, Model model) {
		List<ParamRow> shown = new ArrayList<>(rows);
		for (int i = 0; i < BLANK_ROWS; i++) {
			shown.add(new ParamRow(ParamKind.FIXED.name(), "", ""));
		}
		model.addAttribute("campaign", campaign);
		model.addAttribute("rows", shown);
		model.addAttribute("kinds", ParamKind.values());
		model.addAttribute("columns", this.parameters.columns(user.tenantId(), campaign.contactDatabaseId()));
		return "campaigns/crm-params";
	}

	/**
	 * One row of the table, as typed.
	 *
	 * @param kind where the value comes from
	 * @param selector which field, or the fixed value
	 * @param name the parameter's name or placeholder
	 */
	record ParamRow(String kind, String selector, String name) {

		static ParamRow of(CrmParam param) {
			return new ParamRow(param.kind().name(), param.selector(), param.name());
		}

		// Parallel lists; a row with neither name nor selector is left out.
		static List<ParamRow> from(HttpServletRequest request) {
			String[] kinds = values(request, "paramKind");
			String[] selectors = values(request, "paramSelector");
			String[] names = values(request, "paramName");
			List<ParamRow> rows = new ArrayList<>();
			for (int i = 0; i < names.length; i++) {
				ParamRow row = new ParamRow(at(kinds, i), at(selectors, i).strip(), names[i].strip());
				if (!row.name().isEmpty() || !row.selector().isEmpty()) {
					rows.add(row);
				}
			}
			return rows;
		}

		CrmParam toParam() {
			ParamKind parsed;
			try {
				parsed = ParamKind.valueOf(this.kind);
			}
			catch (IllegalArgumentException ex) {
				parsed = ParamKind.FIXED;
			}
			return new CrmParam(parsed, this.selector, this.name);
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
