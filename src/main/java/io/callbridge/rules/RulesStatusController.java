package io.callbridge.rules;

import io.callbridge.agents.Agents;
import io.callbridge.records.Tasks;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Tells an account's settings page whether its rules can do their job: with call-back
 * tasks on and no default responsible agent, missed calls from contacts nobody is
 * responsible for get tasks assigned to nobody.
 */
@Controller
class RulesStatusController {

	private final TelephonyAccounts accounts;

	private final Agents agents;

	private final Tasks tasks;

	RulesStatusController(TelephonyAccounts accounts, Agents agents, Tasks tasks) {
		this.accounts = accounts;
		this.agents = agents;
		this.tasks = tasks;
	}

	@GetMapping("/admin/telephony/{id}/rules-status")
	String status(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		boolean tasksOn = CommonSettings.of(account).missedCallTasks();
		model.addAttribute("noAssignee", tasksOn && this.agents.defaultResponsibleFor(account).isEmpty());
		model.addAttribute("unassigned", this.tasks.countOpenUnassignedAutomatic(user.tenantId()));
		return "rules/status :: status";
	}

}
