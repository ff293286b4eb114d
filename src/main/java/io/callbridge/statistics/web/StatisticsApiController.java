package io.callbridge.statistics.web;

import java.io.IOException;
import java.util.Locale;

import io.callbridge.shared.CsvCells;
import io.callbridge.shared.CurrentUser;
import io.callbridge.statistics.CallStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of the statistics dashboard: every aggregate as JSON, and each part of it as
 * CSV, for a period of the tenant's local days and optional filters. Agents get their own
 * calls only.
 */
@RestController
@Tag(name = "Statistics", description = "Call statistics: volumes, answer rate, missed calls and call-backs, "
		+ "wait and talk times, busiest hours, agents, outcomes and costs")
class StatisticsApiController {

	private static final String ROLES = " Supervisors and admins see every agent's calls; an agent sees only their own "
			+ "(agentId is set to theirs, and another agent's id is refused with 403). Ids that are not of the "
			+ "tenant and unreadable parameters are refused with 422 naming the parameter.";

	private final StatisticsRequests requests;

	private final CallStatistics statistics;

	private final MessageSource messages;

	StatisticsApiController(StatisticsRequests requests, CallStatistics statistics, MessageSource messages) {
		this.requests = requests;
		this.statistics = statistics;
		this.messages = messages;
	}

	@GetMapping("/api/v1/statistics/dashboard")
	@Operation(summary = "The dashboard's aggregates for a period (default: the last 7 days) and filters",
			description = "Counts the ended calls that started on the period's local days in the tenant's time zone "
					+ "(a call crossing midnight counts on the day it started). Missed = inbound calls missed, busy, "
					+ "cancelled or failed; calls rejected by the blacklist or not allowed by the provider are never "
					+ "missed and are left out of the answer rate and the wait times. Wait = ring time; talk = talk "
					+ "time of answered calls; p90 = the 90th percentile. Outcome labels are in the reader's "
					+ "language (Accept-Language)." + ROLES)
	DashboardView dashboard(CurrentUser user, @ParameterObject StatisticsParams params, Locale locale) {
		return view(user, params, locale);
	}

	@GetMapping(path = "/api/v1/statistics/{section}.csv", produces = "text/csv")
	@Operation(summary = "One part of the dashboard as CSV, with the same parameters",
			description = "Sections: totals, by-day, by-hour, heatmap, agents, outcomes, costs. UTF-8 with a byte "
					+ "order mark; headers in stable English snake_case (for BI tools), whatever the language. "
					+ "Columns are separated by ';' (with a decimal comma) when the reader's language "
					+ "(Accept-Language) is Spanish, by ',' (with a decimal point) otherwise, unless "
					+ "separator=comma|semicolon. by-day and by-hour have one column per call result; heatmap's "
					+ "weekday is ISO (1 = Monday); agents' outcomes are code=calls pairs and charges amount "
					+ "currency pairs, separated by '; '. Cells starting with = + - @ get a leading apostrophe, "
					+ "except numbers." + ROLES)
	void csv(CurrentUser user,
			@Parameter(description = "totals, by-day, by-hour, heatmap, agents, outcomes or costs",
					schema = @Schema(allowableValues = { "totals", "by-day", "by-hour", "heatmap", "agents", "outcomes",
							"costs" })) @PathVariable String section,
			@ParameterObject StatisticsParams params,
			@Parameter(description = "comma or semicolon; default: the reader's language") @RequestParam(
					required = false) @Nullable String separator,
			Locale locale, HttpServletResponse response) throws IOException {
		StatisticsSection part = StatisticsSection.of(section);
		char delimiter = CsvCells.separator(separator, locale);
		DashboardView view = view(user, params, locale);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"" + StatisticsCsv.fileName(part, view) + "\"");
		StatisticsCsv.write(part, view, delimiter, response.getWriter());
	}

	private DashboardView view(CurrentUser user, StatisticsParams params, Locale locale) {
		StatisticsQuery query = this.requests.resolve(user, params);
		return DashboardView.of(query, this.statistics.dashboard(user.tenantId(), query.filter()), this.messages,
				locale);
	}

}
