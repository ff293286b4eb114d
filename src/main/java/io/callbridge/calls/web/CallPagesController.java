package io.callbridge.calls.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallEventRecord;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.CampaignNames;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.DispositionOutcome;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.calls.application.DispositionService.DispositionCommand;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.Tasks;
import io.callbridge.shared.CsvCells;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The call pages: the filtered history with CSV export, a call's detail with its
 * timeline, and recording its disposition.
 */
@Controller
class CallPagesController {

	private final Calls calls;

	private final DispositionService dispositions;

	private final Agents agents;

	private final Contacts contacts;

	private final TelephonyAccounts accounts;

	private final Tenants tenants;

	private final CallCsv csv;

	private static final int MAX_CONTACT_CHOICES = 20;

	private final Tasks tasks;

	// Optional: the module that keeps campaigns provides it; calls never depends on it.
	private final ObjectProvider<CampaignNames> campaignNames;

	CallPagesController(Calls calls, DispositionService dispositions, Agents agents, Contacts contacts,
			TelephonyAccounts accounts, Tenants tenants, CallCsv csv, Tasks tasks,
			ObjectProvider<CampaignNames> campaignNames) {
		this.tasks = tasks;
		this.campaignNames = campaignNames;
		this.calls = calls;
		this.dispositions = dispositions;
		this.agents = agents;
		this.contacts = contacts;
		this.accounts = accounts;
		this.tenants = tenants;
		this.csv = csv;
	}

	@GetMapping("/calls")
	String history(CurrentUser user, CallFilterParams filter, @RequestParam(required = false) @Nullable String contact,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			HttpServletRequest request, Model model) {
		ZoneId zone = zone(user);
		PageResult<Call> result = new PageResult<>(List.of(), 0, size, 0);
		if (filter.contactId() == null && contact != null && !contact.isBlank()) {
			List<Contact> matches = this.contacts.search(user.tenantId(), contact, 0, MAX_CONTACT_CHOICES).items();
			if (matches.size() == 1) {
				return "redirect:" + withContact(request, matches.get(0).id());
			}
			model.addAttribute("contactChoices", matches);
			model.addAttribute("errors", matches.isEmpty()
					? List.of(new FieldError("contact", Text.of("calls.noContactMatches", contact))) : List.of());
		}
		else {
			try {
				result = this.calls.search(user.tenantId(), filter.toFilter(zone), page, size);
			}
			catch (Problems.InvalidInput invalid) {
				model.addAttribute("errors", invalid.errors());
			}
		}
		model.addAttribute("contact", (contact != null) ? contact : "");
		addRowDetails(user, result.items(), model);
		model.addAttribute("page", result);
		model.addAttribute("filter", filter);
		model.addAttribute("agentList", this.agents.list(user.tenantId()));
		model.addAttribute("campaignList", campaignNames(user.tenantId()));
		model.addAttribute("filterContactName", (filter.contactId() != null)
				? this.contacts.namesOf(user.tenantId(), List.of(filter.contactId())).get(filter.contactId()) : null);
		model.addAttribute("directions", CallDirection.values());
		model.addAttribute("results", CallResult.values());
		model.addAttribute("zone", zone);
		return "calls/list";
	}

	@GetMapping(path = "/calls/export.csv", produces = "text/csv")
	void export(CurrentUser user, CallFilterParams filter, @RequestParam(required = false) @Nullable String separator,
			Locale locale, HttpServletResponse response) throws IOException {
		ZoneId zone = zone(user);
		CallFilter callFilter = filter.toFilter(zone);
		char delimiter = CsvCells.separator(separator, locale);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"calls.csv\"");
		this.csv.write(user.tenantId(), zone, callFilter, delimiter, response.getWriter());
	}

	/** The last calls of a contact, as a panel of the contact's page (loaded by htmx). */
	@GetMapping("/calls/contact-panel/{contactId}")
	String contactPanel(CurrentUser user, @PathVariable long contactId, Model model) {
		List<Call> recent = this.calls.recentForContact(user.tenantId(), contactId, 20);
		addRowDetails(user, recent, model);
		model.addAttribute("contactCalls", recent);
		model.addAttribute("contactId", contactId);
		model.addAttribute("charges", this.dispositions.chargesOfContact(user.tenantId(), contactId));
		model.addAttribute("zone", zone(user));
		return "calls/panels :: contactCalls";
	}

	@GetMapping("/calls/{id}")
	String detail(CurrentUser user, @PathVariable long id, Model model) {
		Call call = this.calls.get(user.tenantId(), id);
		Disposition disposition = this.dispositions.find(user.tenantId(), id).orElse(null);
		if (!model.containsAttribute("dispositionForm")) {
			model.addAttribute("dispositionForm", DispositionForm.of(disposition));
		}
		List<CallEventRecord> timeline = this.calls.timeline(user.tenantId(), id);
		Set<Long> agentIds = new HashSet<>();
		timeline.stream().map(CallEventRecord::agentId).filter(Objects::nonNull).forEach(agentIds::add);
		addIfPresent(agentIds, call.agentId());
		addIfPresent(agentIds, call.originatedBy());
		if (disposition != null) {
			// Whoever recorded the outcome (a supervisor, say) need not be in the
			// timeline.
			addIfPresent(agentIds, disposition.agentId());
		}
		model.addAttribute("call", call);
		model.addAttribute("disposition", disposition);
		model.addAttribute("timeline", timeline);
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(), agentIds));
		model.addAttribute("contactName", (call.contactId() != null)
				? this.contacts.namesOf(user.tenantId(), List.of(call.contactId())).get(call.contactId()) : null);
		model.addAttribute("account", this.accounts.get(user.tenantId(), call.accountId()));
		model.addAttribute("campaignName",
				(call.campaignId() != null) ? campaignNames(user.tenantId()).get(call.campaignId()) : null);
		model.addAttribute("outcomes", this.dispositions.outcomes(user.tenantId(), true));
		model.addAttribute("outcomeLabels", outcomeLabels(user.tenantId()));
		model.addAttribute("canDispose",
				user.isAtLeast(Role.SUPERVISOR) || this.calls.participants(id).contains(user.userId()));
		model.addAttribute("zone", zone(user));
		return "calls/detail";
	}

	@PostMapping("/calls/{id}/disposition")
	String dispose(CurrentUser user, @PathVariable long id, DispositionForm form, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		try {
			this.dispositions.save(user, id, form.toCommand());
		}
		catch (Problems.InvalidInput invalid) {
			// The page again with the errors by the fields and what was typed; never
			// with a "saved" notice.
			response.setStatus(HttpServletResponse.SC_UNPROCESSABLE_CONTENT);
			model.addAttribute("errors", invalid.errors());
			model.addAttribute("dispositionForm", form);
			model.addAttribute("saved", false);
			return detail(user, id, model);
		}
		redirect.addFlashAttribute("saved", true);
		return "redirect:/calls/" + id;
	}

	private Map<Long, String> campaignNames(long tenantId) {
		CampaignNames names = this.campaignNames.getIfAvailable();
		return (names != null) ? names.namesOf(tenantId) : Map.of();
	}

	private void addRowDetails(CurrentUser user, List<Call> rows, Model model) {
		Set<Long> agentIds = new HashSet<>();
		rows.forEach((call) -> {
			addIfPresent(agentIds, call.agentId());
			addIfPresent(agentIds, call.originatedBy());
		});
		List<Long> contactIds = rows.stream().map(Call::contactId).filter(Objects::nonNull).distinct().toList();
		Map<Long, List<Long>> rang = this.calls.rangAgents(user.tenantId(), rows.stream().map(Call::id).toList());
		rang.values().forEach(agentIds::addAll);
		Map<Long, Agent> agentsById = this.agents.byIds(user.tenantId(), agentIds);
		model.addAttribute("rangNames", rangNames(rang, agentsById));
		model.addAttribute("agentsById", agentsById);
		model.addAttribute("contactNames", this.contacts.namesOf(user.tenantId(), contactIds));
		model.addAttribute("dispositions",
				this.dispositions.forCalls(user.tenantId(), rows.stream().map(Call::id).toList()));
		model.addAttribute("followUps", this.tasks.forCalls(user.tenantId(), rows.stream().map(Call::id).toList()));
		model.addAttribute("outcomeLabels", outcomeLabels(user.tenantId()));
	}

	private Map<String, String> outcomeLabels(long tenantId) {
		return this.dispositions.outcomes(tenantId, false)
			.stream()
			.collect(Collectors.toMap(DispositionOutcome::code, DispositionOutcome::label));
	}

	// Who each call rang, by name: a missed call shows it where the agent would be.
	private static Map<Long, String> rangNames(Map<Long, List<Long>> rang, Map<Long, Agent> agents) {
		Map<Long, String> names = new HashMap<>();
		rang.forEach((callId, ids) -> names.put(callId,
				ids.stream()
					.map((id) -> (agents.get(id) != null) ? agents.get(id).displayName() : "#" + id)
					.collect(Collectors.joining(", "))));
		return names;
	}

	// The history's address with the contact chosen by id instead of the text typed.
	private static String withContact(HttpServletRequest request, long contactId) {
		return UriComponentsBuilder.fromPath(request.getRequestURI())
			.query(request.getQueryString())
			.replaceQueryParam("contact")
			.replaceQueryParam("page")
			.replaceQueryParam("contactId", contactId)
			.build()
			.toUriString();
	}

	private ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

	private static void addIfPresent(Set<Long> ids, @Nullable Long id) {
		if (id != null) {
			ids.add(id);
		}
	}

	/**
	 * The disposition form as typed, kept when it is refused.
	 *
	 * @param outcome outcome code
	 * @param notes notes
	 * @param chargeAmount charge as typed (comma or point as decimal separator)
	 */
	record DispositionForm(@Nullable String outcome, @Nullable String notes, @Nullable String chargeAmount) {

		static DispositionForm of(@Nullable Disposition disposition) {
			if (disposition == null) {
				return new DispositionForm(null, null, null);
			}
			return new DispositionForm(disposition.outcome(), disposition.notes(),
					(disposition.chargeAmount() != null) ? disposition.chargeAmount().toPlainString() : null);
		}

		DispositionCommand toCommand() {
			return new DispositionCommand(this.outcome, this.notes, amount(), null);
		}

		private @Nullable BigDecimal amount() {
			if (this.chargeAmount == null || this.chargeAmount.isBlank()) {
				return null;
			}
			try {
				return new BigDecimal(this.chargeAmount.strip().replace(',', '.'));
			}
			catch (NumberFormatException ex) {
				throw new Problems.InvalidInput("chargeAmount",
						Text.of("problem.chargeAmount.invalid", this.chargeAmount));
			}
		}

	}

}
