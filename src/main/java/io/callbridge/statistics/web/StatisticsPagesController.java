package io.callbridge.statistics.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.callbridge.agents.Agents;
import io.callbridge.shared.CsvCells;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.statistics.CallStatistics;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccounts;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The statistics dashboard page: a filter bar, the headline figures, charts (drawn by
 * {@code statistics.js} from the figures the page carries) each with its numbers as a
 * table and a CSV download, the busiest hours and the agents. Agents see their own calls.
 */
@Controller
class StatisticsPagesController {

	private final StatisticsRequests requests;

	private final CallStatistics statistics;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final MessageSource messages;

	private final JsonMapper json;

	StatisticsPagesController(StatisticsRequests requests, CallStatistics statistics, Agents agents,
			TelephonyAccounts accounts, MessageSource messages, JsonMapper json) {
		this.requests = requests;
		this.statistics = statistics;
		this.agents = agents;
		this.accounts = accounts;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/statistics")
	String dashboard(CurrentUser user, StatisticsParams params, Locale locale, Model model,
			HttpServletResponse response) {
		model.addAttribute("params", params);
		try {
			StatisticsQuery query = this.requests.resolve(user, params);
			DashboardView view = DashboardView.of(query, this.statistics.dashboard(user.tenantId(), query.filter()),
					this.messages, locale);
			model.addAttribute("view", view);
			model.addAttribute("period", query.period().code());
			model.addAttribute("from", view.filter().from());
			model.addAttribute("to", view.filter().to());
			model.addAttribute("dashboardJson", this.json.writeValueAsString(view));
			StatisticsPageModel.addFigures(model, view, locale, this.messages, this.json);
		}
		catch (Problems.InvalidInput invalid) {
			// The filter bar again, with what was typed and why it was refused.
			response.setStatus(HttpServletResponse.SC_UNPROCESSABLE_CONTENT);
			model.addAttribute("errors", invalid.errors());
			model.addAttribute("period", (params.period() != null) ? params.period() : "");
			model.addAttribute("from", params.from());
			model.addAttribute("to", params.to());
		}
		addChoices(user, model);
		return "statistics/dashboard";
	}

	@GetMapping(path = "/statistics/{section}.csv", produces = "text/csv")
	void csv(CurrentUser user, @PathVariable String section, StatisticsParams params,
			@RequestParam(required = false) @Nullable String separator, Locale locale, HttpServletResponse response)
			throws IOException {
		StatisticsSection part = StatisticsSection.of(section);
		char delimiter = CsvCells.separator(separator, locale);
		StatisticsQuery query = this.requests.resolve(user, params);
		DashboardView view = DashboardView.of(query, this.statistics.dashboard(user.tenantId(), query.filter()),
				this.messages, locale);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"" + StatisticsCsv.fileName(part, view) + "\"");
		StatisticsCsv.write(part, view, delimiter, response.getWriter());
	}

	private void addChoices(CurrentUser user, Model model) {
		boolean everyone = user.isAtLeast(Role.SUPERVISOR);
		model.addAttribute("everyAgent", everyone);
		model.addAttribute("periods", Arrays.stream(StatisticsPeriod.values()).map(StatisticsPeriod::code).toList());
		model.addAttribute("accountList", this.accounts.list(user.tenantId()));
		model.addAttribute("agentList", everyone ? this.agents.list(user.tenantId()) : List.of());
		model.addAttribute("campaignList", this.requests.campaigns(user.tenantId()));
		model.addAttribute("directions", List.of(CallDirection.INBOUND, CallDirection.OUTBOUND));
		model.addAttribute("results", List.of(CallResult.values()));
	}

}
