package io.callbridge.calls.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The call history sync page of a telephony account: the scheduled reconciliation's state
 * and a backfill of a range of days (in the tenant's time zone), for supervisors and
 * admins.
 */
@Controller
class ReconciliationPagesController {

	private final CallHistoryReconciliation reconciliation;

	private final TelephonyAccounts accounts;

	private final Tenants tenants;

	ReconciliationPagesController(CallHistoryReconciliation reconciliation, TelephonyAccounts accounts,
			Tenants tenants) {
		this.reconciliation = reconciliation;
		this.accounts = accounts;
		this.tenants = tenants;
	}

	@GetMapping("/admin/telephony/{id}/history")
	String page(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		LocalDate today = LocalDate.now(zone(user));
		return render(user, id, today.minusDays(7).toString(), today.toString(), model);
	}

	@PostMapping("/admin/telephony/{id}/history")
	String backfill(CurrentUser user, @PathVariable long id, @RequestParam String from, @RequestParam String to,
			Model model) {
		// Backfills ask the provider on the account's credentials: an admin's action.
		user.require(Role.ADMIN);
		ZoneId zone = zone(user);
		try {
			LocalDate first = LocalDate.parse(from.strip());
			LocalDate last = LocalDate.parse(to.strip());
			model.addAttribute("report", this.reconciliation.reconcile(user.tenantId(), id,
					first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant()));
		}
		catch (DateTimeParseException ex) {
			model.addAttribute("backfillError", Text.of("reconciliation.badDates").localized());
		}
		catch (Problems.InvalidInput | Problems.Conflict | Problems.ProviderFailure problem) {
			model.addAttribute("backfillError", problem.text().localized());
		}
		return render(user, id, from, to, model);
	}

	private String render(CurrentUser user, long id, String from, String to, Model model) {
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		model.addAttribute("account", account);
		model.addAttribute("supported", this.reconciliation.supports(account));
		model.addAttribute("state", this.reconciliation.state(user.tenantId(), id).orElse(null));
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("zone", zone(user));
		return "admin/telephony-history";
	}

	private ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

}
