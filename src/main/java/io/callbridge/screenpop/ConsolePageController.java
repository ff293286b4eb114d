package io.callbridge.screenpop;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.AgentStatusService;
import io.callbridge.agents.AgentStatuses;
import io.callbridge.agents.Agents;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.ClickToCall;
import io.callbridge.calls.application.ClickToCall.ClickToCallCommand;
import io.callbridge.calls.application.ClickToCall.Originated;
import io.callbridge.records.Tasks;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agent console page with its side panels, each also an htmx fragment the page
 * re-fetches when a console message says what it shows changed: the agent's call in
 * progress (with hang up and close), the dial form, their open tasks and recent calls,
 * and their status (available, busy, on a break, offline), which they change here.
 */
@Controller
class ConsolePageController {

	private static final int RECENT_CALLS = 10;

	private final ActiveCalls activeCalls;

	private final Tasks tasks;

	private final Calls calls;

	private final Tenants tenants;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final ClickToCall clickToCall;

	private final AgentStatuses statuses;

	private final AgentStatusService statusService;

	ConsolePageController(ActiveCalls activeCalls, Tasks tasks, Calls calls, Tenants tenants, Agents agents,
			TelephonyAccounts accounts, ClickToCall clickToCall, AgentStatuses statuses,
			AgentStatusService statusService) {
		this.statuses = statuses;
		this.statusService = statusService;
		this.activeCalls = activeCalls;
		this.tasks = tasks;
		this.calls = calls;
		this.tenants = tenants;
		this.agents = agents;
		this.accounts = accounts;
		this.clickToCall = clickToCall;
	}

	@GetMapping("/console")
	String console(CurrentUser user, Model model) {
		List<AgentExtension> extensions = this.agents.extensionsOf(user.userId());
		model.addAttribute("extensions", extensions);
		model.addAttribute("identities", identities(user.tenantId(), extensions));
		ActiveCalls.View active = addActiveCall(user, model, null);
		model.addAttribute("activeCallId", (active != null) ? active.call().id() : null);
		addTasks(user, model);
		addRecentCalls(user, model);
		addStatus(user, model);
		return "console/console";
	}

	@GetMapping("/console/panels/status")
	String status(CurrentUser user, Model model) {
		addStatus(user, model);
		return "console/panels :: agentStatus";
	}

	@PostMapping("/console/status")
	String changeStatus(CurrentUser user, @RequestParam AgentStatus status, Model model) {
		this.statusService.change(user, user.userId(), status);
		addStatus(user, model);
		model.addAttribute("statusSaved", true);
		return "console/panels :: agentStatus";
	}

	@PostMapping("/console/dial")
	String dial(CurrentUser user, @RequestParam String number, @RequestParam(required = false) @Nullable Long contactId,
			@RequestParam(required = false) @Nullable String callerId, Model model) {
		Originated originated = this.clickToCall.call(user,
				new ClickToCallCommand(number, contactId, null, null, callerId));
		model.addAttribute("originated", originated);
		return "console/card :: dialResult";
	}

	@GetMapping("/console/panels/active-call")
	String activeCall(CurrentUser user, Model model) {
		addActiveCall(user, model, null);
		return "console/panels :: activeCall";
	}

	@GetMapping("/console/panels/tasks")
	String tasks(CurrentUser user, Model model) {
		addTasks(user, model);
		return "console/panels :: myTasks";
	}

	@GetMapping("/console/panels/recent-calls")
	String recentCalls(CurrentUser user, Model model) {
		addRecentCalls(user, model);
		return "console/panels :: recentCalls";
	}

	@PostMapping("/console/calls/{id}/hang-up")
	String hangUp(CurrentUser user, @PathVariable long id, Model model) {
		Text notice = this.activeCalls.hangUp(user, id);
		addActiveCall(user, model, notice);
		return "console/panels :: activeCall";
	}

	@PostMapping("/console/calls/{id}/close")
	String close(CurrentUser user, @PathVariable long id, Model model) {
		this.activeCalls.close(user, id);
		addActiveCall(user, model, Text.of("console.closeCall.done"));
		return "console/panels :: activeCall";
	}

	private ActiveCalls.@Nullable View addActiveCall(CurrentUser user, Model model, @Nullable Text notice) {
		ActiveCalls.View active = this.activeCalls.of(user).orElse(null);
		model.addAttribute("activeCall", active);
		model.addAttribute("notice", notice);
		addZone(user, model);
		return active;
	}

	private void addTasks(CurrentUser user, Model model) {
		model.addAttribute("openTasks", this.tasks.openForAssignee(user.tenantId(), user.userId()));
		addZone(user, model);
	}

	private void addRecentCalls(CurrentUser user, Model model) {
		model.addAttribute("recentCalls",
				this.calls
					.search(user.tenantId(), new CallFilter(null, null, user.userId(), null, null, null), 0,
							RECENT_CALLS)
					.items());
		addZone(user, model);
	}

	// The identities the agent may call from: their extension on their first account,
	// then that account's further identities (e.g. a private endpoint).
	private List<String> identities(long tenantId, List<AgentExtension> extensions) {
		if (extensions.isEmpty()) {
			return List.of();
		}
		List<String> identities = new ArrayList<>();
		identities.add(extensions.get(0).extension());
		this.accounts.find(extensions.get(0).accountId())
			.filter((a) -> a.tenantId() == tenantId)
			.ifPresent((a) -> identities.addAll(CommonSettings.of(a).callerIdentities()));
		return identities.stream().distinct().toList();
	}

	private void addStatus(CurrentUser user, Model model) {
		model.addAttribute("agentStatus", this.statuses.of(user.tenantId(), user.userId()).status());
		model.addAttribute("statuses", AgentStatus.values());
	}

	private void addZone(CurrentUser user, Model model) {
		if (!model.containsAttribute("zone")) {
			model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		}
	}

}
